// The host libc's own I/O functions, reached past ukp's exported symbols.
//
// libukp exports `read`, `write`, `close`, … so that the application's calls
// land in the kernel. The host layer must call the real ones, so it looks
// them up with dlsym(RTLD_NEXT) once, at first use.
#pragma once

#include <sys/types.h>
#include <sys/mman.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>

namespace ukp::host::libc {

struct Table {
    ssize_t (*read)(int, void*, size_t);
    ssize_t (*write)(int, const void*, size_t);
    int (*open)(const char*, int, ...);
    int (*close)(int);
    int (*ioctl)(int, unsigned long, ...);
    int (*poll)(struct pollfd*, nfds_t, int);
    int (*pipe2)(int[2], int);
    void* (*mmap)(void*, size_t, int, int, int, off_t);
    int (*munmap)(void*, size_t);
    int (*madvise)(void*, size_t, int);
    int (*mprotect)(void*, size_t, int);
    void* (*mremap)(void*, size_t, size_t, int, ...);  // optional
    int (*msync)(void*, size_t, int);
    int (*ftruncate)(int, off_t);
    // Optional (null where the host libc lacks them).
    int (*memfd_create)(const char*, unsigned);
    int (*shm_open)(const char*, int, mode_t);
    int (*shm_unlink)(const char*);
    pid_t (*getpid)();
    pid_t (*getppid)();
    int (*kill)(pid_t, int);
    int (*getrlimit)(int, struct rlimit*);
    int (*sigaction)(int, const struct sigaction*, struct sigaction*);
    uid_t (*getuid)();
    gid_t (*getgid)();
};

const Table& get();

}  // namespace ukp::host::libc
