// doctest's main for every unit-test executable: boots the kernel first, with
// a small arena, so tests can use the kernel's allocator and file system.
#define DOCTEST_CONFIG_IMPLEMENT
// The kernel catches SIGSEGV on application pointers (EFAULT); doctest must
// not take the signal over.
#define DOCTEST_CONFIG_NO_POSIX_SIGNALS
#include <doctest/doctest.h>

#include "core/kernel/kernel.hpp"

int main(int argc, char** argv) {
    ukp::Config cfg;
    cfg.arena_size = std::uint64_t{4} << 30;
    ukp::boot(&cfg);
    doctest::Context ctx(argc, argv);
    return ctx.run();
}
