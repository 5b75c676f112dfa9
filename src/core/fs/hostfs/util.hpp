// Small conversions between the host-files vocabulary and the kernel's.
#pragma once

#include <cstring>
#include <string_view>

#include "core/abi/linux.hpp"
#include "core/base/result.hpp"
#include "host/host.hpp"

namespace ukp::hostfs {

inline Result<void> host_result(int r) {
    if (r < 0) return static_cast<Errno>(-r);
    return success();
}

// The host has no descriptor left for a new handle.
inline bool out_of_handles(int r) { return r == -LX_EMFILE || r == -LX_ENFILE; }

inline lx_timespec to_lx(const host::FileTime& t) {
    lx_timespec ts{};
    ts.tv_sec = t.sec;
    ts.tv_nsec = t.nsec;
    return ts;
}

// A name component as the host wants it: NUL-terminated (VFS names are at
// most NAME_MAX bytes).
struct CName {
    char text[LX_NAME_MAX + 1];
    explicit CName(std::string_view name) {
        std::size_t n = name.size() < LX_NAME_MAX ? name.size() : LX_NAME_MAX;
        std::memcpy(text, name.data(), n);
        text[n] = '\0';
    }
};

}  // namespace ukp::hostfs
