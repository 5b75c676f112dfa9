#include "core/event/poll.hpp"

#include <new>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/notifier.hpp"
#include "core/kernel/kernel.hpp"
#include "core/vfs/file.hpp"

namespace ukp::event {
namespace {

constexpr std::uint32_t kAlways = LX_POLLERR | LX_POLLHUP;

// Where the call sleeps: any watch's notification ends the sleep, then
// every file is polled again.
struct Waiter {
    Mutex lock;
    WaitQueue wq;
    bool fired = false;
    void fire() {
        LockGuard g(lock);
        fired = true;
        wq.wake_one();
    }
};

struct Entry final : Watch {
    Ref<vfs::File> file;
    Notifier* notifier = nullptr;
    Waiter* waiter = nullptr;
    std::uint32_t interest = 0;
    void notify(std::uint32_t ev) override {
        if (ev == 0 || (ev & interest)) waiter->fire();
    }
    ~Entry() = default;
};

// Entries for small calls live on the stack.
constexpr std::size_t kInline = 16;

}  // namespace

Result<int> poll_files(PollRequest* reqs, std::size_t n, std::int64_t deadline_ns, PollMode mode) {
    alignas(Entry) unsigned char inline_buf[kInline * sizeof(Entry)];
    Entry* entries = n <= kInline ? reinterpret_cast<Entry*>(inline_buf)
                                  : static_cast<Entry*>(mem::allocate(n * sizeof(Entry), alignof(Entry)));
    for (std::size_t i = 0; i < n; ++i) new (&entries[i]) Entry;
    Waiter waiter;
    vfs::FdTable& fds = current().fds();

    Result<int> out = 0;
    int ready = 0;
    // First pass: look the fds up, watch them (until one is ready: then
    // nobody will sleep, as Linux stops queueing), poll them.
    for (std::size_t i = 0; i < n; ++i) {
        PollRequest& r = reqs[i];
        r.revents = 0;
        if (r.fd < 0) continue;
        Result<Ref<vfs::File>> f = fds.get(r.fd);
        if (!f.ok()) {
            if (mode == PollMode::select) {
                out = LX_EBADF;
                break;
            }
            r.revents = LX_POLLNVAL;
            ++ready;
            continue;
        }
        Entry& e = entries[i];
        e.file = std::move(*f);
        e.interest = mode == PollMode::poll ? r.events | kAlways : r.events;
        e.waiter = &waiter;
        if (ready == 0 && deadline_ns != kPollNoWait) {
            e.notifier = e.file->notifier();
            if (e.notifier) e.notifier->add(&e);
        }
        r.revents = e.file->poll_mask() & e.interest;
        if (r.revents) ++ready;
    }

    while (out.ok() && ready == 0 && deadline_ns != kPollNoWait) {
        {
            LockGuard g(waiter.lock);
            Result<void> w = waiter.wq.wait(waiter.lock, [&] { return waiter.fired; }, deadline_ns,
                                            OnSignal::interrupt);
            waiter.fired = false;
            if (!w.ok()) {
                if (w.error() != LX_ETIMEDOUT) out = w.error();
                break;
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            Entry& e = entries[i];
            if (!e.notifier) continue;  // closed, ignored, or never changes
            reqs[i].revents = e.file->poll_mask() & e.interest;
            if (reqs[i].revents) ++ready;
        }
    }

    for (std::size_t i = 0; i < n; ++i) {
        if (entries[i].notifier) entries[i].notifier->remove(&entries[i]);
        entries[i].~Entry();
    }
    if (n > kInline) mem::deallocate(entries, n * sizeof(Entry), alignof(Entry));
    if (!out.ok()) return out;
    return ready;
}

}  // namespace ukp::event
