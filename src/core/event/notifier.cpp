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

void Notifier::notify_slow(std::uint32_t events) {
    LockGuard g(lock_);
    for (Watch* w = head_; w; w = w->next_) w->notify(events);
}

void Notifier::release_file(const void* file) {
    LockGuard g(lock_);
    for (Watch* w = head_; w;) {
        Watch* next = w->next_;
        if (w->file_ == file) {
            unlink(w);
            w->released();
        }
        w = next;
    }
}

}  // namespace ukp::event
