// Process ids and credentials, answered by the kernel.
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

UKP_EXPORT pid_t getpid(void) { return sys::getpid(); }
UKP_EXPORT pid_t getppid(void) { return sys::getppid(); }
UKP_EXPORT uid_t getuid(void) { return sys::getuid(); }
UKP_EXPORT uid_t geteuid(void) { return sys::geteuid(); }
UKP_EXPORT gid_t getgid(void) { return sys::getgid(); }
UKP_EXPORT gid_t getegid(void) { return sys::getegid(); }
UKP_EXPORT int getgroups(int size, gid_t list[]) { return ret<int>(sys::getgroups(size, list)); }
