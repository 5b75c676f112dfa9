// PageTree: the pages of one sparse file, a radix tree of 512-way nodes that
// grows in height as offsets grow (like Linux's xarray). Absent pages are
// holes and read as zeros. Not thread-safe: the owning node's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ukp::ramfs {

class PageTree {
public:
    static constexpr std::size_t kPage = 4096;
    static constexpr int kMaxHeight = 4;  // 512^4 pages = 256 TiB
    static constexpr std::uint64_t kMaxPages = std::uint64_t{1} << (9 * kMaxHeight);

    PageTree() = default;
    PageTree(const PageTree&) = delete;
    PageTree& operator=(const PageTree&) = delete;
    ~PageTree() { clear(); }

    // The page at `index`, or nullptr for a hole.
    char* find(std::uint64_t index) const;
    // The page at `index`, allocated (zero-filled) if it was a hole; nullptr
    // when the index is beyond kMaxPages or the kernel arena is full.
    char* get_or_create(std::uint64_t index, bool* created);
    // Frees every page at or after `first`; returns how many were freed.
    std::uint64_t drop_from(std::uint64_t first);
    void clear() { drop_from(0); }
    // The first index >= from whose presence equals `present`; kMaxPages if none.
    std::uint64_t next(std::uint64_t from, bool present) const;

private:
    void* root_ = nullptr;
    int height_ = 0;  // 0: empty; h levels cover 512^h pages
};

}  // namespace ukp::ramfs
