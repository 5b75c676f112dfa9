// Returning from an exported libc function: a kernel Result becomes the
// libc convention (value, or -1 with the host errno set). Errors are
// translated here and nowhere else.
#pragma once

#include <cerrno>

#include "core/base/result.hpp"
#include "core/abi/trace.hpp"
#include "host/host.hpp"

namespace ukp::posix {

// The export being traced on this thread (UKP_TRACE): ret() leaves its
// result there. Only touched while tracing.
class Entry;
extern constinit thread_local Entry* t_traced __attribute__((tls_model("initial-exec")));
void trace_begin(Entry* e);
void trace_end(Entry* e);

// What UKP_ENTRY opens: ukp's code runs (host::KernelEntry) and, while
// tracing, one "sym" line is written when the export returns. Untraced,
// one predictable branch each way.
class Entry {
public:
    explicit Entry(const char* name) : name_(name) {
        if (__builtin_expect(abi::g_trace, 0)) trace_begin(this);
    }
    ~Entry() {
        if (__builtin_expect(abi::g_trace, 0)) trace_end(this);
    }
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;

    host::KernelEntry kernel_;
    const char* name_;
    std::int64_t t0_ = 0;
    bool has_result_ = false;
    std::int64_t result_ = 0;
    Entry* outer_ = nullptr;
};

inline void trace_result(std::int64_t r) {
    if (__builtin_expect(abi::g_trace, 0) && t_traced) {
        t_traced->has_result_ = true;
        t_traced->result_ = r;
    }
}

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
        trace_result(-static_cast<std::int64_t>(r.error()));
        errno = host_errno(r.error());
        return static_cast<R>(-1);
    }
    trace_result(static_cast<std::int64_t>(r.value()));
    return static_cast<R>(r.value());
}

inline int ret(const Result<void>& r) {
    if (__builtin_expect(!r.ok(), 0)) {
        trace_result(-static_cast<std::int64_t>(r.error()));
        errno = host_errno(r.error());
        return -1;
    }
    trace_result(0);
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

// First statement of every export: the call is ukp's code until it returns,
// so the host calls it makes are not captured (host.hpp, raw system call
// capture). One thread-local store each way.
#define UKP_ENTRY ::ukp::posix::Entry ukp_entry_(__func__)
