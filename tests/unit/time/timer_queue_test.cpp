#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/time/timer_queue.hpp"
#include "host/host.hpp"

using namespace ukp;

namespace {

struct Probe final : time::Timer {
    Probe(std::vector<int>* log, int id) : log_(log), id_(id) {}
    void expired(std::int64_t) override { log_->push_back(id_); }
    std::vector<int>* log_;
    int id_;
};

struct Flag final : time::Timer {
    void expired(std::int64_t) override { fired.fetch_add(1); }
    std::atomic<int> fired{0};
};

}  // namespace

TEST_CASE("timer queue: callbacks run in deadline order, only when due") {
    time::TimerQueue q(false);
    std::vector<int> log;
    std::vector<Ref<Probe>> probes;
    const int deadlines[] = {50, 10, 40, 20, 30, 60, 5};
    for (int i = 0; i < 7; ++i) {
        probes.push_back(make_ref<Probe>(&log, deadlines[i]));
        REQUIRE(q.arm(probes.back().get(), deadlines[i]).ok());
    }
    CHECK(q.size() == 7);
    CHECK(q.next_deadline() == 5);
    CHECK(q.run_due(4) == 0);
    CHECK(q.run_due(30) == 4);
    CHECK(log == std::vector<int>{5, 10, 20, 30});
    CHECK(q.next_deadline() == 40);
    CHECK(q.run_due(1000) == 3);
    CHECK(log == std::vector<int>{5, 10, 20, 30, 40, 50, 60});
    CHECK(q.next_deadline() == -1);
}

TEST_CASE("timer queue: re-arming moves a timer, cancel removes it and its reference") {
    time::TimerQueue q(false);
    std::vector<int> log;
    Ref<Probe> a = make_ref<Probe>(&log, 1), b = make_ref<Probe>(&log, 2), c = make_ref<Probe>(&log, 3);
    REQUIRE(q.arm(a.get(), 10).ok());
    REQUIRE(q.arm(b.get(), 20).ok());
    REQUIRE(q.arm(c.get(), 30).ok());
    CHECK(a->ref_count() == 2);
    REQUIRE(q.arm(a.get(), 40).ok());  // moved, not duplicated
    CHECK(q.size() == 3);
    CHECK(a->ref_count() == 2);
    q.cancel(b.get());
    q.cancel(b.get());  // no-op
    CHECK(b->ref_count() == 1);
    CHECK(q.size() == 2);
    CHECK(q.run_due(100) == 2);
    CHECK(log == std::vector<int>{3, 1});
    CHECK(a->ref_count() == 1);
    CHECK(c->ref_count() == 1);
}

TEST_CASE("timer queue: a callback may arm itself again") {
    struct Periodic final : time::Timer {
        time::TimerQueue* q;
        int runs = 0;
        void expired(std::int64_t now) override {
            if (++runs < 3) (void)q->arm(this, now + 10);
        }
    };
    time::TimerQueue q(false);
    Ref<Periodic> p = make_ref<Periodic>();
    p->q = &q;
    REQUIRE(q.arm(p.get(), 10).ok());
    CHECK(q.run_due(10) == 1);
    CHECK(q.next_deadline() == 20);
    CHECK(q.run_due(20) == 1);
    CHECK(q.run_due(30) == 1);
    CHECK(p->runs == 3);
    CHECK(q.size() == 0);
}

TEST_CASE("timer queue: many timers stay a heap") {
    time::TimerQueue q(false);
    std::vector<int> log;
    std::vector<Ref<Probe>> probes;
    for (int i = 0; i < 200; ++i) {
        int d = (i * 7919) % 1000;
        probes.push_back(make_ref<Probe>(&log, d));
        REQUIRE(q.arm(probes.back().get(), d).ok());
    }
    for (int i = 0; i < 200; i += 3) q.cancel(probes[i].get());
    q.run_due(100000);
    for (std::size_t i = 1; i < log.size(); ++i) CHECK(log[i - 1] <= log[i]);
    CHECK(log.size() == 200 - 67);
}

TEST_CASE("timer queue: the service thread fires at the deadline") {
    time::TimerQueue& q = time::TimerQueue::global();
    Ref<Flag> f = make_ref<Flag>(), g = make_ref<Flag>();
    // The owner starts the thread before it takes its own lock to arm.
    REQUIRE(q.start().ok());
    REQUIRE(q.start().ok());  // once is enough; again is a no-op
    std::int64_t start = host::clock_monotonic();
    REQUIRE(q.arm(f.get(), start + 30'000'000).ok());
    // An earlier timer armed later must wake the thread sooner.
    REQUIRE(q.arm(g.get(), start + 10'000'000).ok());
    std::int64_t g_at = 0;
    for (int i = 0; i < 2000 && f->fired.load() == 0; ++i) {
        if (g->fired.load() && !g_at) g_at = host::clock_monotonic();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(g->fired.load() == 1);
    CHECK(f->fired.load() == 1);
    CHECK(host::clock_monotonic() - start >= 30'000'000);
    CHECK((g_at == 0 || g_at - start < 30'000'000));
}
