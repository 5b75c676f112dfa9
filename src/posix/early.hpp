// Calls made on the booting thread before the kernel exists. The sanitizer
// runtimes probe memory with pipe/write/read/close (UBSan's vptr check)
// while boot itself runs instrumented code; the kernel cannot serve them
// yet, so they go to the host as raw system calls. Any other thread waits
// for the boot instead, as before.
#pragma once

#include <sys/syscall.h>
#include <unistd.h>

#include "core/kernel/kernel.hpp"

namespace ukp::posix {

inline bool to_host_during_boot() {
    return __builtin_expect(!ukp::booted(), 0) && ukp::booting_on_this_thread();
}

// Once booted: installs again, wrapped, the signal handlers that were set
// before the boot (signal.cpp), when sigaction still went to the host.
void adopt_early_signal_actions();

}  // namespace ukp::posix
