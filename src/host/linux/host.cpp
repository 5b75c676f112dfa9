#include "../host.hpp"

namespace ukp::host {
std::uint32_t version() { return kVersion; }
const char* name() { return "linux"; }
}  // namespace ukp::host
