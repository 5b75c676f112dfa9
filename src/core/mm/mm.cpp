#include "core/mm/mm.hpp"

#include <algorithm>

#include "core/mm/mman.hpp"
#include "host/host.hpp"

namespace ukp::mm {
namespace {

void* ptr(std::uintptr_t a) { return reinterpret_cast<void*>(a); }

Result<void> host_result(std::intptr_t r) {
    if (r < 0) return static_cast<Errno>(-r);
    return success();
}

// Shows file pages [first, end) of r at their addresses: arena pages below
// the file's valid pages (holes are filled), SIGBUS storage past them.
// Consecutive arena pages go in one host mapping. Both locks held.
Result<void> fill(Region& r, std::uint64_t first, std::uint64_t end) {
    MappedFile& f = *r.file;
    std::uint64_t valid = std::min(end, f.map_valid_pages_locked());
    std::uint64_t i = first;
    while (i < valid) {
        char* run = f.map_page_locked(i);
        if (!run) return LX_ENOMEM;
        std::uint64_t j = i + 1;
        for (; j < valid; ++j) {
            char* p = f.map_page_locked(j);
            if (p != run + (j - i) * kPage) break;  // a new run (or no space: retried above)
        }
        TRY(host_result(host::mem_map_kernel(ptr(r.addr_of(i)), run, (j - i) * kPage, r.prot, r.shared)));
        i = j;
    }
    if (i < end) {
        i = std::max(i, first);
        TRY(host_result(host::mem_map_kernel(ptr(r.addr_of(i)), nullptr, (end - i) * kPage, r.prot, r.shared)));
    }
    return success();
}

// Reserves [addr, addr+len) (anywhere without MAP_FIXED*) for a mapping.
Result<std::uintptr_t> reserve(std::uintptr_t addr, std::size_t len, int flags) {
    int f = LX_MAP_PRIVATE | LX_MAP_NORESERVE | (flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE | LX_MAP_32BIT));
    std::intptr_t a = host::mem_map_anonymous(ptr(addr), len, LX_PROT_NONE, f);
    if (a < 0) return static_cast<Errno>(-a);
    return static_cast<std::uintptr_t>(a);
}

// The kernel arena is never the application's to map over or unmap.
bool hits_arena(std::uintptr_t addr, std::size_t len) { return mem::overlaps(ptr(addr), len); }

}  // namespace

bool MappedFile::writably_mapped_locked() const {
    if (count_.load(std::memory_order_relaxed) == 0) return false;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    for (const Region* r = head_; r; r = r->file_next)
        if (r->shared && (r->may_write || (r->prot & LX_PROT_WRITE))) return true;
    return false;
}

void MappedFile::mappings_resized_locked(std::uint64_t old_valid, std::uint64_t new_valid) {
    if (old_valid == new_valid || count_.load(std::memory_order_relaxed) == 0) return;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    for (Region* r = head_; r; r = r->file_next) {
        std::uint64_t first = r->pgoff, end = r->pgoff + r->pages();
        if (new_valid < old_valid) {
            // Past the new end: SIGBUS before the pages go back to the allocator.
            std::uint64_t a = std::max(first, new_valid), b = std::min(end, old_valid);
            if (a < b && host::mem_map_kernel(ptr(r->addr_of(a)), nullptr, (b - a) * kPage, r->prot, r->shared) != 0)
                host::panic("ukp: cannot unmap truncated file pages from the application");
        } else {
            std::uint64_t a = std::max(first, old_valid), b = std::min(end, new_valid);
            // Without space the pages stay SIGBUS, as a fault finding no memory would.
            if (a < b) (void)fill(*r, a, b);
        }
    }
}

Result<std::uintptr_t> map_file(const FileMap& what, std::uintptr_t addr, std::size_t len, int prot, int flags) {
    if ((flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE)) && hits_arena(addr, len)) return LX_ENOMEM;
    Graveyard dead;
    AddressSpace& as = address_space();
    LockGuard fl(what.file->map_lock());
    LockGuard g(as.lock);
    std::uintptr_t at = TRY(reserve(addr, len, flags));
    if (hits_arena(at, len)) {  // a hint is only a hint
        (void)host::mem_unmap(ptr(at), len);
        return LX_ENOMEM;
    }
    as.regions.carve(at, at + len, dead.list());  // what MAP_FIXED replaced
    auto* r = new Region;
    r->start = at;
    r->end = at + len;
    r->pgoff = what.pgoff;
    r->prot = prot;
    r->shared = (flags & LX_MAP_TYPE) != LX_MAP_PRIVATE;
    r->may_write = what.may_write;
    r->vnode = what.vnode;
    r->file = what.file;
    auto filled = fill(*r, r->pgoff, r->pgoff + r->pages());
    if (!filled.ok()) {
        (void)host::mem_unmap(ptr(at), len);
        delete r;
        return filled.error();
    }
    as.regions.insert(r);
    return at;
}

Result<std::uintptr_t> map_host(const HostMap& what, std::uintptr_t addr, std::size_t len, int prot, int flags) {
    if ((flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE)) && hits_arena(addr, len)) return LX_ENOMEM;
    Graveyard dead;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    // The same placement as a kernel file's: reserve, then the host maps
    // the file over the placeholder (which also gives MAP_FIXED_NOREPLACE).
    std::uintptr_t at = TRY(reserve(addr, len, flags));
    if (hits_arena(at, len)) {
        (void)host::mem_unmap(ptr(at), len);
        return LX_ENOMEM;
    }
    as.regions.carve(at, at + len, dead.list());  // what MAP_FIXED replaced
    bool shared = (flags & LX_MAP_TYPE) != LX_MAP_PRIVATE;
    int hflags = (shared ? LX_MAP_SHARED : LX_MAP_PRIVATE) | LX_MAP_FIXED |
                 (flags & (LX_MAP_NORESERVE | LX_MAP_POPULATE | LX_MAP_LOCKED));
    std::intptr_t mapped = host::file_map(what.handle, ptr(at), len, prot, hflags,
                                          what.host_offset >= 0 ? what.host_offset
                                                                : static_cast<std::int64_t>(what.pgoff * kPage));
    if (mapped < 0) {
        (void)host::mem_unmap(ptr(at), len);
        return static_cast<Errno>(-mapped);
    }
    auto* r = new Region;
    r->start = at;
    r->end = at + len;
    r->pgoff = what.pgoff;
    r->prot = prot;
    r->shared = shared;
    r->may_write = what.may_write;
    r->vnode = what.vnode;
    as.regions.insert(r);
    return at;
}

Result<std::uintptr_t> map_anonymous(std::uintptr_t addr, std::size_t len, int prot, int flags) {
    bool fixed = flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE);
    if (fixed && hits_arena(addr, len)) return LX_ENOMEM;
    if (!fixed) {
        // A fresh range from the host cannot overlap anything tracked.
        std::intptr_t a = host::mem_map_anonymous(ptr(addr), len, prot, flags);
        if (a < 0) return static_cast<Errno>(-a);
        return static_cast<std::uintptr_t>(a);
    }
    Graveyard dead;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    std::intptr_t a = host::mem_map_anonymous(ptr(addr), len, prot, flags);
    if (a < 0) return static_cast<Errno>(-a);
    as.regions.carve(addr, addr + len, dead.list());
    return static_cast<std::uintptr_t>(a);
}

Result<void> unmap(std::uintptr_t addr, std::size_t len) {
    if (hits_arena(addr, len)) return LX_EINVAL;
    Graveyard dead;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    as.regions.carve(addr, addr + len, dead.list());
    // Under the lock: a truncate must not free pages still shown here.
    return host_result(host::mem_unmap(ptr(addr), len));
}

Result<void> protect(std::uintptr_t addr, std::size_t len, int prot) {
    if (hits_arena(addr, len)) return LX_ENOMEM;
    AddressSpace& as = address_space();
    LockGuard g(as.lock);
    bool denied = false;
    as.regions.for_each_in(addr, addr + len, [&](Region& r) {
        if (r.shared && (prot & LX_PROT_WRITE) && !r.may_write) denied = true;
    });
    if (denied) return LX_EACCES;
    TRY(host_result(host::mem_protect(ptr(addr), len, prot)));
    as.regions.split_at(addr);
    as.regions.split_at(addr + len);
    as.regions.for_each_in(addr, addr + len, [&](Region& r) { r.prot = prot & (LX_PROT_READ | LX_PROT_WRITE | LX_PROT_EXEC); });
    return success();
}

namespace {

// Moves the pages of [from, from+len) to `to` (a reserved range): one host
// move when they are one host mapping, page by page otherwise.
Result<void> move_pages(std::uintptr_t from, std::size_t len, std::uintptr_t to) {
    constexpr int kMoveFixed = LX_MREMAP_MAYMOVE | LX_MREMAP_FIXED;
    if (host::mem_remap(ptr(from), len, len, kMoveFixed, ptr(to)) >= 0) return success();
    for (std::size_t off = 0; off < len; off += kPage) {
        std::intptr_t r = host::mem_remap(ptr(from + off), kPage, kPage, kMoveFixed, ptr(to + off));
        if (r < 0) return static_cast<Errno>(-r);
    }
    return success();
}

// A host-backed range, inside one region: the host's mremap shows more or
// less of its file, in place or moved; the regions follow. as.lock held.
Result<std::uintptr_t> remap_host_locked(AddressSpace& as, std::uintptr_t old_addr, std::size_t old_len,
                                         std::size_t new_len, int flags, std::uintptr_t new_addr, Graveyard& dead) {
    std::intptr_t a = host::mem_remap(ptr(old_addr), old_len, new_len, flags, ptr(new_addr));
    if (a < 0) return static_cast<Errno>(-a);
    auto to = static_cast<std::uintptr_t>(a);
    if (hits_arena(to, new_len)) host::panic("ukp: the host moved a file mapping onto the kernel arena");
    std::uintptr_t old_end = old_addr + old_len;
    as.regions.split_at(old_addr);
    as.regions.split_at(old_end);
    Region* r = as.regions.find(old_addr);  // exactly [old_addr, old_end)
    if (to == old_addr) {
        if (new_len < old_len) as.regions.carve(old_addr + new_len, old_end, dead.list());
        else as.regions.set_end(r, old_addr + new_len);
        return to;
    }
    as.regions.erase(r);
    as.regions.carve(to, to + new_len, dead.list());  // what MREMAP_FIXED replaced
    r->end = to + new_len;
    r->start = to;
    as.regions.insert(r);
    return to;
}

}  // namespace

Result<std::uintptr_t> remap(std::uintptr_t old_addr, std::size_t old_len, std::size_t new_len, int flags,
                             std::uintptr_t new_addr) {
    if (hits_arena(old_addr, old_len) || ((flags & LX_MREMAP_FIXED) && hits_arena(new_addr, new_len)))
        return LX_EINVAL;
    AddressSpace& as = address_space();
    Ref<vfs::Vnode> keep;
    MappedFile* file;
    {
        Graveyard dead;
        LockGuard g(as.lock);
        Region* r = as.regions.find(old_addr);
        if (!r) {
            if (as.regions.first_overlap(old_addr, old_addr + old_len)) return LX_EFAULT;
            // Anonymous memory: the host's mremap does it all.
            std::intptr_t a = host::mem_remap(ptr(old_addr), old_len, new_len, flags, ptr(new_addr));
            if (a < 0) return static_cast<Errno>(-a);
            if (flags & LX_MREMAP_FIXED) as.regions.carve(new_addr, new_addr + new_len, dead.list());
            return static_cast<std::uintptr_t>(a);
        }
        if (old_len == 0 || (flags & LX_MREMAP_DONTUNMAP)) return LX_EINVAL;
        if (old_len > r->end - old_addr) return LX_EFAULT;
        if (r->host_backed()) return remap_host_locked(as, old_addr, old_len, new_len, flags, new_addr, dead);
        if (new_len <= old_len && !(flags & LX_MREMAP_FIXED)) {
            if (new_len < old_len) {
                as.regions.carve(old_addr + new_len, old_addr + old_len, dead.list());
                TRY(host_result(host::mem_unmap(ptr(old_addr + new_len), old_len - new_len)));
            }
            return old_addr;
        }
        keep = r->vnode;
        file = r->file;
    }
    // Growing or moving shows more of the file: take its lock first.
    Graveyard dead;
    LockGuard fl(file->map_lock());
    LockGuard g(as.lock);
    Region* r = as.regions.find(old_addr);
    if (!r || r->file != file || old_len > r->end - old_addr) return LX_EFAULT;
    std::uintptr_t old_end = old_addr + old_len;
    if (!(flags & LX_MREMAP_FIXED) && old_end == r->end) {
        // In place when the range after it is free.
        std::intptr_t a = host::mem_map_anonymous(ptr(old_end), new_len - old_len, LX_PROT_NONE,
                                                  LX_MAP_PRIVATE | LX_MAP_NORESERVE | LX_MAP_FIXED_NOREPLACE);
        if (a >= 0 && static_cast<std::uintptr_t>(a) == old_end && !hits_arena(old_end, new_len - old_len)) {
            std::uint64_t old_pages = r->pages();
            as.regions.set_end(r, old_addr + new_len);
            auto filled = fill(*r, r->pgoff + old_pages, r->pgoff + r->pages());
            if (!filled.ok()) {
                as.regions.set_end(r, old_end);
                (void)host::mem_unmap(ptr(old_end), new_len - old_len);
                return filled.error();
            }
            return old_addr;
        }
        if (a >= 0) (void)host::mem_unmap(ptr(a), new_len - old_len);
    }
    if (!(flags & LX_MREMAP_MAYMOVE)) return LX_ENOMEM;
    if (flags & LX_MREMAP_FIXED) {
        if (new_addr < old_end && old_addr < new_addr + new_len) return LX_EINVAL;
    }
    std::uintptr_t to = TRY(reserve(new_addr, new_len, (flags & LX_MREMAP_FIXED) ? LX_MAP_FIXED : 0));
    if (hits_arena(to, new_len)) {
        (void)host::mem_unmap(ptr(to), new_len);
        return LX_ENOMEM;
    }
    as.regions.carve(to, to + new_len, dead.list());
    // The moved region is exactly [old_addr, old_addr + kept).
    std::size_t kept = std::min(old_len, new_len);
    as.regions.split_at(old_addr);
    as.regions.split_at(old_addr + kept);
    if (kept < old_len) {
        as.regions.carve(old_addr + kept, old_end, dead.list());
        (void)host::mem_unmap(ptr(old_addr + kept), old_len - kept);
    }
    r = as.regions.find(old_addr);
    auto moved = move_pages(old_addr, kept, to);
    if (!moved.ok()) {
        (void)host::mem_unmap(ptr(to), new_len);
        return moved.error();
    }
    as.regions.move(r, to);
    if (new_len > kept) {
        std::uint64_t kept_pages = r->pages();
        as.regions.set_end(r, to + new_len);
        (void)fill(*r, r->pgoff + kept_pages, r->pgoff + r->pages());
    }
    return to;
}

}  // namespace ukp::mm
