// hostfs against a temporary host directory: the kernel's system calls on a
// volume, checked against what the host sees with its own libc.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "core/fs/hostfs/hostfs.hpp"
#include "fs_helpers.hpp"

using namespace ukp;
using namespace ukp::test;

namespace {

template <typename T>
int err(const Result<T>& r) {
    return r.ok() ? 0 : r.error();
}

// A host directory with a file and a subdirectory, mounted at `guest`.
struct HostDir {
    std::string host;
    std::string guest;
    HostDir(const char* guest_path, bool ro) : guest(guest_path) {
        char tmpl[] = "/tmp/ukp-hostfs-XXXXXX";
        REQUIRE(mkdtemp(tmpl) != nullptr);
        host = tmpl;
        write_host("hello.txt", "hello from the host\n");
        REQUIRE(::mkdir((host + "/sub").c_str(), 0755) == 0);
        Config cfg = kernel().config();
        std::string item = host + ":" + guest + (ro ? ":ro" : "");
        REQUIRE(cfg.set("volume", item).ok());
        hostfs::mount_volumes(cfg, kernel().mounts(), kernel().process().root(), kernel().process().cred());
    }
    ~HostDir() {
        std::string cmd = "rm -rf '" + host + "'";
        CHECK(system(cmd.c_str()) == 0);
    }
    void write_host(const char* name, const std::string& text) const {
        int fd = ::open((host + "/" + name).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
        ::close(fd);
    }
    std::string read_host(const char* name) const {
        int fd = ::open((host + "/" + name).c_str(), O_RDONLY);
        if (fd < 0) return "<missing>";
        std::string out;
        char buf[256];
        for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        ::close(fd);
        return out;
    }
    bool host_exists(const char* name) const {
        struct stat st;
        return ::lstat((host + "/" + name).c_str(), &st) == 0;
    }
    std::string in(const char* name) const { return guest + "/" + name; }
};

}  // namespace

TEST_CASE("hostfs: files and directories made inside appear on the host, and back") {
    HostDir v("/vol/rw", false);
    CHECK(read_all(v.in("hello.txt").c_str()) == "hello from the host\n");
    lx_stat st = stat_of(v.in("hello.txt").c_str());
    CHECK(st.st_size == 20);
    // Owned by the host user: shown as the kernel's user.
    CHECK(st.st_uid == kernel().config().uid);

    int fd = open_ok(v.in("new.txt").c_str(), LX_O_WRONLY | LX_O_CREAT | LX_O_EXCL, 0640);
    REQUIRE(sys::write(fd, "abc", 3).value() == 3);
    CHECK(sys::close(fd).ok());
    CHECK(v.read_host("new.txt") == "abc");
    struct stat hst;
    REQUIRE(::stat((v.host + "/new.txt").c_str(), &hst) == 0);
    CHECK((hst.st_mode & 0777) == (0640 & ~kernel().process().umask()));

    // O_APPEND, truncate, rename, link, symlink, mkdir, unlink, rmdir.
    fd = open_ok(v.in("new.txt").c_str(), LX_O_WRONLY | LX_O_APPEND);
    REQUIRE(sys::write(fd, "def", 3).value() == 3);
    CHECK(sys::close(fd).ok());
    CHECK(v.read_host("new.txt") == "abcdef");
    CHECK(err(sys::truncate(v.in("new.txt").c_str(), 2)) == 0);
    CHECK(v.read_host("new.txt") == "ab");
    CHECK(err(sys::renameat2(LX_AT_FDCWD, v.in("new.txt").c_str(), LX_AT_FDCWD, v.in("sub/moved.txt").c_str(), 0)) == 0);
    CHECK(v.read_host("sub/moved.txt") == "ab");
    CHECK_FALSE(v.host_exists("new.txt"));
    CHECK(err(sys::linkat(LX_AT_FDCWD, v.in("sub/moved.txt").c_str(), LX_AT_FDCWD, v.in("hard").c_str(), 0)) == 0);
    CHECK(stat_of(v.in("hard").c_str()).st_nlink == 2);
    CHECK(err(sys::symlinkat("sub/moved.txt", LX_AT_FDCWD, v.in("sym").c_str())) == 0);
    CHECK(read_link(v.in("sym").c_str()).value() == "sub/moved.txt");
    CHECK(read_all(v.in("sym").c_str()) == "ab");
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, v.in("d1").c_str(), 0700)) == 0);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, v.in("d1/d2").c_str(), 0700)) == 0);
    struct stat dst;
    REQUIRE(::stat((v.host + "/d1/d2").c_str(), &dst) == 0);
    CHECK(S_ISDIR(dst.st_mode));
    // ".." of a directory inside is its parent inside.
    CHECK(stat_of(v.in("d1/d2/..").c_str()).st_ino == stat_of(v.in("d1").c_str()).st_ino);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, v.in("d1").c_str(), LX_AT_REMOVEDIR)) == LX_ENOTEMPTY);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, v.in("d1/d2").c_str(), LX_AT_REMOVEDIR)) == 0);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, v.in("hard").c_str(), 0)) == 0);
    CHECK_FALSE(v.host_exists("hard"));

    auto names = list_dir(v.guest.c_str());
    CHECK(contains(names, "hello.txt"));
    CHECK(contains(names, "sub"));
    CHECK(contains(names, "sym"));
    CHECK(contains(names, "d1"));
    CHECK(contains(names, "."));
    CHECK(contains(names, ".."));
    CHECK_FALSE(contains(names, "hard"));

    // chmod and utimensat reach the host.
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, v.in("hello.txt").c_str(), 0600, 0)) == 0);
    REQUIRE(::stat((v.host + "/hello.txt").c_str(), &hst) == 0);
    CHECK((hst.st_mode & 07777) == 0600);
    lx_timespec times[2] = {{1000, 0}, {2000, 5}};
    CHECK(err(sys::utimensat(LX_AT_FDCWD, v.in("hello.txt").c_str(), times, 0)) == 0);
    REQUIRE(::stat((v.host + "/hello.txt").c_str(), &hst) == 0);
    CHECK(hst.st_mtim.tv_sec == 2000);
    CHECK(hst.st_atim.tv_sec == 1000);

    // A file the host changes is seen at once (no cache of data).
    v.write_host("hello.txt", "changed");
    CHECK(read_all(v.in("hello.txt").c_str()) == "changed");
}

TEST_CASE("hostfs: a read-only volume answers EROFS to every change") {
    HostDir v("/vol/ro", true);
    CHECK(read_all(v.in("hello.txt").c_str()) == "hello from the host\n");
    CHECK(err(sys::openat(LX_AT_FDCWD, v.in("x").c_str(), LX_O_WRONLY | LX_O_CREAT, 0644)) == LX_EROFS);
    CHECK(err(sys::openat(LX_AT_FDCWD, v.in("hello.txt").c_str(), LX_O_WRONLY, 0)) == LX_EROFS);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, v.in("d").c_str(), 0755)) == LX_EROFS);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, v.in("hello.txt").c_str(), 0)) == LX_EROFS);
    CHECK(err(sys::renameat2(LX_AT_FDCWD, v.in("hello.txt").c_str(), LX_AT_FDCWD, v.in("y").c_str(), 0)) == LX_EROFS);
    CHECK(err(sys::symlinkat("t", LX_AT_FDCWD, v.in("s").c_str())) == LX_EROFS);
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, v.in("hello.txt").c_str(), 0600, 0)) == LX_EROFS);
    CHECK(err(sys::truncate(v.in("hello.txt").c_str(), 0)) == LX_EROFS);
    CHECK(v.read_host("hello.txt") == "hello from the host\n");
    lx_statfs sf{};
    CHECK(err(sys::statfs(v.guest.c_str(), &sf)) == 0);
    CHECK((sf.f_flags & LX_ST_RDONLY) != 0);
}

TEST_CASE("hostfs: nothing leads out of the volume") {
    HostDir v("/vol/esc", false);
    // ".." past the volume root is the guest mount's parent in the kernel.
    CHECK(stat_of((v.guest + "/..").c_str()).st_ino == stat_of("/vol").st_ino);
    CHECK(stat_of((v.guest + "/sub/../../..").c_str()).st_ino == stat_of("/").st_ino);
    // Absolute symlinks made on the host resolve in the kernel's namespace.
    REQUIRE(::symlink("/etc", (v.host + "/etc-link").c_str()) == 0);
    REQUIRE(::symlink("../../../../../../../../etc/passwd", (v.host + "/rel-link").c_str()) == 0);
    CHECK(err(sys::openat(LX_AT_FDCWD, v.in("etc-link/passwd").c_str(), LX_O_RDONLY, 0)) == LX_ENOENT);
    CHECK(err(sys::openat(LX_AT_FDCWD, v.in("rel-link").c_str(), LX_O_RDONLY, 0)) == LX_ENOENT);
    // A hard link out of the volume crosses file systems.
    CHECK(err(sys::linkat(LX_AT_FDCWD, v.in("hello.txt").c_str(), LX_AT_FDCWD, "/tmp/out", 0)) == LX_EXDEV);
    // The host layer itself refuses names that are not one component.
    host::FileHandle h;
    host::FileStat st;
    REQUIRE(host::file_open_root(v.host.c_str(), &h, &st) == 0);
    host::FileHandle out;
    CHECK(host::file_lookup(h, "..", &out, &st) == -LX_EINVAL);
    CHECK(host::file_lookup(h, "sub/..", &out, &st) == -LX_EINVAL);
    CHECK(host::file_lookup(h, ".", &out, &st) == -LX_EINVAL);
    // A symlink found by lookup is a reference to the link, never followed.
    REQUIRE(host::file_lookup(h, "etc-link", &out, &st) == 0);
    CHECK((st.mode & LX_S_IFMT) == LX_S_IFLNK);
    host::FileHandle io;
    CHECK(host::file_open(out, LX_O_RDONLY | LX_O_DIRECTORY, &io) < 0);
    host::file_close(out);
    // Changing a symlink's attributes never reaches its host target.
    std::string victim = v.host + "-victim";
    int vfd = ::open(victim.c_str(), O_CREAT | O_WRONLY, 0644);
    REQUIRE(vfd >= 0);
    ::close(vfd);
    REQUIRE(::symlink(victim.c_str(), (v.host + "/victim-link").c_str()) == 0);
    REQUIRE(host::file_lookup(h, "victim-link", &out, &st) == 0);
    host::FileSetAttr sa{};
    sa.mask = host::FileSetAttr::kMtime | host::FileSetAttr::kAtime;
    sa.atime = sa.mtime = {1000, 0};
    (void)host::file_setattr(out, sa);
    sa.mask = host::FileSetAttr::kMode;
    sa.mode = 0600;
    CHECK(host::file_setattr(out, sa) < 0);
    CHECK(host::file_open(out, LX_O_RDONLY, &io) < 0);
    CHECK(host::file_truncate(out, 0) < 0);
    struct stat vst;
    REQUIRE(::stat(victim.c_str(), &vst) == 0);
    CHECK(vst.st_mtim.tv_sec != 1000);
    CHECK((vst.st_mode & 0777) == 0644);
    ::unlink(victim.c_str());
    host::file_close(out);
    host::file_close(h);
}

namespace {
int host_fd_count() {
    int n = 0;
    DIR* d = ::opendir("/proc/self/fd");
    if (!d) return -1;
    while (::readdir(d)) ++n;
    ::closedir(d);
    return n;
}
}  // namespace

TEST_CASE("hostfs: walking many files keeps a bounded number of host handles") {
    HostDir v("/vol/many", false);
    for (int i = 0; i < 2000; ++i) {
        std::string name = "f" + std::to_string(i);
        int fd = ::open((v.host + "/" + name).c_str(), O_WRONLY | O_CREAT, 0644);
        REQUIRE(fd >= 0);
        ::close(fd);
    }
    int before = host_fd_count();
    for (int i = 0; i < 2000; ++i) {
        std::string p = v.guest + "/f" + std::to_string(i);
        lx_stat st{};
        REQUIRE(sys::newfstatat(LX_AT_FDCWD, p.c_str(), &st, 0).ok());
        int fd = open_ok(p.c_str(), LX_O_RDONLY);
        CHECK(sys::close(fd).ok());
    }
    int after = host_fd_count();
    CAPTURE(before);
    CAPTURE(after);
    CHECK(after - before < 600);
    CHECK(list_dir(v.guest.c_str()).size() == 2000 + 4);  // . .. hello.txt sub
}
