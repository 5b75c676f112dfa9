// The application's mappings of kernel files: which address ranges show
// which pages of which file. Ranges the kernel did not map from a file
// (anonymous memory, the host's own mappings) are not tracked.
//
// Two kinds of region: arena-backed (`file` set: a ramfs file's arena
// pages, which the kernel shows and updates itself) and host-backed
// (`file` null: a host file the host mapped itself, host::file_map; the
// host keeps its pages, EOF and write-back, the kernel only tracks the
// range so that unmapping, protecting and remapping stay right).
//
// Locking: one address-space lock (AddressSpace::lock) guards the map, every
// Region and every file's list of regions. Order: a file's own lock
// (MappedFile::map_lock), then the address-space lock, then the arena.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory_resource>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/mem/arena.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::mm {

inline constexpr std::size_t kPage = mem::kPageSize;

class MappedFile;

// One range of the address space that shows consecutive pages of a file.
struct Region : ArenaObject {
    std::uintptr_t start = 0, end = 0;  // page aligned, [start, end)
    std::uint64_t pgoff = 0;            // the file page shown at start
    int prot = 0;
    bool shared = false;
    bool may_write = false;  // the file was open for writing: PROT_WRITE allowed on a shared map
    Ref<vfs::Vnode> vnode;   // keeps the file alive while mapped
    MappedFile* file = nullptr;  // null: host-backed
    Region* file_prev = nullptr;
    Region* file_next = nullptr;

    bool host_backed() const { return file == nullptr; }
    std::uint64_t pages() const { return (end - start) / kPage; }
    std::uint64_t page_at(std::uintptr_t addr) const { return pgoff + (addr - start) / kPage; }
    std::uintptr_t addr_of(std::uint64_t page) const { return start + (page - pgoff) * kPage; }
};

// What a file system gives the mapping code; ramfs regular files implement it.
class MappedFile {
public:
    virtual ~MappedFile() = default;
    // The file's own lock, held around the *_locked calls below.
    virtual Mutex& map_lock() = 0;
    // Pages that may be shown: those holding any byte before EOF.
    virtual std::uint64_t map_valid_pages_locked() = 0;
    // The arena page holding file page `index` (< map_valid_pages_locked),
    // allocated (zeroed) if it is a hole; nullptr when there is no space.
    virtual char* map_page_locked(std::uint64_t index) = 0;

    // The file system calls this with map_lock held whenever the number of
    // valid pages changes, and BEFORE it frees pages past the new end: pages
    // that became valid are shown, pages past the end raise SIGBUS again.
    void mappings_resized_locked(std::uint64_t old_valid, std::uint64_t new_valid);
    // Whether a shared mapping that may write the file exists (map_lock held).
    bool writably_mapped_locked() const;

private:
    friend class RegionMap;
    Region* head_ = nullptr;                // guarded by the address-space lock
    std::atomic<std::uint32_t> count_{0};   // changed under both locks; read under map_lock
};

// An ordered map of regions by start address (no two overlap).
class RegionMap {
public:
    RegionMap() : map_(mem::resource()) {}
    RegionMap(const RegionMap&) = delete;
    RegionMap& operator=(const RegionMap&) = delete;

    Region* find(std::uintptr_t addr) const;  // the region holding addr
    Region* first_overlap(std::uintptr_t start, std::uintptr_t end) const;
    // No region straddles addr afterwards (one that did is cut in two).
    void split_at(std::uintptr_t addr);
    void insert(Region* r);  // links r into its file's list too
    void erase(Region* r);   // unlinks r; the caller deletes it
    // Removes every region part inside [start, end), cutting regions that
    // cross either end; what was removed is appended to `out`.
    void carve(std::uintptr_t start, std::uintptr_t end, std::pmr::vector<Region*>& out);
    // Moves r to start at new_start (its length and file pages kept).
    void move(Region* r, std::uintptr_t new_start);
    // Grows or shrinks r at its end.
    void set_end(Region* r, std::uintptr_t end) { r->end = end; }
    std::size_t size() const { return map_.size(); }

    template <typename Fn>
    void for_each_in(std::uintptr_t start, std::uintptr_t end, Fn&& fn) {
        for (Region* r = first_overlap(start, end); r && r->start < end;) {
            auto next = map_.upper_bound(r->start);
            fn(*r);
            r = next == map_.end() ? nullptr : next->second;
        }
    }

private:
    std::pmr::map<std::uintptr_t, Region*> map_;
};

// The address space of this process: its lock and its file regions.
struct AddressSpace : ArenaObject {
    Mutex lock;
    RegionMap regions;
};
AddressSpace& address_space();

// Regions removed under the locks, deleted after they are released
// (dropping a region's vnode may free the file, which takes its lock).
class Graveyard {
public:
    Graveyard() : dead_(mem::resource()) {}
    ~Graveyard() {
        for (Region* r : dead_) delete r;
    }
    std::pmr::vector<Region*>& list() { return dead_; }

private:
    std::pmr::vector<Region*> dead_;
};

}  // namespace ukp::mm
