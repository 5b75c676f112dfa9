// Signal actions set before the kernel booted: sigaction() then went
// straight to the host (the sanitizer runtimes call it while they start,
// before instrumented code can run, see signal.cpp). Once booted, the real
// handlers among them are installed again through the wrapped path, so they
// interrupt kernel waits like any other.
#pragma once

namespace ukp::posix {

void adopt_early_signal_actions();

}  // namespace ukp::posix
