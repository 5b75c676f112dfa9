// Starting raw system call capture at boot (capture.cpp).
#pragma once

#include "host/host.hpp"

namespace ukp {
struct Config;
}

namespace ukp::posix {

void start_capture(const Config& cfg);

// Threads host code creates (libslirp, glib) are host threads: never captured.
inline bool from_host_code_thread() { return host::in_host_code(); }

}  // namespace ukp::posix
