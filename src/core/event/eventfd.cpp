#include "core/event/eventfd.hpp"

#include "core/base/uaccess.hpp"

namespace ukp::event {

EventFd::EventFd(Ref<vfs::Vnode> node, int flags, std::uint64_t initial, bool semaphore)
    : File(std::move(node), flags), count_(initial), semaphore_(semaphore) {}

Result<std::uint64_t> EventFd::take(bool nonblock) {
    LockGuard g(lock_);
    if (count_ == 0) {
        if (nonblock) return LX_EAGAIN;
        TRY(readers_.wait(lock_, [&] { return count_ != 0; }));
    }
    std::uint64_t v = semaphore_ ? 1 : count_;
    count_ -= v;
    // Linux wakes writers and pollers after every read, room or not.
    notifier_.notify(LX_POLLOUT);
    writers_.wake_all();
    return v;
}

Result<void> EventFd::add(std::uint64_t value, bool nonblock) {
    if (value == ~std::uint64_t{0}) return LX_EINVAL;
    LockGuard g(lock_);
    if (kMax - count_ < value) {
        if (nonblock) return LX_EAGAIN;
        TRY(writers_.wait(lock_, [&] { return kMax - count_ >= value; }));
    }
    count_ += value;
    // Every write wakes readers, even of 0 (edge-triggered epoll sees each).
    notifier_.notify(LX_POLLIN);
    readers_.wake_all();
    return success();
}

Result<std::size_t> EventFd::read(void* buf, std::size_t n) {
    if (n < sizeof(std::uint64_t)) return LX_EINVAL;
    std::uint64_t v = TRY(take(flags() & LX_O_NONBLOCK));
    // As Linux: the count is consumed even when the copy out faults.
    TRY(copy_out(buf, v));
    return sizeof v;
}

Result<std::size_t> EventFd::write(const void* buf, std::size_t n) {
    // Reads may be longer than 8 bytes; writes must be exactly 8 (Linux 6.x).
    if (n != sizeof(std::uint64_t)) return LX_EINVAL;
    std::uint64_t v;
    TRY(copy_in(v, buf));
    TRY(add(v, flags() & LX_O_NONBLOCK));
    return sizeof v;
}

std::uint32_t EventFd::poll_mask() {
    LockGuard g(lock_);
    // Linux's eventfd_poll: plain IN/OUT, ERR on the overflow value.
    std::uint32_t m = 0;
    if (count_ > 0) m |= LX_POLLIN;
    if (count_ == ~std::uint64_t{0}) m |= LX_POLLERR;
    if (count_ < kMax) m |= LX_POLLOUT;
    return m;
}

}  // namespace ukp::event
