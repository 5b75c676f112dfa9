#include "libc.hpp"

#include <dlfcn.h>

#include "../host.hpp"

namespace ukp::host::detail {
constinit thread_local unsigned host_code_depth __attribute__((tls_model("initial-exec"))) = 0;
}  // namespace ukp::host::detail

namespace ukp::host::libc {
namespace {

template <typename F>
void resolve(F& slot, const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) p = dlsym(RTLD_DEFAULT, name);  // linked statically into the app
    if (!p) panic("ukp host: cannot find a libc function");
    slot = reinterpret_cast<F>(p);
}

template <typename F>
void resolve_optional(F& slot, const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) p = dlsym(RTLD_DEFAULT, name);
    slot = reinterpret_cast<F>(p);
}

Table load() {
    Table t{};
    resolve(t.read, "read");
    resolve(t.write, "write");
    resolve(t.open, "open");
    resolve(t.close, "close");
    resolve(t.ioctl, "ioctl");
    resolve(t.poll, "poll");
    resolve(t.pipe2, "pipe2");
    resolve(t.mmap, "mmap");
    resolve(t.munmap, "munmap");
    resolve(t.madvise, "madvise");
    resolve(t.mprotect, "mprotect");
    resolve_optional(t.mremap, "mremap");
    resolve(t.msync, "msync");
    resolve(t.ftruncate, "ftruncate");
    resolve_optional(t.memfd_create, "memfd_create");
    resolve_optional(t.shm_open, "shm_open");
    resolve_optional(t.shm_unlink, "shm_unlink");
    resolve(t.getpid, "getpid");
    resolve(t.getppid, "getppid");
    resolve(t.readlink, "readlink");
    resolve(t.kill, "kill");
    resolve(t.getrlimit, "getrlimit");
    resolve(t.sigaction, "sigaction");
    resolve(t.getuid, "getuid");
    resolve(t.getgid, "getgid");
    resolve_optional(t.eventfd, "eventfd");
    resolve(t.open64, "open64");
    resolve(t.pipe, "pipe");
    resolve(t.fcntl, "fcntl");
    resolve(t.fcntl64, "fcntl64");
    resolve(t.lseek, "lseek");
    resolve(t.lseek64, "lseek64");
    resolve(t.stat, "stat");
    resolve(t.stat64, "stat64");
    resolve(t.fopen, "fopen");
    resolve(t.fopen64, "fopen64");
    resolve(t.socket, "socket");
    resolve(t.if_nametoindex, "if_nametoindex");
    resolve(t.bind, "bind");
    resolve(t.connect, "connect");
    resolve(t.listen, "listen");
    resolve(t.accept, "accept");
    resolve(t.shutdown, "shutdown");
    resolve(t.getsockname, "getsockname");
    resolve(t.getpeername, "getpeername");
    resolve(t.getsockopt, "getsockopt");
    resolve(t.setsockopt, "setsockopt");
    resolve(t.send, "send");
    resolve(t.sendto, "sendto");
    resolve(t.sendmsg, "sendmsg");
    resolve(t.recv, "recv");
    resolve(t.recvfrom, "recvfrom");
    resolve(t.recvmsg, "recvmsg");
    resolve(t.getnameinfo, "getnameinfo");
    resolve(t.signal, "signal");
    return t;
}

}  // namespace

const Table& get() {
    static const Table table = load();
    return table;
}

}  // namespace ukp::host::libc
