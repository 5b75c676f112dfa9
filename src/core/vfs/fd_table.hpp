// FdTable: the process's file descriptors. Lowest free number first,
// close-on-exec per descriptor, bounded by RLIMIT_NOFILE.
#pragma once

#include <memory_resource>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"

namespace ukp::vfs {

class FdTable {
public:
    FdTable() : slots_(mem::resource()) {}

    // Installs f at the lowest free fd >= min_fd.
    Result<int> install(Ref<File> f, bool cloexec, int min_fd = 0);
    // dup2/dup3: installs f at exactly fd, closing what was there (handed
    // to *replaced when asked, for the close-time rules of file locks).
    Result<int> install_at(int fd, Ref<File> f, bool cloexec, Ref<File>* replaced = nullptr);
    Result<Ref<File>> get(int fd) const;
    // Removes fd; returns the file so the caller drops it outside the lock.
    Result<Ref<File>> remove(int fd);
    // Removes fd only while it still holds f (EBADF otherwise): undoes an
    // install whose call failed later, when another thread may have closed
    // the number and reused it meanwhile. The caller holds a reference to
    // f, so no other file can be at its address.
    Result<Ref<File>> remove_if_same(int fd, const File* f);
    Result<bool> cloexec(int fd) const;
    Result<void> set_cloexec(int fd, bool on);
    // Calls fn(fd, file) for every open fd, in order.
    template <typename Fn>
    void for_each(Fn&& fn) const {
        LockGuard g(lock_);
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (slots_[i].file) fn(static_cast<int>(i), slots_[i].file);
    }

    std::uint64_t limit() const { return limit_.load(std::memory_order_relaxed); }
    void set_limit(std::uint64_t l) { limit_.store(l, std::memory_order_relaxed); }

private:
    struct Slot {
        Ref<File> file;
        bool cloexec = false;
    };
    mutable Mutex lock_;
    std::pmr::vector<Slot> slots_;
    std::size_t lowest_free_hint_ = 0;
    std::atomic<std::uint64_t> limit_{1024};
};

}  // namespace ukp::vfs
