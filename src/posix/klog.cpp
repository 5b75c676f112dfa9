// glibc's klogctl(3): syslog(2) on the kernel's log (what dmesg reads).
#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

UKP_EXPORT int klogctl(int type, char* bufp, int len) {
    UKP_ENTRY_ARGS(syslog, type, bufp, len);
    return ret<int>(ukp::sys::syslog(type, bufp, len));
}
