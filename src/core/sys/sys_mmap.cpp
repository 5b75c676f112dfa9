// mmap and friends: Linux's argument checks, in Linux's order, then core/mm.
#include "core/fs/devfs/devfs.hpp"
#include "core/mm/mm.hpp"
#include "core/mm/mman.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

namespace ukp::sys {
namespace {

constexpr std::uintptr_t kPageMask = mm::kPage - 1;
// The x86-64 user address space (47 bits).
constexpr std::uintptr_t kTaskSize = (std::uintptr_t{1} << 47) - mm::kPage;

bool aligned(std::uintptr_t v) { return (v & kPageMask) == 0; }
// Rounds up to whole pages; 0 when that overflows.
std::size_t page_align(std::size_t len) { return len > SIZE_MAX - kPageMask ? 0 : (len + kPageMask) & ~kPageMask; }

Result<void> check_range(std::uintptr_t addr, std::size_t len) {
    if (!aligned(addr) || addr > kTaskSize || len > kTaskSize - addr) return LX_EINVAL;
    return success();
}

Result<void> host_result(int r) {
    if (r < 0) return static_cast<Errno>(-r);
    return success();
}

}  // namespace

Result<std::uintptr_t> mmap(std::uintptr_t addr, std::size_t len, int prot, int flags, int fd, std::int64_t off) {
    if (off & static_cast<std::int64_t>(kPageMask)) return LX_EINVAL;
    Ref<vfs::File> file;
    if (!(flags & LX_MAP_ANONYMOUS)) file = TRY(file_of(fd));
    if (file && (file->flags() & LX_O_PATH)) return LX_EBADF;
    if (len == 0) return LX_EINVAL;
    if (flags & LX_MAP_FIXED_NOREPLACE) flags |= LX_MAP_FIXED;
    if (!(flags & LX_MAP_FIXED)) addr &= ~kPageMask;
    len = page_align(len);
    if (len == 0) return LX_ENOMEM;
    auto pgoff = static_cast<std::uint64_t>(off) / mm::kPage;
    if (pgoff + len / mm::kPage < pgoff) return LX_EOVERFLOW;
    if (len > kTaskSize) return LX_ENOMEM;
    if ((flags & LX_MAP_FIXED) && !aligned(addr)) return LX_EINVAL;
    // Unknown PROT_ bits are ignored by mmap (mprotect refuses them).
    int type = flags & LX_MAP_TYPE;
    bool shared = type == LX_MAP_SHARED || type == LX_MAP_SHARED_VALIDATE;
    if (!shared && type != LX_MAP_PRIVATE) return LX_EINVAL;
    if (type == LX_MAP_SHARED) flags &= LX_LEGACY_MAP_MASK | LX_MAP_FIXED_NOREPLACE;
    if (type == LX_MAP_SHARED_VALIDATE) {
        if (flags & ~LX_LEGACY_MAP_MASK) return LX_EOPNOTSUPP;
        flags = (flags & ~LX_MAP_TYPE) | LX_MAP_SHARED;
    }
    int host_flags = flags & (LX_MAP_TYPE | LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE | LX_MAP_NORESERVE |
                              LX_MAP_POPULATE | LX_MAP_32BIT | LX_MAP_STACK | LX_MAP_GROWSDOWN | LX_MAP_LOCKED |
                              LX_MAP_HUGETLB);
    // With MAP_FIXED_NOREPLACE the host must not replace (and MAP_FIXED would).
    if (host_flags & LX_MAP_FIXED_NOREPLACE) host_flags &= ~LX_MAP_FIXED;
    if (!file) return mm::map_anonymous(addr, len, prot & 0x7, host_flags);

    if (shared && (prot & LX_PROT_WRITE) && !file->writable()) return LX_EACCES;
    if (!file->readable()) return LX_EACCES;
    const Ref<vfs::Vnode>& vnode = file->vnode();
    if (vnode->type() == LX_S_IFCHR && vnode->getattr().rdev == devfs::kZero) {
        // /dev/zero: private zero pages, or shared anonymous memory.
        return mm::map_anonymous(addr, len, prot & 0x7, host_flags);
    }
    std::intptr_t source;
    std::int64_t source_offset;
    if (!shared && vnode->private_map_source(pgoff, len / mm::kPage, &source, &source_offset)) {
        mm::HostMap what{vnode, source, pgoff, false, source_offset};
        return mm::map_host(what, addr, len, prot & 0x7, host_flags);
    }
    // A file sealed against writing maps shared only read-only, for good.
    Result<unsigned> seals = vnode->seals();
    const bool write_sealed = seals.ok() && (*seals & (LX_F_SEAL_WRITE | LX_F_SEAL_FUTURE_WRITE));
    if (shared && (prot & LX_PROT_WRITE) && write_sealed) return LX_EPERM;
    if (mm::MappedFile* mappable = vnode->mappable()) {
        mm::FileMap what{vnode, mappable, pgoff, file->writable() && !write_sealed};
        return mm::map_file(what, addr, len, prot & 0x7, host_flags);
    }
    // A host file (hostfs), else ENODEV. A shared map of a file open for
    // writing gets a read-write host handle: mprotect may add PROT_WRITE.
    std::intptr_t handle = TRY(vnode->host_map_handle(shared && file->writable()));
    mm::HostMap what{vnode, handle, pgoff, file->writable()};
    return mm::map_host(what, addr, len, prot & 0x7, host_flags);
}

Result<void> munmap(std::uintptr_t addr, std::size_t len) {
    TRY(check_range(addr, len));
    len = page_align(len);
    if (len == 0) return LX_EINVAL;
    return mm::unmap(addr, len);
}

Result<std::uintptr_t> mremap(std::uintptr_t old_addr, std::size_t old_len, std::size_t new_len, int flags,
                              std::uintptr_t new_addr) {
    if (flags & ~(LX_MREMAP_MAYMOVE | LX_MREMAP_FIXED | LX_MREMAP_DONTUNMAP)) return LX_EINVAL;
    if ((flags & LX_MREMAP_FIXED) && !(flags & LX_MREMAP_MAYMOVE)) return LX_EINVAL;
    if ((flags & LX_MREMAP_DONTUNMAP) && (!(flags & LX_MREMAP_MAYMOVE) || old_len != new_len)) return LX_EINVAL;
    if (!aligned(old_addr)) return LX_EINVAL;
    old_len = page_align(old_len);
    new_len = page_align(new_len);
    if (new_len == 0) return LX_EINVAL;
    if ((flags & LX_MREMAP_FIXED) && !aligned(new_addr)) return LX_EINVAL;
    return mm::remap(old_addr, old_len, new_len, flags, new_addr);
}

Result<void> mprotect(std::uintptr_t addr, std::size_t len, int prot) {
    if (prot & ~(LX_PROT_READ | LX_PROT_WRITE | LX_PROT_EXEC | LX_PROT_GROWSDOWN | LX_PROT_GROWSUP)) return LX_EINVAL;
    if (!aligned(addr)) return LX_EINVAL;
    if (len == 0) return success();
    len = page_align(len);
    if (len == 0) return LX_ENOMEM;
    return mm::protect(addr, len, prot);
}

// The pages of kernel files are the arena's own: nothing to write back, so
// msync and madvise only need the host's checks (ENOMEM for unmapped
// ranges), which see the same mappings the application does. Host files
// are the host's mappings: its msync writes them back to the file.
Result<void> msync(std::uintptr_t addr, std::size_t len, int flags) {
    if (flags & ~(LX_MS_ASYNC | LX_MS_INVALIDATE | LX_MS_SYNC)) return LX_EINVAL;
    if (!aligned(addr)) return LX_EINVAL;
    if ((flags & LX_MS_ASYNC) && (flags & LX_MS_SYNC)) return LX_EINVAL;
    if (mem::overlaps(reinterpret_cast<void*>(addr), len)) return LX_ENOMEM;
    return host_result(host::mem_sync(reinterpret_cast<void*>(addr), len, flags));
}

Result<void> madvise(std::uintptr_t addr, std::size_t len, int advice) {
    if (!aligned(addr)) return LX_EINVAL;
    if (mem::overlaps(reinterpret_cast<void*>(addr), page_align(len))) return LX_ENOMEM;
    // MADV_DONTNEED on a shared file mapping drops only page-table entries:
    // the data stays in the file (the arena), as on Linux.
    return host_result(host::mem_advise(reinterpret_cast<void*>(addr), len, advice));
}

}  // namespace ukp::sys
