// The descriptor table through dup/fcntl/ioctl: lowest free numbers, shared
// offsets, close-on-exec, the RLIMIT_NOFILE limit.
#include <cstring>
#include <vector>

#include "core/abi/socket.hpp"
#include "core/mem/arena.hpp"
#include "../fault_recovery.hpp"
#include "helpers.hpp"

using namespace vfstest;

TEST_CASE("fd: new descriptors take the lowest free number") {
    AsRoot root;
    std::string d = scratch("lowest");
    put(d + "/f", "x");
    int a = open_file(d + "/f", LX_O_RDONLY);
    int b = open_file(d + "/f", LX_O_RDONLY);
    int c = open_file(d + "/f", LX_O_RDONLY);
    CHECK(b == a + 1);
    CHECK(c == b + 1);
    REQUIRE(err(sys::close(a)) == 0);
    CHECK(sys::dup(c).value() == a);
    REQUIRE(err(sys::close(b)) == 0);
    CHECK(open_file(d + "/f", LX_O_RDONLY) == b);
    // F_DUPFD: the lowest at or above the argument.
    int high = static_cast<int>(sys::fcntl(a, LX_F_DUPFD, 100).value());
    CHECK(high == 100);
    CHECK(sys::fcntl(a, LX_F_DUPFD, 100).value() == 101);
    for (int fd : {a, b, c, high, high + 1}) CHECK(err(sys::close(fd)) == 0);
    CHECK(err(sys::close(a)) == LX_EBADF);
}

TEST_CASE("fd: dup shares the offset and the status flags") {
    AsRoot root;
    std::string d = scratch("dupshare");
    put(d + "/f", "0123456789");
    int a = open_file(d + "/f", LX_O_RDONLY);
    int b = sys::dup(a).value();
    char buf[4];
    REQUIRE(sys::read(a, buf, 3).value() == 3);
    CHECK(sys::lseek(b, 0, LX_SEEK_CUR).value() == 3);
    REQUIRE(sys::read(b, buf, 2).value() == 2);
    CHECK(std::string(buf, 2) == "34");
    REQUIRE(err(sys::fcntl(a, LX_F_SETFL, LX_O_NONBLOCK)) == 0);
    CHECK((sys::fcntl(b, LX_F_GETFL, 0).value() & LX_O_NONBLOCK) != 0);
    // dup2 onto an open fd closes it first; dup2 onto itself checks it.
    int c = open_file(d + "/f", LX_O_RDONLY);
    CHECK(sys::dup2(a, c).value() == c);
    CHECK(sys::lseek(c, 0, LX_SEEK_CUR).value() == 5);
    CHECK(sys::dup2(a, a).value() == a);
    CHECK(err(sys::dup2(999, 999)) == LX_EBADF);
    CHECK(err(sys::dup3(a, a, 0)) == LX_EINVAL);
    CHECK(err(sys::dup3(a, c, 1)) == LX_EINVAL);
    CHECK(err(sys::dup2(a, 1 << 20)) == LX_EBADF);
    CHECK(err(sys::dup2(a, -1)) == LX_EBADF);
    CHECK(err(sys::dup(-1)) == LX_EBADF);
    for (int fd : {a, b, c}) CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("fd: close-on-exec belongs to the descriptor") {
    AsRoot root;
    std::string d = scratch("cloexec");
    put(d + "/f", "x");
    int a = open_file(d + "/f", LX_O_RDONLY | LX_O_CLOEXEC);
    CHECK(sys::fcntl(a, LX_F_GETFD, 0).value() == LX_FD_CLOEXEC);
    CHECK((sys::fcntl(a, LX_F_GETFL, 0).value() & LX_O_CLOEXEC) == 0);
    int b = sys::dup(a).value();
    CHECK(sys::fcntl(b, LX_F_GETFD, 0).value() == 0);
    int c = static_cast<int>(sys::fcntl(a, LX_F_DUPFD_CLOEXEC, 0).value());
    CHECK(sys::fcntl(c, LX_F_GETFD, 0).value() == LX_FD_CLOEXEC);
    int e = sys::dup3(a, 50, LX_O_CLOEXEC).value();
    CHECK(sys::fcntl(e, LX_F_GETFD, 0).value() == LX_FD_CLOEXEC);
    REQUIRE(err(sys::fcntl(a, LX_F_SETFD, 0)) == 0);
    CHECK(sys::fcntl(a, LX_F_GETFD, 0).value() == 0);
    REQUIRE(err(sys::ioctl(a, LX_FIOCLEX, nullptr)) == 0);
    CHECK(sys::fcntl(a, LX_F_GETFD, 0).value() == LX_FD_CLOEXEC);
    REQUIRE(err(sys::ioctl(a, LX_FIONCLEX, nullptr)) == 0);
    CHECK(sys::fcntl(a, LX_F_GETFD, 0).value() == 0);
    for (int fd : {a, b, c, e}) CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("fd: the RLIMIT_NOFILE limit gives EMFILE and EINVAL") {
    AsRoot root;
    std::string d = scratch("emfile");
    put(d + "/f", "x");
    vfs::FdTable& fds = current().fds();
    std::uint64_t saved = fds.limit();
    fds.set_limit(64);
    std::vector<int> opened;
    for (;;) {
        auto r = sys::openat(LX_AT_FDCWD, (d + "/f").c_str(), LX_O_RDONLY, 0);
        if (!r.ok()) {
            CHECK(r.error() == LX_EMFILE);
            break;
        }
        opened.push_back(*r);
        REQUIRE(opened.size() <= 64);
    }
    CHECK(err(sys::dup(opened.front())) == LX_EMFILE);
    CHECK(err(sys::fcntl(opened.front(), LX_F_DUPFD, 0)) == LX_EMFILE);
    CHECK(err(sys::fcntl(opened.front(), LX_F_DUPFD, 64)) == LX_EINVAL);
    CHECK(err(sys::fcntl(opened.front(), LX_F_DUPFD, static_cast<unsigned long>(-1))) == LX_EINVAL);
    for (int fd : opened) CHECK(err(sys::close(fd)) == 0);
    fds.set_limit(saved);
}

TEST_CASE("fd: fcntl flags, locks and unknown commands") {
    AsRoot root;
    std::string d = scratch("fcntl");
    put(d + "/f", "x");
    int fd = open_file(d + "/f", LX_O_RDWR);
    CHECK(sys::fcntl(fd, LX_F_GETFL, 0).value() == (LX_O_RDWR | LX_O_LARGEFILE));
    // Only O_APPEND, O_NONBLOCK and a few others change; the access mode does not.
    REQUIRE(err(sys::fcntl(fd, LX_F_SETFL, LX_O_APPEND | LX_O_NONBLOCK | LX_O_WRONLY | LX_O_CREAT)) == 0);
    CHECK(sys::fcntl(fd, LX_F_GETFL, 0).value() == (LX_O_RDWR | LX_O_LARGEFILE | LX_O_APPEND | LX_O_NONBLOCK));
    CHECK(err(sys::fcntl(fd, 99999, 0)) == LX_EINVAL);
    CHECK(err(sys::fcntl(1234, LX_F_GETFD, 0)) == LX_EBADF);

    struct {
        std::int16_t type, whence;
        std::int64_t start, len;
        std::int32_t pid, pad;
    } lock{1 /* F_WRLCK */, LX_SEEK_SET, 0, 0, 0, 0};
    CHECK(err(sys::fcntl(fd, LX_F_SETLK, reinterpret_cast<unsigned long>(&lock))) == 0);
    CHECK(err(sys::fcntl(fd, LX_F_GETLK, reinterpret_cast<unsigned long>(&lock))) == 0);
    CHECK(lock.type == 2);  // F_UNLCK: a process never conflicts with itself
    lock.type = 7;
    CHECK(err(sys::fcntl(fd, LX_F_SETLK, reinterpret_cast<unsigned long>(&lock))) == LX_EINVAL);
    int ro = open_file(d + "/f", LX_O_RDONLY);
    lock.type = 1;
    CHECK(err(sys::fcntl(ro, LX_F_SETLK, reinterpret_cast<unsigned long>(&lock))) == LX_EBADF);

    // O_PATH descriptors answer only a few commands.
    int path = open_file(d + "/f", LX_O_PATH);
    CHECK(sys::fcntl(path, LX_F_GETFL, 0).value() == LX_O_PATH);
    CHECK(err(sys::fcntl(path, LX_F_SETFL, 0)) == LX_EBADF);
    CHECK(err(sys::ioctl(path, LX_FIOCLEX, nullptr)) == LX_EBADF);
    CHECK(err(sys::getdents64(path, &lock, sizeof lock)) == LX_EBADF);
    for (int f : {fd, ro, path}) CHECK(err(sys::close(f)) == 0);
}

TEST_CASE("fd: ioctl FIONREAD, FIONBIO, and ENOTTY for the rest") {
    AsRoot root;
    std::string d = scratch("ioctl");
    put(d + "/f", "0123456789");
    int fd = open_file(d + "/f", LX_O_RDONLY);
    int n = -1;
    REQUIRE(err(sys::ioctl(fd, LX_FIONREAD, &n)) == 0);
    CHECK(n == 10);
    REQUIRE(sys::lseek(fd, 4, LX_SEEK_SET).value() == 4);
    REQUIRE(err(sys::ioctl(fd, LX_FIONREAD, &n)) == 0);
    CHECK(n == 6);
    int on = 1;
    REQUIRE(err(sys::ioctl(fd, LX_FIONBIO, &on)) == 0);
    CHECK((sys::fcntl(fd, LX_F_GETFL, 0).value() & LX_O_NONBLOCK) != 0);
    on = 0;
    REQUIRE(err(sys::ioctl(fd, LX_FIONBIO, &on)) == 0);
    CHECK((sys::fcntl(fd, LX_F_GETFL, 0).value() & LX_O_NONBLOCK) == 0);
    char termios[60];
    CHECK(err(sys::ioctl(fd, LX_TCGETS, termios)) == LX_ENOTTY);
    int dir = open_file(d, LX_O_RDONLY);
    CHECK(err(sys::ioctl(dir, LX_FIONREAD, &n)) == LX_ENOTTY);
    CHECK(err(sys::ioctl(4321, LX_FIONREAD, &n)) == LX_EBADF);
    CHECK(err(sys::close(dir)) == 0);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("fd: bad application pointers give EFAULT" * UKP_NEEDS_FAULT_RECOVERY) {
    AsRoot root;
    std::string d = scratch("efault");
    put(d + "/f", "0123456789");
    int fd = open_file(d + "/f", LX_O_RDONLY);
    lx_stat st;
    CHECK(err(sys::newfstatat(LX_AT_FDCWD, reinterpret_cast<const char*>(8), &st, 0)) == LX_EFAULT);
    CHECK(err(sys::ioctl(fd, LX_FIONREAD, reinterpret_cast<void*>(8))) == LX_EFAULT);
    CHECK(err(sys::fstat(fd, reinterpret_cast<lx_stat*>(8))) == LX_EFAULT);
    CHECK(err(sys::close(fd)) == 0);
}

// The application cannot point the kernel at the kernel's own memory: a
// buffer inside the arena is EFAULT, as a kernel address is for Linux.
TEST_CASE("fd: buffers inside the kernel arena give EFAULT") {
    AsRoot root;
    std::string d = scratch("arena-efault");
    std::string f = d + "/f";
    int fd = sys::openat(LX_AT_FDCWD, f.c_str(), LX_O_CREAT | LX_O_RDWR, 0600).value();
    REQUIRE(sys::write(fd, "secret", 6).value() == 6);
    auto* kernel_mem = static_cast<char*>(mem::allocate(64));
    std::memcpy(kernel_mem, "kernel!", 8);
    CHECK(err(sys::pread64(fd, kernel_mem, 6, 0)) == LX_EFAULT);
    CHECK(std::memcmp(kernel_mem, "kernel!", 8) == 0);  // untouched
    CHECK(err(sys::pwrite64(fd, kernel_mem, 8, 0)) == LX_EFAULT);
    lx_stat* st = reinterpret_cast<lx_stat*>(mem::allocate(sizeof(lx_stat)));
    CHECK(err(sys::fstat(fd, st)) == LX_EFAULT);
    std::memcpy(kernel_mem, f.c_str(), f.size() + 1 < 64 ? f.size() + 1 : 64);
    CHECK(err(sys::openat(LX_AT_FDCWD, kernel_mem, LX_O_RDONLY, 0)) == LX_EFAULT);
    mem::deallocate(st, sizeof(lx_stat));
    mem::deallocate(kernel_mem, 64);
    CHECK(err(sys::close(fd)) == 0);
}

// pipe2 and socketpair install two fds before they copy the numbers out;
// when the copy fails they take back only what is still theirs, since
// another thread may have closed a number and reused it meanwhile.
TEST_CASE("fd: a failed copy-out undoes only the call's own installs") {
    AsRoot root;
    std::string d = scratch("undo-install");
    put(d + "/f", "x");
    int lowest = open_file(d + "/f", LX_O_RDONLY);
    REQUIRE(err(sys::close(lowest)) == 0);
    auto* kernel_mem = static_cast<int*>(mem::allocate(2 * sizeof(int)));
    CHECK(err(sys::pipe2(kernel_mem, 0)) == LX_EFAULT);
    CHECK(err(sys::socketpair(LX_AF_UNIX, LX_SOCK_STREAM, 0, kernel_mem)) == LX_EFAULT);
    mem::deallocate(kernel_mem, 2 * sizeof(int));
    int again = open_file(d + "/f", LX_O_RDONLY);
    CHECK(again == lowest);  // nothing was left installed
    REQUIRE(err(sys::close(again)) == 0);

    vfs::FdTable& t = current().fds();
    int a = open_file(d + "/f", LX_O_RDONLY);
    Ref<vfs::File> fa = t.get(a).value();
    REQUIRE(err(sys::close(a)) == 0);
    int b = open_file(d + "/f", LX_O_RDONLY);
    REQUIRE(b == a);  // the number is reused for another file
    CHECK(err(t.remove_if_same(b, fa.get())) == LX_EBADF);
    CHECK(err(sys::fcntl(b, LX_F_GETFD, 0)) == 0);  // still open
    Ref<vfs::File> fb = t.get(b).value();
    CHECK(err(t.remove_if_same(b, fb.get())) == 0);
    CHECK(err(sys::close(b)) == LX_EBADF);
}
