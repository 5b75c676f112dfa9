#include <cstring>

#include "fs_helpers.hpp"
#include "host/host.hpp"

using namespace ukp;
using namespace ukp::test;

TEST_CASE("devfs: /dev looks like Linux's devtmpfs") {
    lx_stat d = stat_of("/dev");
    CHECK(d.st_mode == (LX_S_IFDIR | 0755));
    CHECK(d.st_uid == 0);
    struct { const char* path; std::uint64_t rdev; } devices[] = {
        {"/dev/null", lx_makedev(1, 3)}, {"/dev/zero", lx_makedev(1, 5)}, {"/dev/full", lx_makedev(1, 7)},
        {"/dev/random", lx_makedev(1, 8)}, {"/dev/urandom", lx_makedev(1, 9)}, {"/dev/tty", lx_makedev(5, 0)},
    };
    for (const auto& dev : devices) {
        lx_stat st = stat_of(dev.path);
        CHECK_MESSAGE(st.st_mode == (LX_S_IFCHR | 0666), dev.path);
        CHECK_MESSAGE(st.st_rdev == dev.rdev, dev.path);
        CHECK(st.st_uid == 0);
    }
    CHECK(*read_link("/dev/stdin") == "/proc/self/fd/0");
    CHECK(*read_link("/dev/stdout") == "/proc/self/fd/1");
    CHECK(*read_link("/dev/stderr") == "/proc/self/fd/2");
    CHECK(*read_link("/dev/fd") == "/proc/self/fd");
    auto names = list_dir("/dev");
    for (const char* n : {".", "..", "null", "zero", "full", "random", "urandom", "tty", "console", "fd", "stdin"})
        CHECK_MESSAGE(contains(names, n), n);
}

TEST_CASE("devfs: /dev/zero reads zeros, takes writes") {
    int fd = open_ok("/dev/zero", LX_O_RDWR);
    char buf[10000];
    std::memset(buf, 'x', sizeof buf);
    CHECK(*sys::read(fd, buf, sizeof buf) == sizeof buf);
    bool all_zero = true;
    for (char c : buf) all_zero &= c == 0;
    CHECK(all_zero);
    CHECK(*sys::write(fd, buf, 100) == 100);
    CHECK(*sys::lseek(fd, 1234, LX_SEEK_SET) == 0);
    CHECK(*sys::pread64(fd, buf, 10, 99) == 10);
    CHECK(sys::read(fd, nullptr, 10).error() == LX_EFAULT);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("devfs: /dev/full is full") {
    int fd = open_ok("/dev/full", LX_O_RDWR);
    char buf[16] = {1};
    CHECK(sys::write(fd, buf, sizeof buf).error() == LX_ENOSPC);
    CHECK(*sys::read(fd, buf, sizeof buf) == sizeof buf);
    CHECK(buf[0] == 0);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("devfs: /dev/null swallows and gives nothing") {
    int fd = open_ok("/dev/null", LX_O_RDWR);
    char buf[16];
    CHECK(*sys::write(fd, "hello", 5) == 5);
    CHECK(*sys::read(fd, buf, sizeof buf) == 0);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("devfs: /dev/urandom and /dev/random give random bytes") {
    for (const char* path : {"/dev/urandom", "/dev/random"}) {
        int fd = open_ok(path, LX_O_RDONLY);
        unsigned char a[64] = {}, b[64] = {};
        CHECK(*sys::read(fd, a, sizeof a) == sizeof a);
        CHECK(*sys::read(fd, b, sizeof b) == sizeof b);
        CHECK(std::memcmp(a, b, sizeof a) != 0);
        int zeros = 0;
        for (unsigned char c : a) zeros += c == 0;
        CHECK(zeros < 16);
        CHECK(sys::close(fd).ok());
    }
}

TEST_CASE("devfs: a device node made anywhere opens through its driver") {
    REQUIRE(sys::mknodat(LX_AT_FDCWD, "/tmp/my-zero", LX_S_IFCHR | 0666, lx_makedev(1, 5)).ok());
    int fd = open_ok("/tmp/my-zero", LX_O_RDONLY);
    char c = 'x';
    CHECK(*sys::read(fd, &c, 1) == 1);
    CHECK(c == 0);
    CHECK(sys::close(fd).ok());
    REQUIRE(sys::mknodat(LX_AT_FDCWD, "/tmp/nodev", LX_S_IFCHR | 0666, lx_makedev(42, 42)).ok());
    CHECK(sys::openat(LX_AT_FDCWD, "/tmp/nodev", LX_O_RDONLY, 0).error() == LX_ENXIO);
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/tmp/my-zero", 0).ok());
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/tmp/nodev", 0).ok());
}

TEST_CASE("console: fds 0, 1, 2 are the host's streams") {
    for (int fd = 0; fd < 3; ++fd) {
        lx_stat st{};
        if (sys::fstat(fd, &st).error() == LX_EBADF) continue;  // the host has it closed
        REQUIRE(sys::fstat(fd, &st).ok());
        CHECK((st.st_mode & LX_S_IFMT) == LX_S_IFCHR);
        CHECK(st.st_rdev == lx_makedev(5, 1));
        CHECK(*read_link(fd == 0 ? "/proc/self/fd/0" : fd == 1 ? "/proc/self/fd/1" : "/proc/self/fd/2") ==
              "/dev/console");
    }
    // An empty write reaches the host and comes back as 0 bytes.
    CHECK(*sys::write(1, "", 0) == 0);
    // TCGETS answers ENOTTY unless the host stream is a terminal.
    unsigned char termios[60];
    Result<long> r = sys::ioctl(1, LX_TCGETS, termios);
    CHECK((r.ok() || r.error() == LX_ENOTTY));
    // /dev/stdout reopens the console through the /proc/self/fd link.
    int fd = open_ok("/dev/stdout", LX_O_WRONLY);
    lx_stat st{};
    REQUIRE(sys::fstat(fd, &st).ok());
    CHECK(st.st_rdev == lx_makedev(5, 1));
    CHECK(sys::close(fd).ok());
}

TEST_CASE("console: /dev/tty is the terminal on stdin, if there is one") {
    unsigned char termios[60];
    bool tty = host::console_terminal(0, termios) == 0;
    Result<int> fd = sys::openat(LX_AT_FDCWD, "/dev/tty", LX_O_RDWR, 0);
    if (tty) {
        REQUIRE(fd.ok());
        CHECK(sys::ioctl(*fd, LX_TCGETS, termios).ok());
        CHECK(sys::close(*fd).ok());
    } else {
        CHECK(fd.error() == LX_ENXIO);
    }
}
