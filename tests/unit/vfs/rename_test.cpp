// Every rename(2) rule, RENAME_NOREPLACE and RENAME_EXCHANGE.
#include "helpers.hpp"

using namespace vfstest;

namespace {
int rename(const std::string& a, const std::string& b, unsigned flags = 0) {
    return err(sys::renameat2(LX_AT_FDCWD, a.c_str(), LX_AT_FDCWD, b.c_str(), flags));
}
void mkdir(const std::string& p) { REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, p.c_str(), 0755)) == 0); }
}  // namespace

TEST_CASE("rename: files and directories move and replace") {
    AsRoot root;
    std::string d = scratch("rename");
    put(d + "/a", "A");
    put(d + "/b", "B");
    auto ino_a = stat_of(d + "/a").st_ino;
    CHECK(rename(d + "/a", d + "/b") == 0);  // replaces b
    CHECK_FALSE(exists(d + "/a"));
    CHECK(get(d + "/b") == "A");
    CHECK(stat_of(d + "/b").st_ino == ino_a);

    mkdir(d + "/d1");
    mkdir(d + "/d2");
    put(d + "/d1/f", "in d1");
    CHECK(rename(d + "/d1", d + "/d2") == 0);  // an empty directory is replaced
    CHECK(get(d + "/d2/f") == "in d1");
    CHECK(stat_of(d).st_nlink == 3);
    // Moving a directory elsewhere moves its ".." too.
    mkdir(d + "/other");
    CHECK(rename(d + "/d2", d + "/other/d2") == 0);
    CHECK(stat_of(d + "/other/d2/..").st_ino == stat_of(d + "/other").st_ino);
    CHECK(stat_of(d + "/other").st_nlink == 3);
    CHECK(stat_of(d).st_nlink == 3);
}

TEST_CASE("rename: errors in Linux's order") {
    AsRoot root;
    std::string d = scratch("rename-errors");
    mkdir(d + "/dir");
    mkdir(d + "/full");
    put(d + "/full/x", "");
    mkdir(d + "/empty");
    put(d + "/file", "f");
    CHECK(rename(d + "/nothing", d + "/x") == LX_ENOENT);
    CHECK(rename(d + "/file", d + "/dir") == LX_EISDIR);
    CHECK(rename(d + "/dir", d + "/file") == LX_ENOTDIR);
    CHECK(rename(d + "/dir", d + "/full") == LX_ENOTEMPTY);
    CHECK(rename(d + "/dir", d + "/dir/sub") == LX_EINVAL);  // into itself
    CHECK(rename(d + "/dir", d + "/dir") == 0);
    mkdir(d + "/dir/sub");
    CHECK(rename(d + "/dir", d + "/dir/sub/deeper") == LX_EINVAL);
    CHECK(rename(d + "/dir/sub", d + "/dir/sub/x") == LX_EINVAL);
    CHECK(rename(d + "/dir/sub", d) == LX_ENOTEMPTY);  // onto its own ancestor
    put(d + "/dir/sub/f", "");
    CHECK(rename(d + "/dir/sub/f", d + "/dir") == LX_ENOTEMPTY);
    CHECK(rename(d + "/file/", d + "/g") == LX_ENOTDIR);
    CHECK(rename(d + "/file", d + "/g/") == LX_ENOTDIR);
    CHECK(rename(d + "/empty/", d + "/empty2/") == 0);
    CHECK(rename(d + "/.", d + "/x") == LX_EBUSY);
    CHECK(rename(d + "/file", d + "/..") == LX_EBUSY);
    CHECK(rename("/", d + "/x") == LX_EBUSY);
    CHECK(rename("/tmp", d + "/x") == LX_EBUSY);
    CHECK(rename(d + "/file", "/tmp/file") == LX_EXDEV);
    CHECK(rename(d + "/file", d + "/g", 8) == LX_EINVAL);
    // Two names of one file: nothing happens, both stay.
    REQUIRE(err(sys::linkat(LX_AT_FDCWD, (d + "/file").c_str(), LX_AT_FDCWD, (d + "/hard").c_str(), 0)) == 0);
    CHECK(rename(d + "/file", d + "/hard") == 0);
    CHECK(exists(d + "/file"));
    CHECK(exists(d + "/hard"));
}

TEST_CASE("rename: RENAME_NOREPLACE and RENAME_EXCHANGE") {
    AsRoot root;
    std::string d = scratch("rename-flags");
    put(d + "/a", "A");
    put(d + "/b", "B");
    mkdir(d + "/dir");
    put(d + "/dir/inside", "I");
    CHECK(rename(d + "/a", d + "/b", LX_RENAME_NOREPLACE) == LX_EEXIST);
    CHECK(rename(d + "/a", d + "/c", LX_RENAME_NOREPLACE) == 0);
    CHECK(rename(d + "/c", d + "/a", LX_RENAME_NOREPLACE) == 0);
    CHECK(rename(d + "/a", d + "/b", LX_RENAME_NOREPLACE | LX_RENAME_EXCHANGE) == LX_EINVAL);
    CHECK(rename(d + "/a", d + "/none", LX_RENAME_EXCHANGE) == LX_ENOENT);
    CHECK(rename(d + "/a", d + "/b", LX_RENAME_EXCHANGE) == 0);
    CHECK(get(d + "/a") == "B");
    CHECK(get(d + "/b") == "A");
    // A file and a directory swap, and ".." follows the directory.
    mkdir(d + "/sub");
    CHECK(rename(d + "/dir", d + "/sub/x", 0) == 0);
    put(d + "/sub/file", "F");
    CHECK(rename(d + "/sub/x", d + "/a", LX_RENAME_EXCHANGE) == 0);
    CHECK(get(d + "/a/inside") == "I");
    CHECK(get(d + "/sub/x") == "B");
    CHECK(stat_of(d + "/a/..").st_ino == stat_of(d).st_ino);
    CHECK(stat_of(d + "/sub").st_nlink == 2);
    // A directory cannot be exchanged with its own descendant.
    mkdir(d + "/a/deep");
    CHECK(rename(d + "/a", d + "/a/deep", LX_RENAME_EXCHANGE) == LX_EINVAL);
    CHECK(rename(d + "/a/deep", d + "/a", LX_RENAME_EXCHANGE) == LX_EINVAL);
}

TEST_CASE("rename: the sticky bit and permissions, as an ordinary user") {
    std::string d;
    {
        AsRoot root;
        d = scratch("rename-perm");
        REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, d.c_str(), 01777, 0)) == 0);
        put(d + "/roots", "r");
        mkdir(d + "/ro");
    }
    AsUser user;
    put(d + "/mine", "m");
    CHECK(rename(d + "/roots", d + "/stolen") == LX_EPERM);  // sticky: not the owner
    CHECK(rename(d + "/mine", d + "/roots") == LX_EPERM);    // nor may it replace root's file
    CHECK(rename(d + "/mine", d + "/ro/mine") == LX_EACCES); // no write permission in ro
    CHECK(rename(d + "/mine", d + "/mine2") == 0);
}

TEST_CASE("rename: RENAME_WHITEOUT leaves a 0:0 character device (root only)") {
    AsRoot root;
    std::string d = scratch("whiteout");
    put(d + "/a", "A");
    REQUIRE(rename(d + "/a", d + "/b", LX_RENAME_WHITEOUT) == 0);
    lx_stat st = stat_of(d + "/a");
    CHECK(st.st_mode == LX_S_IFCHR);
    CHECK(st.st_rdev == 0);
    CHECK(get(d + "/b") == "A");
    CHECK(rename(d + "/b", d + "/a", LX_RENAME_WHITEOUT | LX_RENAME_EXCHANGE) == LX_EINVAL);
    AsUser user;
    CHECK(rename(d + "/b", d + "/c", LX_RENAME_WHITEOUT) == LX_EPERM);
}
