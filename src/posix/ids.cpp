// Process ids and credentials, answered by the kernel.
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

UKP_EXPORT pid_t getpid(void) { UKP_ENTRY_ARGS(libc); return sys::getpid(); }
UKP_EXPORT pid_t getppid(void) { UKP_ENTRY_ARGS(libc); return sys::getppid(); }
UKP_EXPORT uid_t getuid(void) { UKP_ENTRY_ARGS(libc); return sys::getuid(); }
UKP_EXPORT uid_t geteuid(void) { UKP_ENTRY_ARGS(libc); return sys::geteuid(); }
UKP_EXPORT gid_t getgid(void) { UKP_ENTRY_ARGS(libc); return sys::getgid(); }
UKP_EXPORT gid_t getegid(void) { UKP_ENTRY_ARGS(libc); return sys::getegid(); }
UKP_EXPORT int getgroups(int size, gid_t list[]) {
    UKP_ENTRY_ARGS(getgroups, size, list);
    return ret<int>(sys::getgroups(size, list));
}

UKP_EXPORT int capget(void* header, void* data) {
    UKP_ENTRY_ARGS(capget, header, data);
    return ret(sys::capget(header, data));
}
