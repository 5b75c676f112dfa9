// mmap and friends. Every call goes to the kernel, which maps kernel files
// itself and forwards anonymous memory to the host libc (never to these
// exported names: that would recurse).
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/types.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

namespace {

std::uintptr_t addr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

void* map_ret(const ukp::Result<std::uintptr_t>& r) {
    if (!r.ok()) {
        errno = ukp::posix::host_errno(r.error());
        return MAP_FAILED;
    }
    return reinterpret_cast<void*>(r.value());
}

}  // namespace

UKP_EXPORT void* mmap(void* a, size_t len, int prot, int flags, int fd, off_t off) {
    UKP_ENTRY_ARGS(mmap, a, len, prot, flags, fd, off);
    return map_ret(sys::mmap(addr(a), len, prot, flags, fd, off));
}
UKP_EXPORT void* mmap64(void* a, size_t len, int prot, int flags, int fd, off64_t off) {
    UKP_ENTRY_ARGS(mmap, a, len, prot, flags, fd, off);
    return map_ret(sys::mmap(addr(a), len, prot, flags, fd, off));
}
UKP_EXPORT int munmap(void* a, size_t len) { UKP_ENTRY_ARGS(munmap, a, len); return ret(sys::munmap(addr(a), len)); }
UKP_EXPORT void* mremap(void* old, size_t old_len, size_t new_len, int flags, ...) {
    UKP_ENTRY_ARGS(mremap, old, old_len, new_len, flags);
    void* new_addr = nullptr;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        new_addr = va_arg(ap, void*);
        va_end(ap);
        ukp_entry_.arg(new_addr);
    }
    return map_ret(sys::mremap(addr(old), old_len, new_len, flags, addr(new_addr)));
}
UKP_EXPORT int mprotect(void* a, size_t len, int prot) {
    UKP_ENTRY_ARGS(mprotect, a, len, prot);
    return ret(sys::mprotect(addr(a), len, prot));
}
UKP_EXPORT int msync(void* a, size_t len, int flags) {
    UKP_ENTRY_ARGS(msync, a, len, flags);
    return ret(sys::msync(addr(a), len, flags));
}
UKP_EXPORT int madvise(void* a, size_t len, int advice) {
    UKP_ENTRY_ARGS(madvise, a, len, advice);
    return ret(sys::madvise(addr(a), len, advice));
}
// Returns the error number instead of setting errno; glibc ignores
// POSIX_MADV_DONTNEED (it may not discard data, Linux's MADV_DONTNEED may).
UKP_EXPORT int posix_madvise(void* a, size_t len, int advice) {
    UKP_ENTRY_ARGS(libc, a, len, advice);
    if (advice == POSIX_MADV_DONTNEED) return 0;
    int saved = errno;
    auto r = sys::madvise(addr(a), len, advice);
    errno = saved;
    return r.ok() ? 0 : ukp::posix::host_errno(r.error());
}
