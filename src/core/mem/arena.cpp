#include "core/mem/arena.hpp"

#include <array>
#include <atomic>
#include <bit>

#include "core/base/assert.hpp"
#include "core/base/lock.hpp"
#include "host/host.hpp"

namespace ukp::mem {
namespace {

constexpr std::size_t kDefaultSize = std::size_t{16} << 30;  // address space only
constexpr std::size_t kSlabSize = 64 * 1024;
// Size classes for small blocks; larger requests take whole pages.
constexpr std::array<std::uint32_t, 16> kClasses = {16,  32,  48,  64,   96,   128,  192,  256,
                                                     384, 512, 768, 1024, 1536, 2048, 3072, 4096};
constexpr std::size_t kMaxSmall = 3072;
constexpr std::size_t kRunLists = 64;  // free lists for runs of 1..63 pages; [0] = bigger
// Freed runs of at least this size go back to the host, so that freed file
// data really frees memory...
constexpr std::size_t kDiscardRun = 64 * 1024;
// ...except for the most recent few MiB of them: a buffer freed and taken
// again at once (a 64 KiB TCP segment, a pipe's ring) would otherwise cost
// a hole punch and fresh page faults every time.
constexpr std::size_t kKeptBytes = 8 << 20;

struct FreeBlock {
    FreeBlock* next;
};
struct FreeRun {
    FreeRun* next;
    std::size_t pages;
    bool kept;  // a big run left committed: counted in Arena::kept_bytes
};

struct SizeClass {
    Mutex lock;
    FreeBlock* free = nullptr;
    std::size_t in_use = 0;  // blocks handed out; guarded by lock
};

struct Arena {
    char* base = nullptr;
    std::size_t size = 0;
    Mutex page_lock;
    std::size_t bump = 0;  // bytes of the arena handed out at least once
    std::array<FreeRun*, kRunLists> runs{};
    std::array<SizeClass, kClasses.size()> classes;
    // Pages handed out as runs (not slabs); guarded by page_lock. Counting
    // under locks we already hold keeps atomics off the allocation path.
    std::size_t run_pages = 0;
    std::size_t peak_bytes = 0;
    std::size_t kept_bytes = 0;  // big free runs left committed

};

Arena* g_arena;  // the one arena of this kernel; set once at boot

std::size_t class_index(std::size_t size) {
    for (std::size_t i = 0; i < kClasses.size(); ++i)
        if (size <= kClasses[i]) return i;
    return kClasses.size();
}

void* take_pages_locked(std::size_t count) {
    Arena& a = *g_arena;
    if (count < kRunLists && a.runs[count]) {
        FreeRun* r = a.runs[count];
        a.runs[count] = r->next;
        if (r->kept) a.kept_bytes -= count * kPageSize;
        return r;
    }
    // First fit among the big runs, splitting off the tail.
    for (FreeRun** link = &a.runs[0]; *link; link = &(*link)->next) {
        FreeRun* r = *link;
        if (r->pages < count) continue;
        *link = r->next;
        std::size_t rest = r->pages - count;
        if (r->kept) a.kept_bytes -= count * kPageSize;  // the tail stays kept
        if (rest) {
            auto* tail = reinterpret_cast<FreeRun*>(reinterpret_cast<char*>(r) + count * kPageSize);
            tail->pages = rest;
            tail->kept = r->kept;
            std::size_t list = rest < kRunLists ? rest : 0;
            tail->next = a.runs[list];
            a.runs[list] = tail;
        }
        return r;
    }
    std::size_t bytes = count * kPageSize;
    if (a.size - a.bump < bytes) return nullptr;
    void* p = a.base + a.bump;
    a.bump += bytes;
    return p;
}

}  // namespace

bool init(std::size_t size) {
    if (g_arena) return true;
    if (size == 0) size = kDefaultSize;
    size = (size + kPageSize - 1) & ~(kPageSize - 1);
    char* base = static_cast<char*>(host::mem_reserve(size));
    if (!base) return false;
    // The arena's own bookkeeping sits in its first pages.
    std::size_t header = (sizeof(Arena) + kPageSize - 1) & ~(kPageSize - 1);
    auto* a = new (base) Arena;
    a->base = base;
    a->size = size;
    a->bump = header;
    g_arena = a;
    return true;
}

bool initialized() { return g_arena != nullptr; }

void* try_allocate_pages(std::size_t count) {
    UKP_ASSERT(g_arena, "the arena is initialised before the first allocation");
    LockGuard g(g_arena->page_lock);
    void* p = take_pages_locked(count);
    if (p) g_arena->run_pages += count;
    return p;
}

void* allocate_pages(std::size_t count) {
    void* p = try_allocate_pages(count);
    if (!p) host::panic("ukp: the kernel arena is exhausted (raise UKP_ARENA_SIZE)");
    return p;
}

void deallocate_pages(void* p, std::size_t count) {
    if (!p) return;
    Arena& a = *g_arena;
    std::size_t bytes = count * kPageSize;
    bool big = bytes >= kDiscardRun, kept = false;
    {
        LockGuard g(a.page_lock);
        a.run_pages -= count;
        kept = big && a.kept_bytes + bytes <= kKeptBytes;
        if (kept) a.kept_bytes += bytes;
    }
    // Outside the lock (a host call); the run is on no free list yet.
    if (big && !kept) host::mem_discard(p, bytes);
    auto* r = static_cast<FreeRun*>(p);
    r->pages = count;
    r->kept = kept;
    LockGuard g(a.page_lock);
    std::size_t list = count < kRunLists ? count : 0;
    r->next = a.runs[list];
    a.runs[list] = r;
}

void* allocate(std::size_t size, std::size_t align) {
    if (size == 0) size = 1;
    if (align > kPageSize) host::panic("ukp: arena alignment above a page");
    std::size_t idx = class_index(size);
    if (size > kMaxSmall || idx == kClasses.size() || kClasses[idx] % align != 0)
        return allocate_pages((size + kPageSize - 1) / kPageSize);
    SizeClass& sc = g_arena->classes[idx];
    void* p;
    {
        LockGuard g(sc.lock);
        if (!sc.free) {
            // Carve a fresh slab into blocks of this class.
            char* slab;
            {
                LockGuard pg(g_arena->page_lock);
                slab = static_cast<char*>(take_pages_locked(kSlabSize / kPageSize));
            }
            if (!slab) host::panic("ukp: the kernel arena is exhausted (raise UKP_ARENA_SIZE)");
            std::size_t n = kSlabSize / kClasses[idx];
            for (std::size_t i = n; i-- > 0;) {
                auto* b = reinterpret_cast<FreeBlock*>(slab + i * kClasses[idx]);
                b->next = sc.free;
                sc.free = b;
            }
        }
        p = sc.free;
        sc.free = sc.free->next;
        ++sc.in_use;
    }
    return p;
}

void deallocate(void* p, std::size_t size, std::size_t align) {
    if (!p) return;
    if (size == 0) size = 1;
    std::size_t idx = class_index(size);
    if (size > kMaxSmall || idx == kClasses.size() || kClasses[idx] % align != 0) {
        deallocate_pages(p, (size + kPageSize - 1) / kPageSize);
        return;
    }
    SizeClass& sc = g_arena->classes[idx];
    {
        LockGuard g(sc.lock);
        auto* b = static_cast<FreeBlock*>(p);
        b->next = sc.free;
        sc.free = b;
        --sc.in_use;
    }
}

bool contains(const void* p) {
    auto* c = static_cast<const char*>(p);
    return g_arena && c >= g_arena->base && c < g_arena->base + g_arena->size;
}

bool overlaps(const void* p, std::size_t n) {
    if (!g_arena) return false;
    auto begin = reinterpret_cast<std::uintptr_t>(p);
    auto base = reinterpret_cast<std::uintptr_t>(g_arena->base);
    std::uintptr_t end = begin + n < begin ? UINTPTR_MAX : begin + n;  // saturate on wrap
    return begin < base + g_arena->size && end > base;
}

Stats stats() {
    if (!g_arena) return {};
    Arena& a = *g_arena;
    std::size_t in_use = 0;
    for (std::size_t i = 0; i < kClasses.size(); ++i) {
        LockGuard g(a.classes[i].lock);
        in_use += a.classes[i].in_use * kClasses[i];
    }
    LockGuard g(a.page_lock);
    in_use += a.run_pages * kPageSize;
    // The peak is sampled when stats are read; cheap and good enough for /proc.
    if (in_use > a.peak_bytes) a.peak_bytes = in_use;
    return {a.size, in_use, a.peak_bytes, a.bump};
}

namespace {
class ArenaResource final : public std::pmr::memory_resource {
    void* do_allocate(std::size_t bytes, std::size_t align) override { return mem::allocate(bytes, align); }
    void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
        mem::deallocate(p, bytes, align);
    }
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
        return this == &other;
    }
};
}  // namespace

std::pmr::memory_resource* resource() {
    static ArenaResource r;
    return &r;
}

}  // namespace ukp::mem
