// ThreadSanitizer's siglongjmp cannot leave a signal handler that
// interrupted an application-memory copy, so test cases that hand the kernel
// bad application pointers are skipped under TSan (and say so); every other
// build runs them. Use: TEST_CASE("..." * UKP_NEEDS_FAULT_RECOVERY).
#pragma once

#include <doctest/doctest.h>

#include "core/base/sanitizer.hpp"

#ifdef UKP_TSAN
inline constexpr bool kFaultRecoveryWorks = false;
#else
inline constexpr bool kFaultRecoveryWorks = true;
#endif

// Both decorators at once: skipped under TSan, with the reason shown.
#define UKP_NEEDS_FAULT_RECOVERY                                                        \
    doctest::skip(!kFaultRecoveryWorks) *                                               \
        doctest::description("skipped under ThreadSanitizer: no fault recovery there")
