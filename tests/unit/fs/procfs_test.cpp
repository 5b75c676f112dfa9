#include <cstring>

#include "fs_helpers.hpp"

using namespace ukp;
using namespace ukp::test;

TEST_CASE("procfs: /proc/self/fd lists open fds as links to their paths") {
    int fd = open_ok("/tmp/procfs-fd-test", LX_O_RDWR | LX_O_CREAT, 0600);
    std::string name = std::to_string(fd);
    auto names = list_dir("/proc/self/fd");
    CHECK(contains(names, name));
    CHECK(contains(names, "0"));
    CHECK(contains(names, "2"));
    std::string link = "/proc/self/fd/" + name;
    CHECK(*read_link(link.c_str()) == "/tmp/procfs-fd-test");
    lx_stat st = stat_of(link.c_str(), false);
    CHECK((st.st_mode & LX_S_IFMT) == LX_S_IFLNK);
    CHECK((st.st_mode & 0777) == 0700);

    // Following the link opens the same file again.
    CHECK(*sys::write(fd, "abc", 3) == 3);
    int again = open_ok(link.c_str(), LX_O_RDONLY);
    char buf[8] = {};
    CHECK(*sys::read(again, buf, sizeof buf) == 3);
    CHECK(std::string(buf) == "abc");
    lx_stat a{}, b{};
    REQUIRE(sys::fstat(fd, &a).ok());
    REQUIRE(sys::fstat(again, &b).ok());
    CHECK(a.st_ino == b.st_ino);
    CHECK(sys::close(again).ok());

    // fdinfo shows the offset and flags.
    std::string info = read_all(("/proc/self/fdinfo/" + name).c_str());
    CHECK(info.find("pos:\t3\n") != std::string::npos);
    CHECK(info.find("flags:\t0100002\n") != std::string::npos);

    // Unlinked while open: Linux's " (deleted)".
    REQUIRE(sys::unlinkat(LX_AT_FDCWD, "/tmp/procfs-fd-test", 0).ok());
    CHECK(*read_link(link.c_str()) == "/tmp/procfs-fd-test (deleted)");
    int reopened = open_ok(link.c_str(), LX_O_RDONLY);
    CHECK(*sys::read(reopened, buf, sizeof buf) == 3);
    CHECK(*read_link(("/proc/self/fd/" + std::to_string(reopened)).c_str()) == "/tmp/procfs-fd-test (deleted)");
    CHECK(sys::close(reopened).ok());
    reopened = open_ok(link.c_str(), LX_O_RDWR | LX_O_CREAT, 0600);
    CHECK(*read_link(("/proc/self/fd/" + std::to_string(reopened)).c_str()) == "/tmp/procfs-fd-test (deleted)");
    CHECK(sys::close(reopened).ok());
    CHECK(sys::close(fd).ok());
    CHECK(read_link(link.c_str()).error() == LX_ENOENT);
}

TEST_CASE("procfs: a directory fd links to the directory") {
    int fd = open_ok("/tmp", LX_O_RDONLY | LX_O_DIRECTORY);
    CHECK(*read_link(("/proc/self/fd/" + std::to_string(fd)).c_str()) == "/tmp");
    CHECK(sys::close(fd).ok());
}

TEST_CASE("procfs: /proc/mounts lists every mount") {
    std::string m = read_all("/proc/mounts");
    CHECK(m == read_all("/proc/self/mounts"));
    CHECK(*read_link("/proc/mounts") == "self/mounts");
    CHECK(m.find("rootfs / tmpfs rw 0 0\n") != std::string::npos);
    CHECK(m.find("tmpfs /tmp tmpfs rw 0 0\n") != std::string::npos);
    CHECK(m.find("devtmpfs /dev devtmpfs rw,nosuid 0 0\n") != std::string::npos);
    CHECK(m.find("proc /proc proc rw,nosuid,nodev 0 0\n") != std::string::npos);
}

TEST_CASE("procfs: meminfo, cpuinfo, maps, the kernel log and stats") {
    std::string mem = read_all("/proc/meminfo");
    CHECK(mem.rfind("MemTotal:", 0) == 0);
    CHECK(mem.find("\nMemFree:") != std::string::npos);
    CHECK(mem.find("\nMemAvailable:") != std::string::npos);
    CHECK(mem.find("\nUkpArena:") != std::string::npos);
    // Linux's columns: the name in 16, the kB in at least 8.
    std::string first = mem.substr(0, mem.find('\n'));
    CHECK(first.size() >= 27);
    CHECK(first.substr(first.size() - 3) == " kB");
    std::string cpu = read_all("/proc/cpuinfo");
    CHECK(cpu.rfind("processor\t: 0\n", 0) == 0);
    CHECK(cpu.find("model name\t: ") != std::string::npos);
    CHECK(read_all("/proc/self/maps").find("[stack]") != std::string::npos);
    CHECK(read_all("/proc/ukp/log").find("booted") != std::string::npos);
    CHECK(read_all("/proc/ukp/stats").find("arena_in_use ") != std::string::npos);
}

TEST_CASE("procfs: one open file sees one snapshot") {
    int fd = open_ok("/proc/ukp/stats", LX_O_RDONLY);
    char a[4096] = {}, b[4096] = {};
    std::size_t n = *sys::read(fd, a, sizeof a);
    REQUIRE(n > 0);
    // Allocate meanwhile, so a fresh text would differ.
    void* p = mem::allocate(1 << 20);
    CHECK(*sys::lseek(fd, 0, LX_SEEK_SET) == 0);
    CHECK(*sys::read(fd, b, sizeof b) == n);
    CHECK(std::memcmp(a, b, n) == 0);
    CHECK(*sys::pread64(fd, b, 5, 2) == 5);
    CHECK(std::memcmp(a + 2, b, 5) == 0);
    CHECK(*sys::read(fd, b, sizeof b) == 0);
    mem::deallocate(p, 1 << 20);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("procfs: read-only, root-owned, proc's statfs") {
    lx_stat st = stat_of("/proc/meminfo");
    CHECK(st.st_mode == (LX_S_IFREG | 0444));
    CHECK(st.st_uid == 0);
    CHECK(st.st_size == 0);
    CHECK(stat_of("/proc").st_mode == (LX_S_IFDIR | 0555));
    CHECK(stat_of("/proc/self/fd").st_mode == (LX_S_IFDIR | 0500));
    lx_statfs fs{};
    REQUIRE(sys::statfs("/proc", &fs).ok());
    CHECK(fs.f_type == LX_PROC_SUPER_MAGIC);
    CHECK(sys::openat(LX_AT_FDCWD, "/proc/new-file", LX_O_CREAT | LX_O_WRONLY, 0644).error() ==
          (current().cred().uid == 0 ? LX_ENOENT : LX_EACCES));
    Result<int> w = sys::openat(LX_AT_FDCWD, "/proc/meminfo", LX_O_WRONLY, 0);
    if (current().cred().uid == 0) {
        // Root passes the permission check; proc then refuses the write itself.
        REQUIRE(w.ok());
        CHECK(sys::write(*w, "x", 1).error() == LX_EIO);
        CHECK(sys::close(*w).ok());
    } else {
        CHECK(w.error() == LX_EACCES);
    }
}

TEST_CASE("procfs: /proc/self links to /proc/<pid>") {
    std::string pid = std::to_string(sys::getpid());
    CHECK(*read_link("/proc/self") == pid);
    CHECK(stat_of("/proc/self").st_ino == stat_of(("/proc/" + pid).c_str()).st_ino);
    CHECK((stat_of("/proc/self", false).st_mode & LX_S_IFMT) == LX_S_IFLNK);
    CHECK(contains(list_dir("/proc"), pid));
    CHECK(contains(list_dir("/proc/self"), "fd"));
    CHECK(*read_link("/proc/self/cwd") == "/");
}
