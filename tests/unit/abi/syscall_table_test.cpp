// The raw-syscall table: calls made by number give what the kernel's own
// functions give.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "core/abi/syscall_numbers.hpp"
#include "core/abi/syscall_table.hpp"
#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

using namespace ukp;

namespace {

template <typename... T>
std::int64_t call(long nr, T... a) {
    const std::uint64_t args[6] = {static_cast<std::uint64_t>(a)...};
    return abi::dispatch(nr, args);
}
template <typename T>
std::uint64_t ptr(T* p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

}  // namespace

TEST_CASE("abi: files through numbers are the kernel's files") {
    const char* dir = "/t-abi";
    REQUIRE(call(abi::NR_mkdir, ptr(dir), 0755, 0, 0, 0, 0) == 0);
    CHECK(call(abi::NR_mkdir, ptr(dir), 0755, 0, 0, 0, 0) == -LX_EEXIST);
    const char* path = "/t-abi/f";
    std::int64_t fd = call(abi::NR_openat, LX_AT_FDCWD, ptr(path), LX_O_CREAT | LX_O_RDWR, 0640, 0, 0);
    REQUIRE(fd >= 0);
    const char text[] = "by number";
    constexpr std::int64_t len = sizeof text - 1;
    CHECK(call(abi::NR_write, fd, ptr(text), sizeof text - 1, 0, 0, 0) == len);
    // The same file through sys::
    char buf[32] = {};
    CHECK(sys::pread64(static_cast<int>(fd), buf, sizeof buf, 0).value() == std::size_t{len});
    CHECK(std::string(buf) == text);
    lx_stat by_nr{}, by_sys{};
    CHECK(call(abi::NR_stat, ptr(path), ptr(&by_nr), 0, 0, 0, 0) == 0);
    REQUIRE(sys::newfstatat(LX_AT_FDCWD, path, &by_sys, 0).ok());
    CHECK(by_nr.st_ino == by_sys.st_ino);
    CHECK(static_cast<std::int64_t>(by_nr.st_size) == len);
    CHECK((by_nr.st_mode & 07777) == (by_sys.st_mode & 07777));
    CHECK(call(abi::NR_lseek, fd, 0, 0, 0, 0, 0) == 0);
    std::memset(buf, 0, sizeof buf);
    CHECK(call(abi::NR_read, fd, ptr(buf), sizeof buf, 0, 0, 0) == len);
    CHECK(std::string(buf) == text);
    // getdents64 lists it.
    std::int64_t dfd = call(abi::NR_open, ptr(dir), LX_O_RDONLY | LX_O_DIRECTORY, 0, 0, 0, 0);
    REQUIRE(dfd >= 0);
    alignas(8) char ents[1024];
    std::int64_t n = call(abi::NR_getdents64, dfd, ptr(ents), sizeof ents, 0, 0, 0);
    REQUIRE(n > 0);
    bool found = false;
    for (std::int64_t off = 0; off < n;) {
        auto* d = reinterpret_cast<lx_dirent64*>(ents + off);
        if (std::string(d->d_name) == "f") found = true;
        off += d->d_reclen;
    }
    CHECK(found);
    CHECK(call(abi::NR_close, dfd, 0, 0, 0, 0, 0) == 0);
    CHECK(call(abi::NR_close, fd, 0, 0, 0, 0, 0) == 0);
    CHECK(call(abi::NR_close, fd, 0, 0, 0, 0, 0) == -LX_EBADF);
    CHECK(call(abi::NR_unlink, ptr(path), 0, 0, 0, 0, 0) == 0);
    CHECK(call(abi::NR_access, ptr(path), 0, 0, 0, 0, 0) == -LX_ENOENT);
    CHECK(call(abi::NR_rmdir, ptr(dir), 0, 0, 0, 0, 0) == 0);
}

TEST_CASE("abi: bad pointers are EFAULT, ids match, unknown calls are ENOSYS") {
    CHECK(call(abi::NR_open, 8, LX_O_RDONLY, 0, 0, 0, 0) == -LX_EFAULT);
    CHECK(call(abi::NR_getpid) == sys::getpid());
    CHECK(call(abi::NR_getppid) == sys::getppid());
    CHECK(call(abi::NR_getuid) == sys::getuid());
    std::uint32_t r = 1, e = 1, s = 1;
    CHECK(call(abi::NR_getresuid, ptr(&r), ptr(&e), ptr(&s)) == 0);
    CHECK(r == sys::getuid());
    CHECK(e == sys::geteuid());
    CHECK(call(abi::NR_fork) == -LX_ENOSYS);
    CHECK(call(abi::NR_execve, 0, 0, 0) == -LX_ENOSYS);
    CHECK(call(abi::NR_clone, 0x11 /* SIGCHLD: a process */, 0, 0, 0, 0) == -LX_ENOSYS);
    CHECK(call(333) == -LX_ENOSYS);     // not in the table (io_pgetevents)
    CHECK(call(100000) == -LX_ENOSYS);  // not a number at all
    CHECK(call(-1) == -LX_ENOSYS);
    CHECK(abi::syscall_name(abi::NR_openat) == std::string("openat"));
    CHECK(abi::syscall_name(333) == std::string("io_pgetevents"));  // named though not served
    CHECK(abi::syscall_name(272) == std::string("unshare"));
    CHECK(abi::syscall_name(335) == nullptr);  // a hole in the numbering
    CHECK(abi::syscall_name(100000) == nullptr);
    CHECK(abi::syscall_name(-1) == nullptr);
}

TEST_CASE("abi: host-served calls reach the host") {
    // The Linux host makes them as raw system calls; other hosts capture
    // nothing and have no raw calls to make (ENOSYS).
    if (std::string(ukp::host::name()) != "linux") {
        CHECK(call(abi::NR_gettid) == -LX_ENOSYS);
        MESSAGE("host " << ukp::host::name() << ": no raw host calls, checked ENOSYS only");
        return;
    }
    // gettid is the host's; the kernel never models it.
    std::int64_t tid = call(abi::NR_gettid);
    CHECK(tid > 0);
    char rnd[16] = {};
    CHECK(call(abi::NR_getrandom, ptr(rnd), sizeof rnd, 0) == std::int64_t{16});
    // The application may not switch its own capture off.
    CHECK(call(abi::NR_prctl, 59, 0, 0, 0, 0) == -LX_EPERM);
}

TEST_CASE("abi: pipes and descriptors through numbers") {
    int fds[2] = {-1, -1};
    REQUIRE(call(abi::NR_pipe2, ptr(fds), LX_O_CLOEXEC) == 0);
    CHECK(call(abi::NR_write, fds[1], ptr("x"), 1) == 1);
    char c = 0;
    CHECK(sys::read(fds[0], &c, 1).value() == std::size_t{1});
    CHECK(c == 'x');
    std::int64_t d = call(abi::NR_dup, fds[0]);
    CHECK(d > fds[1]);
    CHECK(call(abi::NR_fcntl, fds[0], LX_F_GETFD, 0) == 1);  // FD_CLOEXEC
    for (std::int64_t f : {std::int64_t{fds[0]}, std::int64_t{fds[1]}, d}) CHECK(call(abi::NR_close, f) == 0);
}
