// AppIov: application buffers (one, or a readv/writev array) consumed front
// to back by a kernel object that copies in pieces (a pipe's pages, a
// socket's messages). Copies go through uaccess: a bad pointer stops the
// copy and is remembered, so the caller can return what moved or EFAULT.
#pragma once

#include <cstddef>

#include "core/abi/linux.hpp"

namespace ukp::ipc {

class AppIov {
public:
    // One buffer.
    AppIov(void* base, std::size_t n) : one_{base, n}, v_(&one_), count_(1), remaining_(n) {}
    // `v` is a kernel copy of the application's array; it must outlive this.
    AppIov(const lx_iovec* v, int count);
    AppIov(const AppIov&) = delete;
    AppIov& operator=(const AppIov&) = delete;

    std::size_t remaining() const { return remaining_; }
    bool faulted() const { return faulted_; }
    // Moves up to n bytes from the application into dst (copy_in) or from
    // src to the application (copy_out); returns the bytes moved, fewer
    // only at the end of the buffers or at a bad pointer.
    std::size_t copy_in(void* dst, std::size_t n);
    std::size_t copy_out(const void* src, std::size_t n);

private:
    template <bool kIn>
    std::size_t copy(char* kernel, std::size_t n);

    lx_iovec one_{};
    const lx_iovec* v_;
    int count_;
    int idx_ = 0;
    std::size_t off_ = 0;  // into v_[idx_]
    std::size_t remaining_;
    bool faulted_ = false;
};

}  // namespace ukp::ipc
