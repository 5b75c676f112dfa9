// Tracing kernel calls like strace (UKP_TRACE=-|FILE): one line per call
// with its thread, name, decoded arguments (by the raw-syscall table's
// kinds), result or errno name and duration; "raw" marks a captured system
// call, "sym" a call of one of libukp's exported names.
//
//   ukp 3 raw openat(AT_FDCWD, "/tmp/x", O_WRONLY|O_CREAT|O_TRUNC, 0600) = 3 <0.000011>
//   ukp 1 sym open("/etc/x", O_RDONLY) = -1 ENOENT <0.000004>
//   ukp 1 sym fopen("/tmp/y", "w") = 0x5581c2a0 <0.000009>
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/abi/syscall_table.hpp"

namespace ukp::abi {

// Set once, before any call is traced; read by every call.
extern bool g_trace;
using TraceSink = void (*)(const char* line, std::size_t n);
void trace_start(TraceSink sink);

// The result of a call that does not return (exit): printed as "= ?".
inline constexpr std::int64_t kNoReturn = INT64_MIN;
// A captured call: the table's entry (null when unknown) and raw arguments.
void trace_raw(long nr, const std::uint64_t (&args)[6], std::int64_t result, std::int64_t ns);
// A call of an exported name. Its arguments are decoded with the kinds of
// system call `nr` where the table knows it, else with `kinds` (from the
// arguments' C++ types).
struct SymbolCall {
    const char* name;
    long nr;  // -1: no system call of its own
    const Arg* kinds;
    const std::uint64_t* args;
    int nargs;
    bool has_result;
    std::int64_t result;
    std::int64_t ns;
};
void trace_symbol(const SymbolCall& c);

}  // namespace ukp::abi
