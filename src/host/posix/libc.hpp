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
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdio.h>

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
    ssize_t (*readlink)(const char*, char*, size_t);
    gid_t (*getgid)();

    // What host code (libslirp, glib: see host::HostCodeScope) calls by
    // name and libukp exports; src/posix/passthrough.hpp forwards there.
    int (*eventfd)(unsigned, int);  // Linux only (null elsewhere)
    int (*open64)(const char*, int, ...);
    int (*pipe)(int[2]);
    int (*fcntl)(int, int, ...);
    int (*fcntl64)(int, int, ...);
    off_t (*lseek)(int, off_t, int);
    off64_t (*lseek64)(int, off64_t, int);
    int (*stat)(const char*, struct stat*);
    int (*stat64)(const char*, struct stat64*);
    FILE* (*fopen)(const char*, const char*);
    FILE* (*fopen64)(const char*, const char*);
    int (*socket)(int, int, int);
    int (*bind)(int, const struct sockaddr*, socklen_t);
    int (*connect)(int, const struct sockaddr*, socklen_t);
    int (*listen)(int, int);
    int (*accept)(int, struct sockaddr*, socklen_t*);
    int (*shutdown)(int, int);
    int (*getsockname)(int, struct sockaddr*, socklen_t*);
    int (*getpeername)(int, struct sockaddr*, socklen_t*);
    int (*getsockopt)(int, int, int, void*, socklen_t*);
    int (*setsockopt)(int, int, int, const void*, socklen_t);
    ssize_t (*send)(int, const void*, size_t, int);
    ssize_t (*sendto)(int, const void*, size_t, int, const struct sockaddr*, socklen_t);
    ssize_t (*sendmsg)(int, const struct msghdr*, int);
    ssize_t (*recv)(int, void*, size_t, int);
    ssize_t (*recvfrom)(int, void*, size_t, int, struct sockaddr*, socklen_t*);
    ssize_t (*recvmsg)(int, struct msghdr*, int);
    int (*getnameinfo)(const struct sockaddr*, socklen_t, char*, socklen_t, char*, socklen_t, int);
    sighandler_t (*signal)(int, sighandler_t);
    unsigned (*if_nametoindex)(const char*);
};

const Table& get();

}  // namespace ukp::host::libc
