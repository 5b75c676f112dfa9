// epoll and eventfd through the kernel's syscalls, with races between
// epoll_ctl, close of watched files, epoll close and epoll_wait.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/event/abi.hpp"
#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"

using namespace ukp;

namespace {

template <typename T>
int err(const Result<T>& r) {
    return r.ok() ? 0 : r.error();
}

int efd(unsigned init = 0) {
    auto r = sys::eventfd2(init, LX_EFD_NONBLOCK);
    REQUIRE(r.ok());
    return *r;
}

int epfd() {
    auto r = sys::epoll_create1(0);
    REQUIRE(r.ok());
    return *r;
}

Result<void> add(int ep, int fd, std::uint32_t events, std::uint64_t data) {
    lx_epoll_event ev{events, data};
    return sys::epoll_ctl(ep, LX_EPOLL_CTL_ADD, fd, &ev);
}

void bump(int fd) {
    std::uint64_t one = 1;
    (void)sys::write(fd, &one, 8);
}

}  // namespace

TEST_CASE("epoll_wait visits only ready items among many idle ones") {
    int ep = epfd();
    std::vector<int> idle;
    for (int i = 0; i < 2000; ++i) {
        idle.push_back(efd());
        REQUIRE(err(add(ep, idle.back(), LX_EPOLLIN, i)) == 0);
    }
    int hot = efd();
    REQUIRE(err(add(ep, hot, LX_EPOLLIN | LX_EPOLLET, 9999)) == 0);
    lx_epoll_event out[8];
    CHECK(*sys::epoll_wait(ep, out, 8, 0) == 0);
    // Many rounds stay fast: each wait looks at one item, not 2001.
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 20000; ++i) {
        bump(hot);
        auto n = sys::epoll_wait(ep, out, 8, 0);
        REQUIRE(n.ok());
        REQUIRE(*n == 1);
        REQUIRE(static_cast<std::uint64_t>(out[0].data) == 9999u);
    }
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("20000 write+epoll_wait rounds with 2000 idle fds: ", us, " us");
    CHECK(us < 2'000'000);  // 100 us per round would mean a scan of the idle fds
    for (int fd : idle) (void)sys::close(fd);
    (void)sys::close(hot);
    (void)sys::close(ep);
}

TEST_CASE("closing watched files, epoll close and ctl race without leaks or crashes") {
    constexpr int kThreads = 4;
    constexpr int kRounds = 3000;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    int shared_ep = epfd();
    // Waiters on the shared epoll, woken by whatever the churners do.
    std::vector<std::thread> waiters;
    for (int i = 0; i < 2; ++i)
        waiters.emplace_back([&] {
            lx_epoll_event out[16];
            while (!stop.load()) {
                auto n = sys::epoll_wait(shared_ep, out, 16, 5);
                if (!n.ok()) failures++;
            }
        });
    std::vector<std::thread> churn;
    for (int t = 0; t < kThreads; ++t)
        churn.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                int e = efd(i & 1);
                int own = epfd();
                if (!add(shared_ep, e, LX_EPOLLIN, t).ok()) failures++;
                if (!add(own, e, LX_EPOLLIN | LX_EPOLLET, t).ok()) failures++;
                // Nest the private epoll into the shared one now and then.
                if (i % 7 == 0 && !add(shared_ep, own, LX_EPOLLIN, 100 + t).ok()) failures++;
                bump(e);
                switch (i % 4) {
                    case 0:  // the file goes first: both items die with it
                        (void)sys::close(e);
                        (void)sys::close(own);
                        break;
                    case 1:  // the private epoll goes first
                        (void)sys::close(own);
                        (void)sys::close(e);
                        break;
                    case 2: {  // DEL, then close
                        lx_epoll_event ev{};
                        if (!sys::epoll_ctl(shared_ep, LX_EPOLL_CTL_DEL, e, &ev).ok()) failures++;
                        (void)sys::close(e);
                        (void)sys::close(own);
                        break;
                    }
                    default: {  // a dup outlives the first close
                        int d = *sys::dup(e);
                        (void)sys::close(e);
                        bump(d);
                        (void)sys::close(d);
                        (void)sys::close(own);
                    }
                }
            }
        });
    for (auto& th : churn) th.join();
    stop.store(true);
    for (auto& th : waiters) th.join();
    CHECK(failures.load() == 0);
    // Every item went with its file or its DEL: nothing is reported.
    lx_epoll_event out[4];
    CHECK(*sys::epoll_wait(shared_ep, out, 4, 0) == 0);
    (void)sys::close(shared_ep);
}

TEST_CASE("a blocked epoll_wait is woken by another thread's eventfd write") {
    int ep = epfd();
    int e = efd();
    REQUIRE(err(add(ep, e, LX_EPOLLIN, 7)) == 0);
    std::atomic<int> got{-1};
    std::thread w([&] {
        lx_epoll_event out[1];
        auto n = sys::epoll_wait(ep, out, 1, -1);
        got = n.ok() ? static_cast<int>(out[0].data) : -2;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    bump(e);
    w.join();
    CHECK(got.load() == 7);
    (void)sys::close(e);
    (void)sys::close(ep);
}

TEST_CASE("many threads in epoll_wait on one epoll: every event is taken once") {
    int ep = epfd();
    int e = efd();
    REQUIRE(err(add(ep, e, LX_EPOLLIN | LX_EPOLLET, 1)) == 0);
    constexpr int kEvents = 2000;
    std::atomic<int> taken{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> ws;
    for (int i = 0; i < 4; ++i)
        ws.emplace_back([&] {
            lx_epoll_event out[1];
            while (!stop.load()) {
                auto n = sys::epoll_wait(ep, out, 1, 10);
                if (n.ok() && *n == 1) {
                    std::uint64_t v;
                    if (sys::read(e, &v, 8).ok()) taken += static_cast<int>(v);
                }
            }
        });
    for (int i = 0; i < kEvents; ++i) bump(e);
    for (int i = 0; i < 500 && taken.load() < kEvents; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    for (auto& t : ws) t.join();
    std::uint64_t rest = 0;
    (void)sys::read(e, &rest, 8);
    CHECK(taken.load() + static_cast<int>(rest) == kEvents);
    (void)sys::close(e);
    (void)sys::close(ep);
}

TEST_CASE("epoll close and the watched file's last close at the same moment") {
    constexpr int kRounds = 2000;
    std::atomic<int> round{0};
    std::atomic<int> ready{0};
    std::atomic<int> done{0};
    int fds[2];
    auto racer = [&](int which) {
        for (int r = 1; r <= kRounds; ++r) {
            while (round.load(std::memory_order_acquire) < r) std::this_thread::yield();
            int fd = fds[which];
            ready.fetch_add(1);
            while (ready.load(std::memory_order_acquire) < 2 * r) {
            }
            (void)sys::close(fd);
            done.fetch_add(1);
        }
    };
    std::thread a(racer, 0), b(racer, 1);
    for (int r = 1; r <= kRounds; ++r) {
        int ep = epfd();
        int e = efd(1);
        // Nested half the time, so the epoll is itself an item's file.
        if (r & 1) {
            int outer = epfd();
            REQUIRE(err(add(outer, ep, LX_EPOLLIN, 0)) == 0);
            REQUIRE(err(add(ep, e, LX_EPOLLIN, 0)) == 0);
            fds[0] = ep;
            fds[1] = e;
            round.store(r, std::memory_order_release);
            while (done.load() < 2 * r) std::this_thread::yield();
            // Both closed: the inner epoll left the outer one with its item.
            lx_epoll_event out[2];
            auto n = sys::epoll_wait(outer, out, 2, 0);
            REQUIRE(n.ok());
            CHECK(*n == 0);
            (void)sys::close(outer);
        } else {
            REQUIRE(err(add(ep, e, LX_EPOLLIN, 0)) == 0);
            fds[0] = ep;
            fds[1] = e;
            round.store(r, std::memory_order_release);
            while (done.load() < 2 * r) std::this_thread::yield();
        }
    }
    a.join();
    b.join();
}
