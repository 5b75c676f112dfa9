// Mapping operations on the application's address space: what mmap,
// munmap, mprotect and mremap do once their arguments are checked
// (core/sys/sys_mmap.cpp). Kernel files are shown by mapping their arena
// pages (host::mem_map_kernel), host files (hostfs) by the host mapping
// them (host::file_map); anonymous memory comes from the host.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/result.hpp"
#include "core/mm/region_map.hpp"

namespace ukp::mm {

struct FileMap {
    Ref<vfs::Vnode> vnode;
    MappedFile* file;
    std::uint64_t pgoff;
    bool may_write;  // open for writing
};

// len is page aligned and non-zero; flags are Linux's (MAP_SHARED or
// MAP_PRIVATE, with MAP_FIXED / MAP_FIXED_NOREPLACE honoured).
Result<std::uintptr_t> map_file(const FileMap& what, std::uintptr_t addr, std::size_t len, int prot, int flags);
// A host file (hostfs): the host maps `handle` itself at the range the
// kernel reserved. may_write: open for writing (PROT_WRITE on a shared map).
struct HostMap {
    Ref<vfs::Vnode> vnode;
    std::intptr_t handle;
    std::uint64_t pgoff;
    bool may_write;
    std::int64_t host_offset = -1;  // where pgoff lies in the host file; -1: pgoff pages in
};
Result<std::uintptr_t> map_host(const HostMap& what, std::uintptr_t addr, std::size_t len, int prot, int flags);
Result<std::uintptr_t> map_anonymous(std::uintptr_t addr, std::size_t len, int prot, int flags);
// Ranges are page aligned with non-zero length.
Result<void> unmap(std::uintptr_t addr, std::size_t len);
Result<void> protect(std::uintptr_t addr, std::size_t len, int prot);
Result<std::uintptr_t> remap(std::uintptr_t old_addr, std::size_t old_len, std::size_t new_len, int flags,
                             std::uintptr_t new_addr);

}  // namespace ukp::mm
