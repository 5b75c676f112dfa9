// The working directory, chroot, umask, and the ids.
#include "helpers.hpp"

using namespace vfstest;

namespace {
// Restores the cwd and root when a test ends.
struct KeepPlace {
    vfs::PathRef cwd = current().cwd();
    vfs::PathRef root = current().root();
    ~KeepPlace() {
        current().set_cwd(cwd);
        current().set_root(root);
    }
};
std::string cwd() {
    char buf[4096];
    auto r = sys::getcwd(buf, sizeof buf);
    REQUIRE_MESSAGE(r.ok(), errno_name(r.error()));
    CHECK(*r == std::string(buf).size() + 1);
    return buf;
}
}  // namespace

TEST_CASE("cwd: chdir, fchdir and getcwd") {
    AsRoot root;
    KeepPlace keep;
    std::string d = scratch("cwd");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/a").c_str(), 0755)) == 0);
    REQUIRE(err(sys::chdir((d + "/a").c_str())) == 0);
    CHECK(cwd() == d + "/a");
    put("rel", "relative");
    CHECK(get(d + "/a/rel") == "relative");
    REQUIRE(err(sys::chdir("..")) == 0);
    CHECK(cwd() == d);
    REQUIRE(err(sys::chdir("/tmp")) == 0);
    CHECK(cwd() == "/tmp");
    int fd = open_file(d + "/a", LX_O_RDONLY | LX_O_DIRECTORY);
    REQUIRE(err(sys::fchdir(fd)) == 0);
    CHECK(cwd() == d + "/a");
    CHECK(err(sys::close(fd)) == 0);
    int path = open_file(d, LX_O_PATH);
    CHECK(err(sys::fchdir(path)) == 0);
    CHECK(cwd() == d);
    CHECK(err(sys::close(path)) == 0);
    int file = open_file(d + "/a/rel", LX_O_RDONLY);
    CHECK(err(sys::fchdir(file)) == LX_ENOTDIR);
    CHECK(err(sys::close(file)) == 0);
    CHECK(err(sys::chdir((d + "/a/rel").c_str())) == LX_ENOTDIR);
    CHECK(err(sys::chdir((d + "/none").c_str())) == LX_ENOENT);
    char small[4];
    CHECK(err(sys::getcwd(small, sizeof small)) == LX_ERANGE);
    CHECK(err(sys::getcwd(small, 0)) == LX_ERANGE);
    // A removed working directory has no name.
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/gone").c_str(), 0755)) == 0);
    REQUIRE(err(sys::chdir((d + "/gone").c_str())) == 0);
    REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/gone").c_str(), LX_AT_REMOVEDIR)) == 0);
    char buf[256];
    CHECK(err(sys::getcwd(buf, sizeof buf)) == LX_ENOENT);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, "x", 0755)) == LX_ENOENT);
    // ".." still leads back to where it was.
    REQUIRE(err(sys::chdir("..")) == 0);
    CHECK(cwd() == d);
    // No search permission: EACCES.
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/private").c_str(), 0700)) == 0);
    {
        AsUser user;
        CHECK(err(sys::chdir((d + "/private").c_str())) == LX_EACCES);
        CHECK(err(sys::chdir("/tmp")) == 0);
    }
}

TEST_CASE("cwd: chroot confines absolute paths and ..") {
    AsRoot root;
    KeepPlace keep;
    std::string d = scratch("chroot");
    put(d + "/inside", "in");
    REQUIRE(err(sys::chroot(d.c_str())) == 0);
    CHECK(get("/inside") == "in");
    CHECK(get("/../../inside") == "in");
    REQUIRE(err(sys::chdir("/")) == 0);
    CHECK(cwd() == "/");
    CHECK(err(sys::chroot("/inside")) == LX_ENOTDIR);
}

TEST_CASE("cwd: umask applies to new files and directories") {
    AsRoot root;
    std::string d = scratch("umask");
    sys::mode_t old = sys::umask(077);
    CHECK(sys::umask(077) == 077);
    put(d + "/f", "");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/dir").c_str(), 0777)) == 0);
    REQUIRE(err(sys::mknodat(LX_AT_FDCWD, (d + "/fifo").c_str(), LX_S_IFIFO | 0666, 0)) == 0);
    CHECK((stat_of(d + "/f").st_mode & 0777) == 0600);
    CHECK((stat_of(d + "/dir").st_mode & 0777) == 0700);
    CHECK((stat_of(d + "/fifo").st_mode & 0777) == 0600);
    sys::umask(old);
}

TEST_CASE("ids: pid, ppid and the credentials") {
    CHECK(sys::getpid() > 0);
    CHECK(sys::getppid() >= 0);
    CHECK(sys::getpid() == sys::getpid());
    AsUser user(1234, 5678, 42);
    CHECK(sys::getuid() == 1234);
    CHECK(sys::geteuid() == 1234);
    CHECK(sys::getgid() == 5678);
    CHECK(sys::getegid() == 5678);
    CHECK(sys::getgroups(0, nullptr).value() == 1);
    std::uint32_t groups[4] = {};
    CHECK(sys::getgroups(4, groups).value() == 1);
    CHECK(groups[0] == 42);
    CHECK(err(sys::getgroups(-1, groups)) == LX_EINVAL);
}
