#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "host/host.hpp"

using namespace ukp;

TEST_CASE("Mutex: no lost updates under contention") {
    Mutex m;
    long counter = 0;
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 100000; ++i) {
                LockGuard g(m);
                ++counter;
            }
        });
    for (auto& t : ts) t.join();
    CHECK(counter == 400000);
}

TEST_CASE("RwLock: writers exclude readers") {
    RwLock l;
    long a = 0, b = 0;
    bool torn = false;
    std::vector<std::thread> ts;
    for (int t = 0; t < 2; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 50000; ++i) {
                LockGuard g(l);
                ++a;
                ++b;
            }
        });
    for (int t = 0; t < 2; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 50000; ++i) {
                SharedGuard g(l);
                if (a != b) torn = true;
            }
        });
    for (auto& t : ts) t.join();
    CHECK_FALSE(torn);
    CHECK(a == 100000);
}

TEST_CASE("WaitQueue: a waiter sleeps until woken with its condition true") {
    Mutex m;
    WaitQueue wq;
    bool ready = false;
    std::thread waker([&] {
        LockGuard g(m);
        ready = true;
        wq.wake_all();
    });
    {
        LockGuard g(m);
        CHECK(wq.wait(m, [&] { return ready; }).ok());
    }
    waker.join();
}

TEST_CASE("WaitQueue: a deadline gives ETIMEDOUT") {
    Mutex m;
    WaitQueue wq;
    LockGuard g(m);
    auto r = wq.wait(m, [] { return false; }, host::clock_monotonic() + 2'000'000);
    CHECK(r.error() == LX_ETIMEDOUT);
}
