// Permission checks as an ordinary user (uid 1000, gid 1000, also in 2000).
#include "helpers.hpp"

using namespace vfstest;

namespace {
// A directory owned by root (0755) holding root's file (0644), a world-
// writable sticky directory and a directory owned by the user.
struct Tree {
    std::string d;
    explicit Tree(const char* name) {
        AsRoot root;
        d = scratch(name);
        put(d + "/roots", "r");
        REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/sticky").c_str(), 0777)) == 0);
        REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (d + "/sticky").c_str(), 01777, 0)) == 0);
        put(d + "/sticky/roots", "r");
        REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/home").c_str(), 0755)) == 0);
        REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (d + "/home").c_str(), 1000, 1000, 0)) == 0);
    }
};
}  // namespace

TEST_CASE("perm: access(2) answers for the caller's ids") {
    Tree t("perm-access");
    AsUser user;
    auto access = [](const std::string& p, int mode) { return err(sys::faccessat2(LX_AT_FDCWD, p.c_str(), mode, 0)); };
    CHECK(access(t.d + "/roots", LX_R_OK) == 0);
    CHECK(access(t.d + "/roots", LX_W_OK) == LX_EACCES);
    CHECK(access(t.d + "/roots", LX_X_OK) == LX_EACCES);
    CHECK(access(t.d + "/roots", LX_F_OK) == 0);
    CHECK(access(t.d + "/none", LX_F_OK) == LX_ENOENT);
    CHECK(access(t.d, LX_W_OK) == LX_EACCES);
    CHECK(access(t.d + "/home", LX_W_OK | LX_X_OK) == 0);
    CHECK(access(t.d, 8) == LX_EINVAL);
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, t.d.c_str(), 0, 0x4)) == LX_EINVAL);
}

TEST_CASE("perm: root may not execute a file nobody may execute") {
    Tree t("perm-rootexec");
    AsRoot root;
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, (t.d + "/roots").c_str(), LX_X_OK, 0)) == LX_EACCES);
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, (t.d + "/roots").c_str(), LX_W_OK, 0)) == 0);
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, t.d.c_str(), LX_X_OK, 0)) == 0);
}

TEST_CASE("perm: creating and removing needs write and search on the directory") {
    Tree t("perm-create");
    AsUser user;
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (t.d + "/x").c_str(), 0755)) == LX_EACCES);
    CHECK(err(sys::openat(LX_AT_FDCWD, (t.d + "/x").c_str(), LX_O_CREAT | LX_O_WRONLY, 0644)) == LX_EACCES);
    CHECK(err(sys::symlinkat("t", LX_AT_FDCWD, (t.d + "/x").c_str())) == LX_EACCES);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (t.d + "/x").c_str(), LX_S_IFIFO | 0644, 0)) == LX_EACCES);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (t.d + "/roots").c_str(), 0)) == LX_EACCES);
    // EEXIST wins over EACCES, as on Linux.
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (t.d + "/roots").c_str(), 0755)) == LX_EEXIST);
    CHECK(err(sys::openat(LX_AT_FDCWD, (t.d + "/roots").c_str(), LX_O_WRONLY, 0)) == LX_EACCES);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (t.d + "/home/x").c_str(), 0755)) == 0);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (t.d + "/home/dev").c_str(), LX_S_IFCHR | 0644, lx_makedev(1, 3))) ==
          LX_EPERM);
    CHECK(err(sys::chroot(t.d.c_str())) == LX_EPERM);
    // Sticky directory: anyone creates, only the owner removes.
    put(t.d + "/sticky/mine", "m");
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (t.d + "/sticky/roots").c_str(), 0)) == LX_EPERM);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (t.d + "/sticky/mine").c_str(), 0)) == 0);
    // Hard links to files the user cannot write (protected_hardlinks).
    CHECK(err(sys::linkat(LX_AT_FDCWD, (t.d + "/roots").c_str(), LX_AT_FDCWD, (t.d + "/home/l").c_str(), 0)) ==
          LX_EPERM);
    int fd = open_file(t.d + "/roots", LX_O_RDONLY);
    CHECK(err(sys::linkat(fd, "", LX_AT_FDCWD, (t.d + "/home/l").c_str(), LX_AT_EMPTY_PATH)) == LX_EPERM);
    put(t.d + "/home/mine", "");
    int mine = open_file(t.d + "/home/mine", LX_O_RDONLY);
    CHECK(err(sys::linkat(mine, "", LX_AT_FDCWD, (t.d + "/home/l").c_str(), LX_AT_EMPTY_PATH)) == 0);
    CHECK(err(sys::close(mine)) == 0);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("perm: chmod is the owner's, and set-group-ID needs the group") {
    Tree t("perm-chmod");
    AsUser user(1000, 1000, 2000);
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/roots").c_str(), 0666, 0)) == LX_EPERM);
    put(t.d + "/home/f", "");
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 02755, 0)) == 0);
    CHECK((stat_of(t.d + "/home/f").st_mode & 07777) == 02755);
    REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 0xffffffffu, 2000, 0)) == 0);
    CHECK(stat_of(t.d + "/home/f").st_gid == 2000);
    // Not in group 3000: a chown there is EPERM; and a file whose group the
    // user is not in loses S_ISGID on chmod.
    CHECK(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 0xffffffffu, 3000, 0)) == LX_EPERM);
    CHECK(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 0, 0xffffffffu, 0)) == LX_EPERM);
    {
        AsRoot root;
        REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 0xffffffffu, 3000, 0)) == 0);
    }
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/home/f").c_str(), 02755, 0)) == 0);
    CHECK((stat_of(t.d + "/home/f").st_mode & 07777) == 0755);
    // A symlink's mode never changes.
    REQUIRE(err(sys::symlinkat("f", LX_AT_FDCWD, (t.d + "/home/l").c_str())) == 0);
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/home/l").c_str(), 0600, LX_AT_SYMLINK_NOFOLLOW)) == LX_EOPNOTSUPP);
}

TEST_CASE("perm: chown drops set-user-ID and set-group-ID") {
    Tree t("perm-chown");
    AsRoot root;
    put(t.d + "/suid", "");
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/suid").c_str(), 06755, 0)) == 0);
    REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/suid").c_str(), 0xffffffffu, 0xffffffffu, 0)) == 0);
    CHECK((stat_of(t.d + "/suid").st_mode & 07777) == 0755);
    // Without group execute, set-group-ID means mandatory locking and stays.
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/suid").c_str(), 06745, 0)) == 0);
    REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/suid").c_str(), 5, 5, 0)) == 0);
    CHECK((stat_of(t.d + "/suid").st_mode & 07777) == 02745);
    CHECK(stat_of(t.d + "/suid").st_uid == 5);
    // Directories keep theirs.
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/home").c_str(), 02755, 0)) == 0);
    REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/home").c_str(), 7, 7, 0)) == 0);
    CHECK((stat_of(t.d + "/home").st_mode & 07777) == 02755);
    // lchown changes the link, not the target.
    REQUIRE(err(sys::symlinkat("suid", LX_AT_FDCWD, (t.d + "/l").c_str())) == 0);
    REQUIRE(err(sys::fchownat(LX_AT_FDCWD, (t.d + "/l").c_str(), 9, 9, LX_AT_SYMLINK_NOFOLLOW)) == 0);
    CHECK(stat_of(t.d + "/l", LX_AT_SYMLINK_NOFOLLOW).st_uid == 9);
    CHECK(stat_of(t.d + "/suid").st_uid == 5);
}

TEST_CASE("perm: truncate, utimensat and writes as an ordinary user") {
    Tree t("perm-data");
    AsUser user;
    CHECK(err(sys::truncate((t.d + "/roots").c_str(), 0)) == LX_EACCES);
    // Setting times to now needs write access; explicit times need ownership.
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (t.d + "/roots").c_str(), nullptr, 0)) == LX_EACCES);
    lx_timespec times[2] = {{1, 0}, {2, 0}};
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (t.d + "/roots").c_str(), times, 0)) == LX_EPERM);
    lx_timespec omit[2] = {{0, LX_UTIME_OMIT}, {0, LX_UTIME_OMIT}};
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (t.d + "/roots").c_str(), omit, 0)) == 0);
    {
        AsRoot root;
        REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/roots").c_str(), 0666, 0)) == 0);
    }
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (t.d + "/roots").c_str(), nullptr, 0)) == 0);
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (t.d + "/roots").c_str(), times, 0)) == LX_EPERM);
    CHECK(err(sys::truncate((t.d + "/roots").c_str(), 0)) == 0);
    // A write by a non-root user drops set-user-ID.
    put(t.d + "/home/s", "");
    REQUIRE(err(sys::fchmodat(LX_AT_FDCWD, (t.d + "/home/s").c_str(), 04755, 0)) == 0);
    put(t.d + "/home/s", "data");
    CHECK((stat_of(t.d + "/home/s").st_mode & 07777) == 0755);
}
