// Raw system call capture, the posix layer's part: starting it at boot with
// the kernel's raw-syscall table, and capturing the threads the
// application creates (Linux does not carry the setting over clone).
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/abi/syscall_table.hpp"
#include "core/base/log.hpp"
#include "core/kernel/config.hpp"
#include "host/host.hpp"
#include "posix/capture.hpp"
#include "posix/ret.hpp"

namespace ukp::posix {

namespace {
#if defined(__SANITIZE_THREAD__)
// ThreadSanitizer delivers signals at its own synchronisation points and
// tracks threads itself: with a SIGSYS handler it does not know of, the
// IPC stress test crashed at once. Capture there only when asked for.
constexpr bool kCaptureByDefault = false;
#else
constexpr bool kCaptureByDefault = true;
#endif
}  // namespace

void start_capture(const Config& cfg) {
    using host::CaptureMode;
    bool linux_host = strcmp(host::name(), "linux") == 0;
    CaptureMode mode = cfg.capture < 0 ? (linux_host && kCaptureByDefault ? CaptureMode::trap : CaptureMode::off)
                                       : static_cast<CaptureMode>(cfg.capture);
    int rc = host::capture_start(mode, &abi::dispatch, &abi::syscall_name);
    if (rc < 0) {
        if (cfg.capture < 0)
            UKP_LOG(info, "raw system calls are not captured: {}", errno_name(-rc));
        else
            UKP_LOG(warn, "capture={} unavailable: {}; raw system calls reach the host", cfg.capture,
                    errno_name(-rc));
    }
}

}  // namespace ukp::posix

namespace {

struct Start {
    void* (*fn)(void*);
    void* arg;
};

// The new thread runs application code from here on: capture it first.
void* captured_start(void* p) {
    Start s = *static_cast<Start*>(p);
    free(p);
    ukp::host::capture_thread();
    ukp::host::capture_leave_kernel();
    return s.fn(s.arg);
}

using CreateFn = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

}  // namespace

UKP_EXPORT int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*fn)(void*), void* arg) {
    // Application code calls with the selector at BLOCK; ukp's own threads
    // (kernel service threads, host code) are made with it at ALLOW and
    // must never be captured: they run with every signal blocked.
    bool from_app = ukp::host::detail::capture_selector == ukp::host::detail::kCaptureBlock;
    UKP_ENTRY_ARGS(libc, thread, attr, fn, arg);
    static auto real = reinterpret_cast<CreateFn>(dlsym(RTLD_NEXT, "pthread_create"));
    if (!from_app || ukp::posix::from_host_code_thread()) return real(thread, attr, fn, arg);
    auto* s = static_cast<Start*>(malloc(sizeof(Start)));
    if (!s) return EAGAIN;
    *s = Start{fn, arg};
    int rc = real(thread, attr, captured_start, s);
    if (rc != 0) free(s);
    return rc;
}
