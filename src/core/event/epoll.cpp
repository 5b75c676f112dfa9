#include "core/event/epoll.hpp"

#include <algorithm>
#include <optional>

#include "core/base/uaccess.hpp"

namespace ukp::event {
namespace {

// Bits that are not events: they survive a EPOLLONESHOT disarm.
constexpr std::uint32_t kPrivate = LX_EPOLLWAKEUP | LX_EPOLLONESHOT | LX_EPOLLET | LX_EPOLLEXCLUSIVE;
// Linux's EP_MAX_NESTS.
constexpr int kMaxNests = 4;

enum class Rd : std::uint8_t { idle, ready, scanning };

}  // namespace

struct Epoll::Item final : Watch, ArenaObject {
    Epoll* ep;
    vfs::File* file;
    Notifier* target_notifier;
    Epoll* target_ep;  // when the target is itself an epoll
    int fd;
    // Interest (with ERR and HUP) and flags; written with mtx_ and lock_
    // held, so either lock is enough to read it.
    std::uint32_t events = 0;
    std::uint64_t data = 0;
    // Ready list (lock_).
    Item* prev = nullptr;
    Item* next = nullptr;
    Rd rd = Rd::idle;
    bool renotified = false;  // notified while a scan had it

    void notify(std::uint32_t ev) override { ep->item_notify(this, ev, false); }
    bool notify_exclusive(std::uint32_t ev) override { return ep->item_notify(this, ev, true); }
    void released() override { ep->item_released(this); }
};

namespace {
template <typename T>
void erase_item(std::pmr::vector<T*>& v, T* p) {
    auto i = std::find(v.begin(), v.end(), p);
    if (i != v.end()) {
        *i = v.back();
        v.pop_back();
    }
}
}  // namespace

Epoll::Epoll(Ref<vfs::Vnode> node, int flags)
    : File(std::move(node), flags),
      items_(mem::resource()),
      children_(mem::resource()),
      parents_(mem::resource()) {}

std::size_t Epoll::size() {
    LockGuard m(mtx_);
    return items_.size();
}

// ---- the ready list -----------------------------------------------------------

void Epoll::link_ready(Item* it) {
    it->rd = Rd::ready;
    it->renotified = false;
    it->next = nullptr;
    it->prev = rd_tail_;
    if (rd_tail_) rd_tail_->next = it;
    else rd_head_ = it;
    rd_tail_ = it;
}

void Epoll::unlink_ready(Item* it) {
    if (it->prev) it->prev->next = it->next;
    else rd_head_ = it->next;
    if (it->next) it->next->prev = it->prev;
    else rd_tail_ = it->prev;
    it->prev = it->next = nullptr;
    it->rd = Rd::idle;
}

// Detaches the whole list for a scan; notifications meanwhile only mark
// the items (renotified), so the scan decides where each goes.
Epoll::Item* Epoll::take_ready() {
    Item* first = rd_head_;
    for (Item* it = first; it; it = it->next) {
        it->rd = Rd::scanning;
        it->renotified = false;
    }
    rd_head_ = rd_tail_ = nullptr;
    return first;
}

// Puts the unscanned rest of a scan back at the front, in order, as Linux
// does, so that a small maxevents still visits every ready item in turn.
void Epoll::put_back(Item* first) {
    if (!first) return;
    Item* last = first;
    first->prev = nullptr;
    for (Item* it = first;; it = it->next) {
        it->rd = Rd::ready;
        if (it->next) it->next->prev = it;
        else {
            last = it;
            break;
        }
    }
    last->next = rd_head_;
    if (rd_head_) rd_head_->prev = last;
    else rd_tail_ = last;
    rd_head_ = first;
}

// ---- callbacks from the Notifier --------------------------------------------------

bool Epoll::item_notify(Item* it, std::uint32_t ev, bool exclusive) {
    bool woke = false;
    bool propagate;
    {
        LockGuard g(lock_);
        std::uint32_t interest = it->events & ~kPrivate;
        if (interest == 0) return false;  // a disarmed EPOLLONESHOT item
        if (ev != 0 && !(ev & interest)) return false;
        if (it->rd == Rd::idle) link_ready(it);
        else if (it->rd == Rd::scanning) it->renotified = true;
        if (waiters_ != 0) {
            if (exclusive) {
                switch (ev & (LX_EPOLLIN | LX_EPOLLOUT)) {
                    case LX_EPOLLIN: woke = interest & LX_EPOLLIN; break;
                    case LX_EPOLLOUT: woke = interest & LX_EPOLLOUT; break;
                    case 0: woke = true; break;
                    default: break;
                }
            }
            wq_.wake_one();
        }
        propagate = notifier_.watched();
    }
    // Epolls that contain this one, and poll() on this fd.
    if (propagate) notifier_.notify(LX_POLLIN);
    return woke;
}

void Epoll::item_released(Item* it) {
    LockGuard m(mtx_);
    remove(it);
}

// ---- the interest set (mtx_ held) -------------------------------------------------

std::uint32_t Epoll::item_poll(Item* it) { return it->file->poll_mask() & it->events; }

void Epoll::make_ready(Item* it) {
    bool propagate;
    {
        LockGuard g(lock_);
        if (it->rd == Rd::idle) link_ready(it);
        if (waiters_ != 0) wq_.wake_one();
        propagate = notifier_.watched();
    }
    if (propagate) notifier_.notify(LX_POLLIN);
}

Result<void> Epoll::insert(int fd, vfs::File& target, Epoll* target_ep, const lx_epoll_event& ev) {
    auto* it = new Item;
    it->ep = this;
    it->file = &target;
    it->target_notifier = target.notifier();
    it->target_ep = target_ep;
    it->fd = fd;
    it->events = ev.events | LX_EPOLLERR | LX_EPOLLHUP;
    it->data = ev.data;
    it->set_file(&target);
    it->set_exclusive(ev.events & LX_EPOLLEXCLUSIVE);
    items_.emplace(Key{&target, fd}, it);
    if (target_ep) {
        children_.push_back(it);
        target_ep->parents_.push_back(it);
    }
    // Watch first, then poll: a change in between is seen by one or the other.
    it->target_notifier->add(it);
    if (item_poll(it)) make_ready(it);
    return success();
}

void Epoll::modify(Item* it, const lx_epoll_event& ev) {
    {
        LockGuard g(lock_);
        it->events = ev.events | LX_EPOLLERR | LX_EPOLLHUP;
        it->data = ev.data;
    }
    if (item_poll(it)) make_ready(it);
}

void Epoll::remove(Item* it) {
    it->target_notifier->remove(it);
    {
        LockGuard g(lock_);
        if (it->rd == Rd::ready) unlink_ready(it);
    }
    items_.erase(Key{it->file, it->fd});
    if (it->target_ep) {
        erase_item(children_, it);
        erase_item(it->target_ep->parents_, it);
    }
    delete it;
}

// ---- nesting (attach_lock held) -------------------------------------------------------

int Epoll::height() {
    int h = 0;
    for (Item* c : children_) {
        int below = c->target_ep->height();
        if (below == INT32_MAX) return below;
        h = std::max(h, below + 1);
        if (h > kMaxNests) return INT32_MAX;
    }
    return h;
}

int Epoll::depth_above() {
    int d = 0;
    for (Item* p : parents_) {
        d = std::max(d, p->ep->depth_above() + 1);
        if (d > kMaxNests) return d;
    }
    return d;
}

// Linux's ep_loop_check: inserting `target` into this epoll must close no
// cycle and make no chain of more than kMaxNests + 1 epolls.
bool Epoll::nesting_too_deep(Epoll* target) {
    // A cycle: this epoll is below target (or is target).
    struct Finder {
        static bool below(Epoll* from, Epoll* want, int depth) {
            if (from == want) return true;
            if (depth > kMaxNests) return true;
            for (Item* c : from->children_)
                if (below(c->target_ep, want, depth + 1)) return true;
            return false;
        }
    };
    if (Finder::below(target, this, 0)) return true;
    int h = target->height();
    if (h > kMaxNests) return true;
    return h + 1 + depth_above() > kMaxNests;
}

// ---- epoll_ctl ----------------------------------------------------------------------------

Result<void> Epoll::ctl(int op, int fd, vfs::File& target, const lx_epoll_event& ev) {
    Epoll* target_ep = from(target);
    // Nesting changes need the graph still; items of other epolls never do.
    std::optional<LockGuard<Mutex>> attach;
    if (target_ep) attach.emplace(attach_lock());
    LockGuard m(mtx_);
    if (op == LX_EPOLL_CTL_ADD && target_ep && nesting_too_deep(target_ep)) return LX_ELOOP;
    auto found = items_.find(Key{&target, fd});
    Item* it = found == items_.end() ? nullptr : found->second;
    switch (op) {
        case LX_EPOLL_CTL_ADD:
            if (it) return LX_EEXIST;
            return insert(fd, target, target_ep, ev);
        case LX_EPOLL_CTL_DEL:
            if (!it) return LX_ENOENT;
            remove(it);
            return success();
        case LX_EPOLL_CTL_MOD:
            if (!it) return LX_ENOENT;
            if (it->events & LX_EPOLLEXCLUSIVE) return LX_EINVAL;
            modify(it, ev);
            return success();
        default:
            return LX_EINVAL;
    }
}

// ---- epoll_wait --------------------------------------------------------------------------

Result<int> Epoll::send_events(char* app_events, int maxevents) {
    LockGuard m(mtx_);
    Item* it;
    {
        LockGuard g(lock_);
        it = take_ready();
    }
    int n = 0;
    bool fault = false;
    while (it && n < maxevents) {
        Item* next = it->next;
        std::uint32_t revents = item_poll(it);
        if (revents) {
            lx_epoll_event e;
            e.events = revents;
            e.data = it->data;
            if (!copy_out(app_events + static_cast<std::size_t>(n) * sizeof e, e).ok()) {
                fault = true;
                break;  // it goes back with the rest
            }
            ++n;
        }
        LockGuard g(lock_);
        bool again = it->renotified;
        if (revents) {
            if (it->events & LX_EPOLLONESHOT) it->events &= kPrivate;
            else if (!(it->events & LX_EPOLLET)) again = true;
        }
        if (again) link_ready(it);
        else it->rd = Rd::idle;
        it = next;
    }
    LockGuard g(lock_);
    put_back(it);
    // Another waiter may take what this one left.
    if (rd_head_ && waiters_ != 0) wq_.wake_one();
    if (n == 0 && fault) return LX_EFAULT;
    return n;
}

Result<int> Epoll::wait(void* app_events, int maxevents, std::int64_t deadline_ns) {
    auto* out = static_cast<char*>(app_events);
    for (;;) {
        int n = TRY(send_events(out, maxevents));
        if (n > 0 || deadline_ns == kNoWait) return n;
        LockGuard g(lock_);
        ++waiters_;
        Result<void> r = wq_.wait(lock_, [&] { return rd_head_ != nullptr; }, deadline_ns,
                                  OnSignal::interrupt);
        --waiters_;
        if (!r.ok()) {
            if (r.error() == LX_ETIMEDOUT) return 0;
            return r.error();
        }
    }
}

// Readable when some linked item is really ready (Linux's ep_eventpoll_poll);
// items found not ready leave the list on the way.
std::uint32_t Epoll::poll_mask() {
    LockGuard m(mtx_);
    Item* it;
    {
        LockGuard g(lock_);
        it = take_ready();
    }
    while (it) {
        if (item_poll(it)) break;
        Item* next = it->next;
        LockGuard g(lock_);
        if (it->renotified) link_ready(it);
        else it->rd = Rd::idle;
        it = next;
    }
    bool ready = it != nullptr;
    LockGuard g(lock_);
    put_back(it);
    return ready ? (LX_POLLIN | LX_POLLRDNORM) : 0;
}

// ---- close ---------------------------------------------------------------------------------

void Epoll::last_ref_dropped() {
    // Items of epolls that contain this one go first, as for any file.
    notifier_.release_file(this);
    {
        LockGuard a(attach_lock());
        LockGuard m(mtx_);
        while (!items_.empty()) remove(items_.begin()->second);
    }
    delete this;
}

}  // namespace ukp::event
