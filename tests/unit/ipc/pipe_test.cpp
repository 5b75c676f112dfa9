// The pipe object through the kernel's calls: pipe2, blocking, EOF, sizes.
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "core/kernel/kernel.hpp"

#include "core/abi/linux.hpp"
#include "core/sys/sys.hpp"

using namespace ukp;

TEST_CASE("pipe: pipe2 gives two ends, EOF after the writer closes") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, 0).ok());
    CHECK(*sys::write(fds[1], "abc", 3) == 3);
    long n = -1;
    CHECK(*sys::ioctl(fds[0], LX_FIONREAD, &n) == 0);
    CHECK(static_cast<int>(n) == 3);
    char buf[8];
    CHECK(*sys::read(fds[0], buf, sizeof buf) == 3);
    CHECK(sys::close(fds[1]).ok());
    CHECK(*sys::read(fds[0], buf, sizeof buf) == 0);
    CHECK(sys::close(fds[0]).ok());
    CHECK(sys::pipe2(fds, LX_O_APPEND).error() == LX_EINVAL);
}

TEST_CASE("pipe: a blocked reader wakes for a writer thread") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, 0).ok());
    std::atomic<int> got{-1};
    std::thread reader([&] {
        char buf[16];
        got = static_cast<int>(sys::read(fds[0], buf, sizeof buf).value_or(0));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(got.load() == -1);
    CHECK(*sys::write(fds[1], "12345", 5) == 5);
    reader.join();
    CHECK(got.load() == 5);
    CHECK(sys::close(fds[0]).ok());
    CHECK(sys::close(fds[1]).ok());
}

TEST_CASE("pipe: F_SETPIPE_SZ rounds up to a power of two pages") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, LX_O_NONBLOCK).ok());
    CHECK(*sys::fcntl(fds[0], LX_F_GETPIPE_SZ, 0) == 65536);
    CHECK(*sys::fcntl(fds[1], LX_F_SETPIPE_SZ, 12289) == 16384);
    CHECK(*sys::fcntl(fds[0], LX_F_SETPIPE_SZ, 0) == 4096);
    CHECK(sys::fcntl(fds[0], LX_F_SETPIPE_SZ, 0xffffffffu).error() == LX_EINVAL);
    static char big[8192];
    CHECK(*sys::write(fds[1], big, sizeof big) == 4096);
    CHECK(sys::write(fds[1], big, 1).error() == LX_EAGAIN);
    CHECK(sys::close(fds[0]).ok());
    CHECK(sys::close(fds[1]).ok());
}

namespace {
std::uint32_t mask_of(int fd) { return (*current().fds().get(fd))->poll_mask(); }
constexpr std::uint32_t kIn = LX_POLLIN | LX_POLLRDNORM, kOut = LX_POLLOUT | LX_POLLWRNORM;
}  // namespace

TEST_CASE("pipe: poll_mask follows Linux's pipe_poll") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, LX_O_NONBLOCK).ok());
    CHECK(mask_of(fds[0]) == 0);
    CHECK(mask_of(fds[1]) == kOut);
    CHECK(*sys::write(fds[1], "x", 1) == 1);
    CHECK(mask_of(fds[0]) == kIn);
    // Full: every slot taken, no POLLOUT even with room left in a page.
    CHECK(*sys::fcntl(fds[1], LX_F_SETPIPE_SZ, 4096) == 4096);
    CHECK(mask_of(fds[1]) == 0);
    CHECK(*current().fds().get(fds[0]) != nullptr);
    event::Notifier* n0 = (*current().fds().get(fds[0]))->notifier();
    CHECK(n0 != nullptr);
    CHECK(n0 == (*current().fds().get(fds[1]))->notifier());  // one notifier, both ends
    int w2 = *sys::dup(fds[1]);
    CHECK(sys::close(fds[1]).ok());
    CHECK(mask_of(fds[0]) == kIn);  // a writer remains
    CHECK(sys::close(w2).ok());
    CHECK(mask_of(fds[0]) == (kIn | LX_POLLHUP));
    char c;
    CHECK(*sys::read(fds[0], &c, 1) == 1);
    CHECK(mask_of(fds[0]) == LX_POLLHUP);
    CHECK(sys::close(fds[0]).ok());

    REQUIRE(sys::pipe2(fds, 0).ok());
    CHECK(sys::close(fds[0]).ok());
    CHECK(mask_of(fds[1]) == (kOut | LX_POLLERR));
    CHECK(sys::close(fds[1]).ok());
}

TEST_CASE("fifo: a reader opened without writers sees POLLHUP only after one came") {
    REQUIRE(sys::mknodat(LX_AT_FDCWD, "/tmp/unit_ipc_fifo", LX_S_IFIFO | 0600, 0).ok());
    int r = *sys::openat(LX_AT_FDCWD, "/tmp/unit_ipc_fifo", LX_O_RDONLY | LX_O_NONBLOCK, 0);
    CHECK(mask_of(r) == 0);  // Linux: no POLLHUP before any writer
    int w = *sys::openat(LX_AT_FDCWD, "/tmp/unit_ipc_fifo", LX_O_WRONLY | LX_O_NONBLOCK, 0);
    CHECK(mask_of(w) == kOut);
    CHECK(sys::close(w).ok());
    CHECK(mask_of(r) == LX_POLLHUP);
    CHECK(sys::close(r).ok());
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/tmp/unit_ipc_fifo", 0).ok());
}

TEST_CASE("pipe: many writers and readers lose and reorder nothing") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, 0).ok());
    constexpr int kWriters = 4, kReaders = 3, kMsgs = 3000;
    // Each message is 8 bytes (writer id, sequence): atomic, so each reader
    // sees every writer's messages in increasing order.
    std::atomic<long> received{0};
    std::atomic<int> disorder{0};
    std::vector<std::thread> ts;
    for (int id = 0; id < kWriters; ++id)
        ts.emplace_back([&, id] {
            for (int s = 0; s < kMsgs; ++s) {
                std::int32_t m[2] = {id, s};
                if (sys::write(fds[1], m, sizeof m).value_or(0) != sizeof m) disorder++;
            }
        });
    for (int i = 0; i < kReaders; ++i)
        ts.emplace_back([&] {
            int last[kWriters];
            for (int& l : last) l = -1;
            for (;;) {
                std::int32_t m[2];
                std::size_t got = sys::read(fds[0], m, sizeof m).value_or(0);
                if (got == 0) break;
                // 8-byte writes into page buffers never straddle a read of 8.
                if (got != sizeof m || m[0] < 0 || m[0] >= kWriters || m[1] <= last[m[0]]) {
                    disorder++;
                    continue;
                }
                last[m[0]] = m[1];
                received++;
            }
        });
    for (int i = 0; i < kWriters; ++i) ts[i].join();
    CHECK(sys::close(fds[1]).ok());
    for (std::size_t i = kWriters; i < ts.size(); ++i) ts[i].join();
    CHECK(received.load() == long{kWriters} * kMsgs);
    CHECK(disorder.load() == 0);
    CHECK(sys::close(fds[0]).ok());
}
