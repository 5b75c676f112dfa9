// The small public C API of <ukp/ukp.h>.
#include "core/kernel/kernel.hpp"
#include "host/host.hpp"
#include "posix/ret.hpp"

UKP_EXPORT const char* ukp_version(void) { UKP_ENTRY_ARGS(libc); return UKP_VERSION; }
UKP_EXPORT int ukp_booted(void) { UKP_ENTRY_ARGS(libc); return ukp::booted(); }
UKP_EXPORT const char* ukp_host(void) { UKP_ENTRY_ARGS(libc); return ukp::host::name(); }
