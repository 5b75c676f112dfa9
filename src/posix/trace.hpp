// Starting the trace of kernel calls at boot (trace.cpp).
#pragma once

namespace ukp::posix {

// Reads UKP_TRACE (- for stderr, or a host file's path); no-op when unset.
void start_tracing();

}  // namespace ukp::posix
