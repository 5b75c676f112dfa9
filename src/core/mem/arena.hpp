// The kernel arena: one region reserved from the host at boot, carved by the
// kernel's own allocator. No kernel state comes from the application's malloc
// (DESIGN.md, Memory). Small blocks come from per-size-class slabs, larger
// ones are runs of pages; both are reused through free lists.
//
// Exhausting the arena is a kernel invariant failure (panic): file systems
// enforce their own, smaller limits and report ENOSPC long before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory_resource>

namespace ukp::mem {

inline constexpr std::size_t kPageSize = 4096;

struct Stats {
    std::size_t reserved;   // size of the arena
    std::size_t in_use;     // bytes handed out and not yet returned
    std::size_t peak;       // highest in_use seen by stats() so far
    std::size_t touched;    // high-water mark of address space ever used
};

// Sets up the arena; called once at boot, before any allocation. A size of 0
// picks the default. Returns false if the host refused the reservation.
bool init(std::size_t size);
bool initialized();

void* allocate(std::size_t size, std::size_t align = alignof(std::max_align_t));
void deallocate(void* p, std::size_t size, std::size_t align = alignof(std::max_align_t));
// Whole pages (kPageSize aligned), e.g. for file data.
void* allocate_pages(std::size_t count);
// The same, but nullptr instead of a panic when the arena is exhausted: for
// file data, where the answer to the application is ENOSPC.
void* try_allocate_pages(std::size_t count);
void deallocate_pages(void* p, std::size_t count);
bool contains(const void* p);
// Whether [p, p+n) touches the arena at all.
bool overlaps(const void* p, std::size_t n);
Stats stats();

// A memory_resource over the arena, for std::pmr containers in the kernel.
std::pmr::memory_resource* resource();

// Allocator-aware containers default to the arena.
template <typename T>
using Allocator = std::pmr::polymorphic_allocator<T>;

}  // namespace ukp::mem

namespace ukp {

// Base for kernel objects made with `new`: their storage comes from the arena.
// Classes with virtual destructors get the dynamic size in sized delete.
struct ArenaObject {
    static void* operator new(std::size_t size) { return mem::allocate(size); }
    static void operator delete(void* p, std::size_t size) { mem::deallocate(p, size); }
};

}  // namespace ukp
