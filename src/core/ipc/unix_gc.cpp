// Garbage collection of AF_UNIX sockets in flight (Linux's unix_gc).
//
// A socket is a candidate when every reference to it is held by queued
// messages (ref_count == inflight). Candidates referenced from a queue that
// is not itself a candidate's are reachable, and so is everything queued
// at a reachable socket; the other candidates can never be received again,
// so their queues are purged, which drops the last references.
//
// Lock order: gc lock -> endpoint locks. Nobody takes the gc lock with an
// endpoint lock held (counting happens on messages outside the queues).
#include <map>
#include <set>
#include <vector>

#include "core/ipc/unix_socket.hpp"

namespace ukp::ipc {
namespace {

struct Gc : ArenaObject {
    Mutex lock;
    std::pmr::set<UnixSocket*> tracked{mem::resource()};  // sockets that have been in flight
    std::atomic<std::size_t> count{0};  // tracked.size(), for a lock-free "nothing to do"
    std::atomic<bool> running{false};
    void update() { count.store(tracked.size(), std::memory_order_relaxed); }
};

Gc& gc() {
    static Gc* g = new Gc;
    return *g;
}

UnixSocket* as_unix(vfs::File* f) { return dynamic_cast<UnixSocket*>(f); }

// Calls fn(socket) for every AF_UNIX socket queued at `s`.
template <typename Fn>
void for_each_queued(UnixSocket& s, Fn&& fn) {
    UnixEndpoint& e = s.ep();
    LockGuard g(e.lock);
    for (Seg* q = e.rx_head; q; q = q->next)
        if (q->anc && q->anc->counted)
            for (auto& f : q->anc->files)
                if (UnixSocket* u = as_unix(f.get())) fn(u);
}

}  // namespace

void gc_count(UnixAnc& anc) {
    Gc& g = gc();
    LockGuard lk(g.lock);
    for (auto& f : anc.files) {
        if (UnixSocket* u = as_unix(f.get())) {
            u->inflight.fetch_add(1, std::memory_order_relaxed);
            g.tracked.insert(u);
        }
    }
    g.update();
    anc.counted = true;
}

void gc_uncount(UnixAnc& anc) {
    for (auto& f : anc.files)
        if (UnixSocket* u = as_unix(f.get())) u->inflight.fetch_sub(1, std::memory_order_relaxed);
}

void gc_forget(UnixSocket* s) {
    Gc& g = gc();
    LockGuard lk(g.lock);
    g.tracked.erase(s);
    g.update();
}

void gc_run() {
    Gc& g = gc();
    if (g.count.load(std::memory_order_relaxed) == 0) return;
    if (g.running.exchange(true)) return;  // one at a time (purging re-enters)
    Seg* purged = nullptr;
    {
        LockGuard lk(g.lock);
        std::pmr::map<UnixSocket*, std::int64_t> cand(mem::resource());
        for (auto it = g.tracked.begin(); it != g.tracked.end();) {
            UnixSocket* u = *it;
            std::uint32_t in = u->inflight.load(std::memory_order_relaxed);
            if (in == 0) {
                it = g.tracked.erase(it);
                continue;
            }
            if (u->ref_count() == in) cand.emplace(u, in);
            ++it;
        }
        g.update();
        // References from candidates' own queues.
        for (auto& [u, n] : cand)
            for_each_queued(*u, [&](UnixSocket* q) {
                auto f = cand.find(q);
                if (f != cand.end()) --f->second;
            });
        // Anything still counted is referenced from outside; so is what it holds.
        std::pmr::vector<UnixSocket*> work(mem::resource());
        std::pmr::set<UnixSocket*> reachable(mem::resource());
        for (auto& [u, n] : cand)
            if (n > 0) work.push_back(u), reachable.insert(u);
        while (!work.empty()) {
            UnixSocket* u = work.back();
            work.pop_back();
            for_each_queued(*u, [&](UnixSocket* q) {
                if (cand.count(q) && reachable.insert(q).second) work.push_back(q);
            });
        }
        for (auto& [u, n] : cand) {
            if (reachable.count(u)) continue;
            UnixEndpoint& e = u->ep();
            LockGuard eg(e.lock);
            if (!e.rx_head) continue;
            e.rx_tail->next = purged;
            purged = e.rx_head;
            e.rx_head = e.rx_tail = nullptr;
            e.rx_count = 0;
            e.rx_bytes.store(0, std::memory_order_relaxed);
            e.rx_charge.store(0, std::memory_order_relaxed);
        }
    }
    g.running.store(false);
    seg_free_chain(purged);  // drops the cycles' last references
}

}  // namespace ukp::ipc
