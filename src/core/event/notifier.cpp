#include "core/event/notifier.hpp"

#include "core/base/assert.hpp"

namespace ukp::event {

Notifier::~Notifier() {
    // Every file that shares this notifier released its watches first.
    UKP_ASSERT(head_ == nullptr, "a notifier outlived by a watch");
}

void Notifier::add(Watch* w) {
    LockGuard g(lock_);
    UKP_ASSERT(w->owner_ == nullptr, "a watch added twice");
    w->owner_ = this;
    w->prev_ = nullptr;
    w->next_ = head_;
    if (head_) head_->prev_ = w;
    head_ = w;
    count_.fetch_add(1, std::memory_order_seq_cst);
}

void Notifier::unlink(Watch* w) {
    if (w->prev_) w->prev_->next_ = w->next_;
    else head_ = w->next_;
    if (w->next_) w->next_->prev_ = w->prev_;
    w->prev_ = w->next_ = nullptr;
    w->owner_ = nullptr;
    count_.fetch_sub(1, std::memory_order_relaxed);
}

void Notifier::remove(Watch* w) {
    LockGuard g(lock_);
    if (w->owner_ == this) unlink(w);
}

Mutex& attach_lock() {
    static Mutex lock;
    return lock;
}

void Notifier::notify_slow(std::uint32_t events) {
    LockGuard g(lock_);
    bool any_exclusive = false;
    for (Watch* w = head_; w; w = w->next_) {
        if (w->exclusive_) any_exclusive = true;
        else w->notify(events);
    }
    if (!any_exclusive) return;
    for (Watch* w = head_; w; w = w->next_)
        if (w->exclusive_ && w->notify_exclusive(events)) break;
}

void Notifier::release_file(const void* file) {
    {
        // Under the lock even when nobody watches: a remover (epoll close)
        // may still be inside it, and the file is freed right after this.
        LockGuard g(lock_);
        if (count_.load(std::memory_order_relaxed) == 0) return;
    }
    LockGuard a(attach_lock());
    for (;;) {
        Watch* w;
        {
            LockGuard g(lock_);
            for (w = head_; w && w->file_ != file; w = w->next_) {
            }
            if (!w) return;
            unlink(w);
        }
        // Nothing else can free w: its owner needs attach_lock() for that.
        w->released();
    }
}

}  // namespace ukp::event
