// Exported calls that are not the application's: they leave the kernel.
//
// Libraries the host layer runs inside the process (libslirp and glib for
// the user network) call socket, read, close, ... by name; their fds are
// host fds. The host layer marks those threads (host::HostCodeScope) and the
// export hands the call to the host libc's function (host::libc,
// dlsym(RTLD_NEXT)). The test is one predictable branch on the hot path.
// (The sanitizer runtimes' sigaction before boot is signal.cpp's.) Every export that
// host code calls (nm -D libslirp.so.0, and what glib does for it) starts
// with UKP_HOST_PASSTHROUGH; tests/net checks the list against libslirp.
#pragma once

#include "host/host.hpp"
#include "host/posix/libc.hpp"

namespace ukp::posix {

// Whether this call is made by host code and must reach the host libc.
inline bool from_host_code() { return ukp::host::in_host_code(); }

}  // namespace ukp::posix

// First statement of an export: `fn` is the host libc function of the same
// name (a field of host::libc::Table), called with the export's arguments.
#define UKP_HOST_PASSTHROUGH(fn, ...)                                      \
    do {                                                                   \
        if (::ukp::posix::from_host_code()) return ::ukp::host::libc::get().fn(__VA_ARGS__); \
    } while (0)
