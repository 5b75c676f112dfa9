#include "core/ipc/app_iov.hpp"

#include "core/base/uaccess.hpp"

namespace ukp::ipc {

AppIov::AppIov(const lx_iovec* v, int count) : v_(v), count_(count), remaining_(0) {
    for (int i = 0; i < count; ++i) remaining_ += v[i].iov_len;
}

template <bool kIn>
std::size_t AppIov::copy(char* kernel, std::size_t n) {
    std::size_t done = 0;
    while (done < n && remaining_ > 0 && !faulted_) {
        const lx_iovec& seg = v_[idx_];
        std::size_t left = seg.iov_len - off_;
        if (left == 0) {
            ++idx_;
            off_ = 0;
            continue;
        }
        std::size_t chunk = left < n - done ? left : n - done;
        char* app = static_cast<char*>(seg.iov_base) + off_;
        Result<void> r = kIn ? copy_from_app(kernel + done, app, chunk) : copy_to_app(app, kernel + done, chunk);
        if (!r.ok()) {
            faulted_ = true;
            break;
        }
        done += chunk;
        off_ += chunk;
        remaining_ -= chunk;
    }
    return done;
}

std::size_t AppIov::copy_in(void* dst, std::size_t n) { return copy<true>(static_cast<char*>(dst), n); }

std::size_t AppIov::copy_out(const void* src, std::size_t n) {
    return copy<false>(const_cast<char*>(static_cast<const char*>(src)), n);
}

}  // namespace ukp::ipc
