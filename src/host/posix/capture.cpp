// Raw system call capture needs Syscall User Dispatch (Linux): elsewhere
// every call is left to the host, and asking for capture says ENOSYS.
#include <cerrno>

#include "../host.hpp"

namespace ukp::host {

namespace detail {
constinit thread_local unsigned char capture_selector __attribute__((tls_model("initial-exec"))) =
    kCaptureAllow;
}

CaptureMode capture_mode() { return CaptureMode::off; }
int capture_start(CaptureMode mode, SyscallHandler, const char* (*)(long)) {
    return mode == CaptureMode::off ? 0 : -ENOSYS;
}
void capture_thread() {}
void capture_leave_kernel() {}
std::int64_t syscall_host(long, const std::uint64_t (&)[6]) { return -ENOSYS; }
int signal_action_raw(int, const void*, void*) { return -ENOSYS; }

}  // namespace ukp::host
