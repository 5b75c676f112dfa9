#include "core/vfs/fd_table.hpp"

namespace ukp::vfs {

Result<int> FdTable::install(Ref<File> f, bool cloexec, int min_fd) {
    if (min_fd < 0) return LX_EINVAL;
    LockGuard g(lock_);
    std::size_t start = static_cast<std::size_t>(min_fd);
    if (start < lowest_free_hint_) start = lowest_free_hint_;
    std::size_t fd = start;
    while (fd < slots_.size() && slots_[fd].file) ++fd;
    if (fd >= limit_) return static_cast<std::uint64_t>(min_fd) >= limit_ ? LX_EINVAL : LX_EMFILE;
    if (fd >= slots_.size()) slots_.resize(fd + 1);
    slots_[fd] = Slot{std::move(f), cloexec};
    if (static_cast<std::size_t>(min_fd) <= lowest_free_hint_) lowest_free_hint_ = fd + 1;
    return static_cast<int>(fd);
}

Result<int> FdTable::install_at(int fd, Ref<File> f, bool cloexec, Ref<File>* replaced) {
    if (fd < 0 || static_cast<std::uint64_t>(fd) >= limit_) return LX_EBADF;
    Ref<File> old;  // released after the lock is dropped
    {
        LockGuard g(lock_);
        auto i = static_cast<std::size_t>(fd);
        if (i >= slots_.size()) slots_.resize(i + 1);
        old = std::move(slots_[i].file);
        slots_[i] = Slot{std::move(f), cloexec};
    }
    if (replaced) *replaced = std::move(old);
    return fd;
}

Result<Ref<File>> FdTable::get(int fd) const {
    LockGuard g(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size() || !slots_[fd].file) return LX_EBADF;
    return slots_[fd].file;
}

Result<Ref<File>> FdTable::remove(int fd) {
    LockGuard g(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size() || !slots_[fd].file) return LX_EBADF;
    Ref<File> f = std::move(slots_[fd].file);
    slots_[fd].cloexec = false;
    if (static_cast<std::size_t>(fd) < lowest_free_hint_) lowest_free_hint_ = static_cast<std::size_t>(fd);
    return f;
}

Result<Ref<File>> FdTable::remove_if_same(int fd, const File* f) {
    LockGuard g(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size() || slots_[fd].file.get() != f || !f)
        return LX_EBADF;
    Ref<File> out = std::move(slots_[fd].file);
    slots_[fd].cloexec = false;
    if (static_cast<std::size_t>(fd) < lowest_free_hint_) lowest_free_hint_ = static_cast<std::size_t>(fd);
    return out;
}

Result<bool> FdTable::cloexec(int fd) const {
    LockGuard g(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size() || !slots_[fd].file) return LX_EBADF;
    return slots_[fd].cloexec;
}

Result<void> FdTable::set_cloexec(int fd, bool on) {
    LockGuard g(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size() || !slots_[fd].file) return LX_EBADF;
    slots_[fd].cloexec = on;
    return success();
}

}  // namespace ukp::vfs
