// The Linux x86-64 system call table: what a raw `syscall` instruction the
// application executes becomes once captured (host::capture_start).
//
// Each entry says how the call is served:
//  - kernel: a call into core/sys (the kernel owns files, fds, sockets,
//    pipes, timers, ids, mappings): the app sees the kernel's world.
//  - host:   the call acts on the host process itself and the kernel does
//    not model it (its threads, their futexes, signal masks and stacks, TLS,
//    the program break, scheduling, clocks, randomness): it is executed as
//    is, from the host layer (host::syscall_host). A few are filtered first
//    (SIGSYS stays unblocked, capture cannot be switched off by the app).
//  - none:   not provided: -ENOSYS, with one log line naming the call
//    (fork, vfork, execve and process clones: no processes yet).
// Numbers the table does not know give -ENOSYS and one log line too.
#pragma once

#include <cstdint>

namespace ukp::abi {

enum class Serve : std::uint8_t { kernel, host, none };

// How an argument is shown in a trace line.
enum class Arg : std::uint8_t {
    none,
    num,       // signed decimal
    hex,       // flags without names, addresses
    fd,        // a descriptor (AT_FDCWD shown by name)
    path,      // a NUL-terminated string in application memory
    oflags,    // O_* flags
    mode,      // octal permission bits
    size,      // unsigned decimal
    ptr,       // an application pointer
    sockaddr,  // a sockaddr; the next argument is its length
    sig,       // a signal number
    family,    // AF_* (socket)
    socktype,  // SOCK_* with SOCK_NONBLOCK|SOCK_CLOEXEC
};

struct SyscallEntry {
    long nr;
    const char* name;
    Serve serve;
    Arg args[6];
    // Raw arguments in, raw result (value or -errno) out.
    std::int64_t (*fn)(const std::uint64_t* args);
};

// The entry for `nr`, or null when the table does not know it.
const SyscallEntry* syscall_entry(long nr);
// "read" (any Linux x86-64 call, served or not), or null for no such number.
const char* syscall_name(long nr);
// The name from the full list (syscall_names.cpp).
const char* any_syscall_name(long nr);

// Serves one captured system call: the raw result or -errno.
std::int64_t dispatch(long nr, const std::uint64_t (&args)[6]);

}  // namespace ukp::abi
