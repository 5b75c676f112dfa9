// Starting the trace of kernel calls at boot (trace.cpp).
#pragma once

namespace ukp::posix {

// Starts tracing to `where` (--ukp-trace), else to UKP_TRACE: "-" for
// stderr, or a host file's path. No-op when neither is set.
void start_tracing(const char* where);

}  // namespace ukp::posix
