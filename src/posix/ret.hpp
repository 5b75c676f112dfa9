// Returning from an exported libc function: a kernel Result becomes the
// libc convention (value, or -1 with the host errno set). Errors are
// translated here and nowhere else.
#pragma once

#include <cerrno>
#include <cstdint>
#include <type_traits>

#include "core/base/result.hpp"
#include "core/abi/syscall_numbers.hpp"
#include "core/abi/trace.hpp"
#include "host/host.hpp"

namespace ukp::posix {

// The export being traced on this thread (UKP_TRACE): ret() leaves its
// result there. Only touched while tracing.
class Entry;
extern constinit thread_local Entry* t_traced __attribute__((tls_model("initial-exec")));
void trace_begin(Entry* e, const char* name, long nr, const abi::Arg* kinds, const std::uint64_t* args, int nargs);
void trace_arg(Entry* e, abi::Arg kind, std::uint64_t v);
void trace_end(Entry* e);

// How an argument is shown when the export has no system call of its own
// (or beyond the call's known arguments): by its C++ type.
template <typename T>
constexpr abi::Arg arg_kind() {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<U, const char*>) return abi::Arg::path;
    else if constexpr (std::is_pointer_v<U>) return abi::Arg::ptr;
    else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>) return abi::Arg::num;
    else if constexpr (std::is_integral_v<U>) return abi::Arg::size;
    else return abi::Arg::hex;
}
template <typename T>
inline std::uint64_t raw_arg(const T& v) {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_pointer_v<U>) return reinterpret_cast<std::uintptr_t>(v);
    else if constexpr (std::is_integral_v<U> || std::is_enum_v<U>)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
    else return 0;
}

// What UKP_ENTRY opens: ukp's code runs (host::KernelEntry) and, while
// tracing, one "sym" line is written when the export returns, its
// arguments decoded with the kinds of system call `nr` (-1: none). The
// argument values are only read on the traced path: untraced, the entry
// is one predictable branch each way and stores nothing.
class Entry {
public:
    template <typename... A>
    explicit Entry(const char* name, long nr, const A&... a) {
        static_assert(sizeof...(A) <= kMaxArgs, "trace at most six arguments");
        if (__builtin_expect(abi::g_trace, 0)) {
            static constexpr abi::Arg kinds[] = {arg_kind<A>()..., abi::Arg::none};
            const std::uint64_t args[] = {raw_arg(a)..., 0};
            trace_begin(this, name, nr, kinds, args, static_cast<int>(sizeof...(A)));
        }
    }
    ~Entry() {
        if (__builtin_expect(abi::g_trace, 0)) trace_end(this);
    }
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;

    // A variadic argument, known once the export has read it (open's mode,
    // fcntl's third argument).
    template <typename T>
    void arg(const T& v) {
        if (__builtin_expect(abi::g_trace, 0)) trace_arg(this, arg_kind<T>(), raw_arg(v));
    }

    static constexpr int kMaxArgs = 6;
    host::KernelEntry kernel_;
    // The rest is written by trace_begin only.
    const char* name_;
    long nr_;
    int nargs_;
    bool has_result_;
    std::int64_t t0_;
    std::int64_t result_;
    Entry* outer_;
    abi::Arg kinds_[kMaxArgs];
    std::uint64_t args_[kMaxArgs];
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

// For exports that return a pointer, null with errno set on failure: the
// trace shows the pointer or errno's name (host errno is Linux's here).
template <typename T>
inline T* ret_ptr(T* p) {
    if (__builtin_expect(abi::g_trace, 0)) {
        auto v = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(p));
        trace_result(p ? v : -static_cast<std::int64_t>(errno));
    }
    return p;
}

// For functions that report an error as a null pointer.
template <typename T>
inline T* fail_null(Errno e) {
    trace_result(-static_cast<std::int64_t>(e));
    errno = host_errno(e);
    return nullptr;
}

}  // namespace ukp::posix

// Exported libc names: default visibility even in a -fvisibility=hidden build.
#define UKP_EXPORT extern "C" __attribute__((visibility("default")))

// First statement of every export: the call is ukp's code until it returns,
// so the host calls it makes are not captured (host.hpp, raw system call
// capture). One thread-local store each way.
//   UKP_ENTRY_ARGS(openat, dirfd, path, flags): the export's arguments (up
//   to six), shown in a trace line with the kinds of system call `openat`
//   (core/abi/syscall_table.cpp); `libc` for an export with no system call
//   of its own (fopen, getaddrinfo): the arguments are shown by type.
//   UKP_ENTRY: the name alone (callbacks with nothing worth showing).
#define UKP_ENTRY ::ukp::posix::Entry ukp_entry_(__func__, -1)
#define UKP_ENTRY_ARGS(call, ...) \
    ::ukp::posix::Entry ukp_entry_(__func__, ::ukp::posix::sysno::NR_##call __VA_OPT__(, ) __VA_ARGS__)

// The names UKP_ENTRY_ARGS takes: the system call numbers, and `libc`.
namespace ukp::posix::sysno {
using namespace ::ukp::abi;
inline constexpr long NR_libc = -1;
}  // namespace ukp::posix::sysno
