#!/usr/bin/env python3
"""The kernel (src/core) must not reach the host except through
src/host/host.hpp (DESIGN.md, Layers). Fails, naming every offender, when

 1. a file under src/core includes a host OS header (<unistd.h>, <sys/...>,
    <pthread.h>, ...) or a C++ header that wraps one (<cstdio>, <thread>,
    <filesystem>, ...), or a header of an upper layer or a host
    implementation ("posix/...", "host/linux/..."); or
 2. (given the kernel's static library) a compiled src/core object calls a
    host libc function directly: a syscall wrapper, stdio, malloc, pthreads.

usage: check.py SRC_DIR [libukp_kernel.a]
"""
import re
import subprocess
import sys
from pathlib import Path

# C and POSIX headers that talk to the OS, and their C++ spellings.
DENIED_HEADERS = re.compile(r"""^(
    unistd\.h | fcntl\.h | sys/.* | linux/.* | asm/.* | asm-generic/.* |
    pthread\.h | sched\.h | semaphore\.h | dirent\.h | poll\.h | signal\.h |
    liburing\.h | liburing/.* | windows\.h | winsock2?\.h | ws2tcpip\.h |
    dlfcn\.h | termios\.h | netinet/.* | arpa/.* | net/.* | netdb\.h |
    setjmp\.h | time\.h | stdio\.h | stdlib\.h | errno\.h | spawn\.h |
    pwd\.h | grp\.h | syslog\.h | ucontext\.h | malloc\.h | mach/.* |
    cstdio | cstdlib | ctime | csignal | csetjmp | cerrno |
    thread | mutex | shared_mutex | condition_variable | future | semaphore |
    stop_token | barrier | latch | filesystem | fstream | iostream | chrono |
    boost/.* | slirp/.* | lwip/.*
)$""", re.X)
# The kernel's only way out, and the headers it may pull from its own tree.
ALLOWED_QUOTED = re.compile(r'^(core/.*|host/host\.hpp)$')
# lwIP is protocol code built with ukp's own port (subprojects/lwip/port:
# memory, time and logs come from the kernel); only the network stack,
# src/core/net/, includes its headers.
LWIP_USERS = "net"
LWIP_HEADERS = re.compile(r'^(lwip|netif)/.*$')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

# Host functions a kernel object must not call itself.
DENIED_SYMBOLS = re.compile(r"""^(
    open|open64|openat|openat64|creat|read|write|pread|pwrite|pread64|pwrite64|
    readv|writev|close|lseek|lseek64|stat|stat64|fstat|fstat64|lstat|fstatat|statx|
    mkdir|rmdir|unlink|unlinkat|rename|renameat|renameat2|link|symlink|readlink|
    opendir|readdir|readdir64|closedir|getdents64|ioctl|fcntl|dup|dup2|dup3|pipe|pipe2|
    mmap|mmap64|munmap|mprotect|madvise|brk|sbrk|
    malloc|calloc|realloc|free|aligned_alloc|posix_memalign|memalign|valloc|
    fopen|fopen64|fclose|fread|fwrite|fputs|puts|printf|fprintf|vfprintf|perror|
    getenv|setenv|exit|_exit|abort|
    syscall|futex|clock_gettime|gettimeofday|time|nanosleep|usleep|sleep|
    sched_yield|getpid|gettid|getuid|getgid|kill|raise|signal|sigaction|
    poll|ppoll|select|epoll_create|epoll_create1|epoll_ctl|epoll_wait|
    socket|bind|connect|listen|accept|accept4|send|recv|sendto|recvfrom|
    dlopen|dlsym|dlclose|
    pthread_[a-z_]+|io_uring_[a-z_]+|__errno_location
)$""", re.X)


def check_headers(src: Path) -> list[str]:
    bad = []
    for path in sorted((src / "core").rglob("*")):
        if path.suffix not in (".cpp", ".hpp", ".h", ".c", ".cc", ".inc"):
            continue
        for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            where = f"{path.relative_to(src.parent)}:{lineno}: {line.strip()}"
            in_net = path.relative_to(src / "core").parts[0] == LWIP_USERS
            if in_net and kind == '"' and LWIP_HEADERS.match(name):
                continue
            if kind == "<" and DENIED_HEADERS.match(name):
                bad.append(f"{where}  (host OS header)")
            elif kind == '"' and not ALLOWED_QUOTED.match(name):
                bad.append(f"{where}  (only core/... and host/host.hpp may be included)")
    return bad


def check_symbols(archive: Path) -> list[str]:
    out = subprocess.run(["nm", "-A", "--undefined-only", str(archive)],
                         check=True, capture_output=True, text=True).stdout
    bad = []
    for line in out.splitlines():
        # archive:member:   U symbol   (members of a thin archive are paths)
        head, _, sym = line.rpartition(" ")
        member = head.split(":")[-2] if head.count(":") >= 2 else head
        if "core_" not in Path(member).name:
            continue
        sym = sym.split("@")[0]
        if DENIED_SYMBOLS.match(sym):
            bad.append(f"{Path(member).name}: calls {sym}")
    return sorted(set(bad))


def main() -> int:
    src = Path(sys.argv[1]).resolve()
    bad = check_headers(src)
    if len(sys.argv) > 2:
        bad += check_symbols(Path(sys.argv[2]))
    if bad:
        print("src/core reaches the host outside src/host/host.hpp:")
        for b in bad:
            print("  " + b)
        print(f"{len(bad)} layering violation(s)")
        return 1
    print("layering ok: src/core uses only core/ headers, host/host.hpp and the C++ library")
    return 0


if __name__ == "__main__":
    sys.exit(main())
