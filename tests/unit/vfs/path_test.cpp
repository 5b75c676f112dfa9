// Path walk: ".", "..", symlinks, the symlink limit, trailing slashes,
// length limits, ENOTDIR, empty paths.
#include "helpers.hpp"

using namespace vfstest;

TEST_CASE("path: . and .. walk the tree and stop at the root") {
    AsRoot root;
    std::string d = scratch("dots");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/a").c_str(), 0755)) == 0);
    put(d + "/a/f", "x");
    CHECK(stat_of(d + "/a/./../a/f").st_ino == stat_of(d + "/a/f").st_ino);
    CHECK(stat_of("/../../..").st_ino == stat_of("/").st_ino);
    CHECK(stat_of(d + "//a///f").st_ino == stat_of(d + "/a/f").st_ino);
    // ".." out of a mounted file system goes to the directory it is mounted on.
    CHECK(stat_of("/tmp/..").st_ino == stat_of("/").st_ino);
}

TEST_CASE("path: symlinks, relative and absolute, and the ELOOP limit") {
    AsRoot root;
    std::string d = scratch("links");
    put(d + "/target", "data");
    REQUIRE(err(sys::symlinkat("target", LX_AT_FDCWD, (d + "/rel").c_str())) == 0);
    REQUIRE(err(sys::symlinkat((d + "/target").c_str(), LX_AT_FDCWD, (d + "/abs").c_str())) == 0);
    CHECK(get(d + "/rel") == "data");
    CHECK(get(d + "/abs") == "data");
    CHECK(lx_s_islnk(stat_of(d + "/rel", LX_AT_SYMLINK_NOFOLLOW).st_mode));

    // A chain of 40 links resolves; 41 is ELOOP.
    std::string prev = "target";
    for (int i = 1; i <= 41; ++i) {
        std::string name = "l" + std::to_string(i);
        REQUIRE(err(sys::symlinkat(prev.c_str(), LX_AT_FDCWD, (d + "/" + name).c_str())) == 0);
        prev = name;
    }
    CHECK(get(d + "/l40") == "data");
    lx_stat st;
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/l41").c_str(), &st, 0)) == LX_ELOOP);
    // A link to itself loops.
    REQUIRE(err(sys::symlinkat("self", LX_AT_FDCWD, (d + "/self").c_str())) == 0);
    CHECK(err(sys::openat(LX_AT_FDCWD, (d + "/self").c_str(), LX_O_RDONLY, 0)) == LX_ELOOP);
    // O_NOFOLLOW on a symlink is ELOOP too.
    CHECK(err(sys::openat(LX_AT_FDCWD, (d + "/rel").c_str(), LX_O_RDONLY | LX_O_NOFOLLOW, 0)) == LX_ELOOP);
    // A dangling link: ENOENT through it, but lstat works.
    REQUIRE(err(sys::symlinkat("nowhere", LX_AT_FDCWD, (d + "/dangling").c_str())) == 0);
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/dangling").c_str(), &st, 0)) == LX_ENOENT);
    CHECK(exists(d + "/dangling"));
}

TEST_CASE("path: trailing slashes, ENOTDIR, ENAMETOOLONG, empty paths") {
    AsRoot root;
    std::string d = scratch("slashes");
    put(d + "/file", "x");
    lx_stat st;
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/file/").c_str(), &st, 0)) == LX_ENOTDIR);
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/file/x").c_str(), &st, 0)) == LX_ENOTDIR);
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/").c_str(), &st, 0)) == 0);
    // A trailing slash follows a symlink to a directory even with NOFOLLOW.
    REQUIRE(err(sys::symlinkat(d.c_str(), LX_AT_FDCWD, (d + "/dirlink").c_str())) == 0);
    REQUIRE(err(sys::newfstatat(LX_AT_FDCWD, (d + "/dirlink/").c_str(), &st, LX_AT_SYMLINK_NOFOLLOW)) == 0);
    CHECK(lx_s_isdir(st.st_mode));

    std::string long_name(256, 'n');
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/" + long_name).c_str(), &st, 0)) == LX_ENAMETOOLONG);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (d + "/" + long_name).c_str(), 0755)) == LX_ENAMETOOLONG);
    std::string ok_name(255, 'n');
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (d + "/" + ok_name).c_str(), 0755)) == 0);
    std::string long_path(5000, 'p');
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, long_path.c_str(), &st, 0)) == LX_ENAMETOOLONG);

    CHECK(err(sys::newfstatat(LX_AT_FDCWD, "", &st, 0)) == LX_ENOENT);
    CHECK(err(sys::openat(LX_AT_FDCWD, "", LX_O_RDONLY, 0)) == LX_ENOENT);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, "", 0755)) == LX_ENOENT);
    // AT_EMPTY_PATH: the dirfd itself.
    int fd = open_file(d + "/file", LX_O_RDONLY);
    CHECK(err(sys::newfstatat(fd, "", &st, LX_AT_EMPTY_PATH)) == 0);
    CHECK(st.st_ino == stat_of(d + "/file").st_ino);
    // A relative path from a non-directory fd.
    CHECK(err(sys::newfstatat(fd, "x", &st, 0)) == LX_ENOTDIR);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("path: a directory without search permission stops the walk") {
    std::string d;
    {
        AsRoot root;
        d = scratch("search");
        REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/locked").c_str(), 0700)) == 0);
        put(d + "/locked/f", "x");
    }
    AsUser user;
    lx_stat st;
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/locked/f").c_str(), &st, 0)) == LX_EACCES);
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, (d + "/locked").c_str(), &st, 0)) == 0);
}

TEST_CASE("path: dirfd-relative calls") {
    AsRoot root;
    std::string d = scratch("dirfd");
    int dfd = open_file(d, LX_O_RDONLY | LX_O_DIRECTORY);
    REQUIRE(err(sys::mkdirat(dfd, "sub", 0755)) == 0);
    int fd = sys::openat(dfd, "sub/f", LX_O_CREAT | LX_O_WRONLY, 0644).value();
    CHECK(err(sys::close(fd)) == 0);
    CHECK(exists(d + "/sub/f"));
    CHECK(err(sys::unlinkat(dfd, "sub/f", 0)) == 0);
    CHECK(err(sys::unlinkat(dfd, "sub", LX_AT_REMOVEDIR)) == 0);
    CHECK(err(sys::mkdirat(12345, "x", 0755)) == LX_EBADF);
    CHECK(err(sys::close(dfd)) == 0);
}
