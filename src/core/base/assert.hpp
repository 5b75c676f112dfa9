// UKP_ASSERT: a broken kernel invariant, never bad input from the app (that
// is an errno). Names the invariant and stops the process.
#pragma once

namespace ukp {
[[noreturn]] void assert_failed(const char* invariant, const char* file, int line);
}

#define UKP_ASSERT(cond, invariant)                                     \
    do {                                                                \
        if (__builtin_expect(!(cond), 0)) ::ukp::assert_failed(invariant, __FILE__, __LINE__); \
    } while (0)
