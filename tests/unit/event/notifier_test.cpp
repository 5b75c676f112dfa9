// The readiness mechanism alone: watches, exclusive wakeups, release.
#include <doctest/doctest.h>

#include <vector>

#include "core/abi/linux.hpp"
#include "core/event/notifier.hpp"

using namespace ukp;
using namespace ukp::event;

namespace {

struct Probe final : Watch {
    int notified = 0;
    int released_count = 0;
    std::uint32_t last = 0;
    bool wakes = true;  // what notify_exclusive reports
    void notify(std::uint32_t ev) override {
        ++notified;
        last = ev;
    }
    bool notify_exclusive(std::uint32_t ev) override {
        notify(ev);
        return wakes;
    }
    void released() override { ++released_count; }
    ~Probe() = default;
};

}  // namespace

TEST_CASE("notify reaches every watch, and nothing after remove") {
    Notifier n;
    Probe a, b;
    CHECK_FALSE(n.watched());
    n.add(&a);
    n.add(&b);
    CHECK(n.watched());
    n.notify(LX_POLLIN);
    CHECK(a.notified == 1);
    CHECK(b.notified == 1);
    CHECK(a.last == LX_POLLIN);
    n.remove(&a);
    n.remove(&a);  // idempotent
    n.notify(LX_POLLOUT);
    CHECK(a.notified == 1);
    CHECK(b.notified == 2);
    n.remove(&b);
    CHECK_FALSE(n.watched());
}

TEST_CASE("exclusive watches: all ordinary ones, then exclusive ones until one wakes") {
    Notifier n;
    Probe plain, x1, x2, x3;
    x1.set_exclusive(true);
    x2.set_exclusive(true);
    x3.set_exclusive(true);
    n.add(&x1);
    n.add(&plain);
    n.add(&x2);
    n.add(&x3);
    n.notify(LX_POLLIN);
    CHECK(plain.notified == 1);
    CHECK(x1.notified + x2.notified + x3.notified == 1);
    // A watch that woke nobody does not stop the walk.
    x1.wakes = x2.wakes = x3.wakes = false;
    n.notify(LX_POLLIN);
    CHECK(plain.notified == 2);
    CHECK(x1.notified + x2.notified + x3.notified == 4);
    n.remove(&x1);
    n.remove(&x2);
    n.remove(&x3);
    n.remove(&plain);
}

TEST_CASE("release_file unlinks and tells only that file's watches") {
    Notifier n;
    int f1 = 0, f2 = 0;
    Probe a, b, c;
    a.set_file(&f1);
    b.set_file(&f2);
    c.set_file(&f1);
    n.add(&a);
    n.add(&b);
    n.add(&c);
    n.release_file(&f1);
    CHECK(a.released_count == 1);
    CHECK(c.released_count == 1);
    CHECK(b.released_count == 0);
    n.notify(LX_POLLIN);
    CHECK(a.notified == 0);
    CHECK(b.notified == 1);
    n.release_file(&f1);  // nothing left: no second call
    CHECK(a.released_count == 1);
    n.remove(&b);
    n.release_file(&f2);  // unwatched: the fast path
    CHECK(b.released_count == 0);
}
