#include "core/base/assert.hpp"

#include <fmt/format.h>

#include "host/host.hpp"

namespace ukp {

void assert_failed(const char* invariant, const char* file, int line) {
    char buf[512];
    auto r = fmt::format_to_n(buf, sizeof buf - 1, "kernel invariant broken: {} ({}:{})",
                              invariant, file, line);
    buf[r.size < sizeof buf - 1 ? r.size : sizeof buf - 1] = '\0';
    host::panic(buf);
}

}  // namespace ukp
