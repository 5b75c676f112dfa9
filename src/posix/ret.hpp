// Returning from an exported libc function: a kernel Result becomes the
// libc convention (value, or -1 with the host errno set). Errors are
// translated here and nowhere else.
#pragma once

#include <cerrno>

#include "core/base/result.hpp"

namespace ukp::posix {

// Linux errno -> the host libc's errno. Identity on Linux.
inline int host_errno(int lx) {
    // A restart that escaped its wait loop is, to the application, EINTR.
    if (__builtin_expect(lx == LX_ERESTARTSYS, 0)) return EINTR;
#if defined(__linux__)
    return lx;
#else
#error "errno translation for this host comes with its port"
#endif
}

template <typename R, typename T>
inline R ret(const Result<T>& r) {
    if (__builtin_expect(!r.ok(), 0)) {
        errno = host_errno(r.error());
        return static_cast<R>(-1);
    }
    return static_cast<R>(r.value());
}

inline int ret(const Result<void>& r) {
    if (__builtin_expect(!r.ok(), 0)) {
        errno = host_errno(r.error());
        return -1;
    }
    return 0;
}

// For functions that report an error as a null pointer.
template <typename T>
inline T* fail_null(Errno e) {
    errno = host_errno(e);
    return nullptr;
}

}  // namespace ukp::posix

// Exported libc names: default visibility even in a -fvisibility=hidden build.
#define UKP_EXPORT extern "C" __attribute__((visibility("default")))
