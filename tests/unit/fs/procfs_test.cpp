#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/base/log.hpp"
#include "../fault_recovery.hpp"
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

TEST_CASE("procfs: the machine's files and the kernel's own") {
    std::string up = read_all("/proc/uptime");
    double a = -1, b = -1;
    CHECK(std::sscanf(up.c_str(), "%lf %lf", &a, &b) == 2);
    CHECK(a >= 0);
    std::string load = read_all("/proc/loadavg");
    CHECK(std::count(load.begin(), load.end(), ' ') == 4);
    CHECK(read_all("/proc/stat").rfind("cpu ", 0) == 0);
    std::string version = read_all("/proc/version");
    CHECK(version.rfind("Linux version ", 0) == 0);
    CHECK(version.find("(ukp ") != std::string::npos);
    CHECK(version.find(read_all("/proc/sys/kernel/osrelease").substr(0, 3)) == 14);
    std::string fs = read_all("/proc/filesystems");
    CHECK(fs.find("nodev\ttmpfs\n") != std::string::npos);
    CHECK(fs.find("nodev\tproc\n") != std::string::npos);
    CHECK(read_all("/proc/sys/kernel/ostype") == "Linux\n");
    CHECK(read_all("/proc/sys/vm/overcommit_memory") == "0\n");
    CHECK(read_all("/proc/sys/net/core/somaxconn") == "4096\n");
    CHECK(read_all("/proc/sys/kernel/dmesg_restrict") == "0\n");
    CHECK(std::stoll(read_all("/proc/sys/fs/file-max")) > 0);
    CHECK(std::stol(read_all("/proc/sys/kernel/pid_max")) > sys::getpid());
    CHECK(read_all("/proc/sys/kernel/hostname").size() > 1);
    std::string u1 = read_all("/proc/sys/kernel/random/uuid"), u2 = read_all("/proc/sys/kernel/random/uuid");
    CHECK(u1.size() == 37);
    CHECK(u1[8] == '-');
    CHECK(u1[14] == '4');
    CHECK(u1 != u2);
    std::string boot = read_all("/proc/sys/kernel/random/boot_id");
    CHECK(boot.size() == 37);
    CHECK(boot == read_all("/proc/sys/kernel/random/boot_id"));
    CHECK(contains(list_dir("/proc/sys/kernel"), "random"));
    CHECK(stat_of("/proc/sys/kernel/random").st_mode == (LX_S_IFDIR | 0555));
}

TEST_CASE("procfs: status has the kernel's ids, limits its RLIMIT_NOFILE") {
    std::string status = read_all("/proc/self/status");
    vfs::Cred c = current().cred();
    CHECK(status.find("\nUid:\t" + std::to_string(c.uid) + "\t") != std::string::npos);
    CHECK(status.find("\nGid:\t" + std::to_string(c.gid) + "\t") != std::string::npos);
    CHECK(status.find("\nPid:\t" + std::to_string(sys::getpid()) + "\n") != std::string::npos);
    sys::mode_t old_mask = sys::umask(0027);
    CHECK(read_all("/proc/self/status").find("\nUmask:\t0027\n") != std::string::npos);
    sys::umask(old_mask);
    CHECK(read_all(("/proc/" + std::to_string(sys::getpid()) + "/status").c_str()).find("Uid:") !=
          std::string::npos);

    lx_rlimit old{};
    REQUIRE(sys::prlimit64(LX_RLIMIT_NOFILE, nullptr, &old).ok());
    lx_rlimit low{77, old.rlim_max};
    REQUIRE(sys::prlimit64(LX_RLIMIT_NOFILE, &low, nullptr).ok());
    std::string limits = read_all("/proc/self/limits");
    CHECK(limits.rfind("Limit                     Soft Limit           Hard Limit           Units     \n", 0) == 0);
    std::string row = "Max open files            77                   ";
    CHECK(limits.find("\n" + row) != std::string::npos);
    CHECK(limits.find("files     \n") != std::string::npos);
    REQUIRE(sys::prlimit64(LX_RLIMIT_NOFILE, &old, nullptr).ok());
}

TEST_CASE("syslog: the kernel log as printk records") {
    constexpr int kRead = 2, kReadAll = 3, kReadClear = 4, kClear = 5, kConsoleLevel = 8, kUnread = 9, kSize = 10;
    int size = *sys::syslog(kSize, nullptr, 0);
    REQUIRE(size > 0);
    std::string buf(static_cast<std::size_t>(size), '\0');
    int n = *sys::syslog(kReadAll, buf.data(), size);
    REQUIRE(n > 0);
    std::string all = buf.substr(0, static_cast<std::size_t>(n));
    CHECK(all[0] == '<');
    CHECK(all.back() == '\n');
    CHECK(all.find(">ukp[") != std::string::npos);
    CHECK(all.find("booted") != std::string::npos);
    // The log and its records hold the same lines.
    std::string log = read_all("/proc/ukp/log");
    CHECK(log.substr(log.size() - 20) == all.substr(all.size() - 20));

    // A small buffer gets the newest records, whole.
    n = *sys::syslog(kReadAll, buf.data(), 200);
    CHECK(n <= 200);
    CHECK(buf[0] == '<');
    CHECK(buf.substr(0, static_cast<std::size_t>(n)) == all.substr(all.size() - static_cast<std::size_t>(n)));

    // READ consumes; a record bigger than the buffer comes in pieces.
    int unread = *sys::syslog(kUnread, nullptr, 0);
    CHECK(unread > 0);
    n = *sys::syslog(kRead, buf.data(), 2);
    CHECK(n == 2);
    CHECK(buf[0] == '<');
    CHECK(*sys::syslog(kUnread, nullptr, 0) == unread - 2);
    while (*sys::syslog(kRead, buf.data(), size) > 0) {
    }
    CHECK(*sys::syslog(kUnread, nullptr, 0) == 0);
    UKP_LOG(info, "syslog test line");
    CHECK(*sys::syslog(kUnread, nullptr, 0) > 0);
    n = *sys::syslog(kRead, buf.data(), size);
    CHECK(buf.substr(0, static_cast<std::size_t>(n)).find("<6>ukp[") == 0);
    CHECK(buf.substr(0, static_cast<std::size_t>(n)).find("info: syslog test line\n") != std::string::npos);

    // CLEAR: READ_ALL starts after it; /proc/ukp/log still has everything.
    REQUIRE(sys::syslog(kClear, nullptr, 0).ok());
    CHECK(*sys::syslog(kReadAll, buf.data(), size) == 0);
    UKP_LOG(info, "after clear");
    n = *sys::syslog(kReadClear, buf.data(), size);
    CHECK(buf.substr(0, static_cast<std::size_t>(n)).find("after clear") != std::string::npos);
    CHECK(*sys::syslog(kReadAll, buf.data(), size) == 0);
    CHECK(read_all("/proc/ukp/log").find("booted") != std::string::npos);

    CHECK(sys::syslog(kReadAll, nullptr, 10).error() == LX_EINVAL);
    CHECK(sys::syslog(kReadAll, buf.data(), -1).error() == LX_EINVAL);
    CHECK(*sys::syslog(kReadAll, buf.data(), 0) == 0);
    CHECK(*sys::syslog(kUnread, nullptr, 0) > 0);  // nothing consumed
    CHECK(sys::syslog(kConsoleLevel, nullptr, 9).error() == LX_EINVAL);
    CHECK(sys::syslog(kConsoleLevel, nullptr, 4).ok());
    CHECK(sys::syslog(11, nullptr, 0).error() == LX_EINVAL);

    // Without CAP_SYSLOG: only READ_ALL and SIZE_BUFFER (dmesg_restrict 0).
    vfs::Cred saved = current().cred();
    vfs::Cred user = saved;
    user.uid = 1000;
    current().set_cred(user);
    CHECK(sys::syslog(kSize, nullptr, 0).ok());
    CHECK(sys::syslog(kReadAll, buf.data(), size).ok());
    CHECK(sys::syslog(kUnread, nullptr, 0).error() == LX_EPERM);
    CHECK(sys::syslog(kClear, nullptr, 0).error() == LX_EPERM);
    CHECK(sys::syslog(11, nullptr, 0).error() == LX_EPERM);
    current().set_cred(saved);
}

TEST_CASE("syslog: a bad buffer is EFAULT" * UKP_NEEDS_FAULT_RECOVERY) {
    constexpr int kRead = 2, kReadAll = 3;
    const int size = *sys::syslog(10, nullptr, 0);
    UKP_LOG(info, "for a bad buffer");
    CHECK(sys::syslog(kReadAll, static_cast<char*>(nullptr) + 1, size).error() == LX_EFAULT);
    CHECK(sys::syslog(kRead, static_cast<char*>(nullptr) + 1, size).error() == LX_EFAULT);
}

TEST_CASE("mempolicy: one node") {
    int mode = -1;
    std::uint64_t mask[2] = {~0ull, ~0ull};
    REQUIRE(sys::get_mempolicy(&mode, mask, 128, 0, 0).ok());
    CHECK(mode == 0);
    CHECK(mask[0] == 0);
    CHECK(mask[1] == 0);
    REQUIRE(sys::get_mempolicy(&mode, mask, 64, 0, 4).ok());  // MPOL_F_MEMS_ALLOWED
    CHECK(mask[0] == 1);
    CHECK(sys::get_mempolicy(&mode, nullptr, 0, 0, 1).error() == LX_EINVAL);
    int local = 0;
    REQUIRE(sys::get_mempolicy(&mode, nullptr, 0, reinterpret_cast<std::uintptr_t>(&local), 3).ok());
    CHECK(mode == 0);
    CHECK(sys::get_mempolicy(&mode, nullptr, 0, 16, 2).error() == LX_EFAULT);
    std::uint64_t node0 = 1, node1 = 2;
    REQUIRE(sys::set_mempolicy(2, &node0, 2).ok());  // MPOL_BIND
    REQUIRE(sys::get_mempolicy(&mode, mask, 64, 0, 0).ok());
    CHECK(mode == 2);
    CHECK(mask[0] == 1);
    CHECK(sys::set_mempolicy(2, &node1, 3).error() == LX_EINVAL);
    CHECK(sys::set_mempolicy(1, &node1, 3).error() == LX_EINVAL);
    CHECK(sys::set_mempolicy(7, nullptr, 0).error() == LX_EINVAL);
    CHECK(sys::set_mempolicy(0, &node0, 2).error() == LX_EINVAL);
    REQUIRE(sys::set_mempolicy(0, nullptr, 0).ok());
    REQUIRE(sys::get_mempolicy(&mode, nullptr, 0, 0, 0).ok());
    CHECK(mode == 0);
}
