#include "core/fs/ramfs/page_tree.hpp"

#include <cstring>

#include "core/mem/arena.hpp"

namespace ukp::ramfs {
namespace {

constexpr std::uint64_t kFan = 512;

struct Node {
    void* slot[kFan];
};

Node* new_node() {
    auto* n = static_cast<Node*>(mem::try_allocate_pages(1));
    if (n) std::memset(n, 0, sizeof(Node));
    return n;
}

std::uint64_t span(int height) { return std::uint64_t{1} << (9 * height); }  // pages under a node

// Frees pages at or after `first` below node p of `height` covering [base, ...).
std::uint64_t drop(void*& p, int height, std::uint64_t base, std::uint64_t first) {
    if (!p) return 0;
    if (height == 0) {
        if (base < first) return 0;
        mem::deallocate_pages(p, 1);
        p = nullptr;
        return 1;
    }
    auto* n = static_cast<Node*>(p);
    std::uint64_t child_span = span(height - 1);
    std::uint64_t freed = 0;
    bool empty = true;
    for (std::uint64_t i = 0; i < kFan; ++i) {
        std::uint64_t child_base = base + i * child_span;
        if (child_base + child_span > first) freed += drop(n->slot[i], height - 1, child_base, first);
        if (n->slot[i]) empty = false;
    }
    if (empty) {
        mem::deallocate_pages(n, 1);
        p = nullptr;
    }
    return freed;
}

std::uint64_t scan(const void* p, int height, std::uint64_t base, std::uint64_t from, bool present) {
    std::uint64_t end = base + span(height);
    if (!p) return present ? end : (from > base ? from : base);
    if (height == 0) return present ? base : end;  // a present page
    const auto* n = static_cast<const Node*>(p);
    std::uint64_t child_span = span(height - 1);
    std::uint64_t i = from > base ? (from - base) / child_span : 0;
    for (; i < kFan; ++i) {
        std::uint64_t child_base = base + i * child_span;
        std::uint64_t start = from > child_base ? from : child_base;
        std::uint64_t r = scan(n->slot[i], height - 1, child_base, start, present);
        if (r < child_base + child_span) return r;
    }
    return end;
}

}  // namespace

char* PageTree::find(std::uint64_t index) const {
    if (height_ == 0 || index >= span(height_)) return nullptr;
    void* p = root_;
    for (int h = height_; h > 0 && p; --h) {
        std::uint64_t shift = 9 * (h - 1);
        p = static_cast<Node*>(p)->slot[(index >> shift) & (kFan - 1)];
    }
    return static_cast<char*>(p);
}

char* PageTree::get_or_create(std::uint64_t index, bool* created) {
    *created = false;
    if (index >= kMaxPages) return nullptr;
    if (height_ == 0) height_ = 1;
    while (index >= span(height_)) {
        // Grow: the old root becomes slot 0 of a new root.
        if (root_) {
            Node* up = new_node();
            if (!up) return nullptr;
            up->slot[0] = root_;
            root_ = up;
        }
        ++height_;
    }
    void** slot = &root_;
    for (int h = height_; h > 0; --h) {
        if (!*slot && !(*slot = new_node())) return nullptr;  // empty nodes are harmless
        std::uint64_t shift = 9 * (h - 1);
        slot = &static_cast<Node*>(*slot)->slot[(index >> shift) & (kFan - 1)];
    }
    if (!*slot) {
        auto* page = static_cast<char*>(mem::try_allocate_pages(1));
        if (!page) return nullptr;
        std::memset(page, 0, kPage);
        *slot = page;
        *created = true;
    }
    return static_cast<char*>(*slot);
}

std::uint64_t PageTree::drop_from(std::uint64_t first) {
    if (height_ == 0) return 0;
    std::uint64_t freed = drop(root_, height_, 0, first);
    if (!root_) height_ = 0;
    return freed;
}

std::uint64_t PageTree::next(std::uint64_t from, bool present) const {
    if (height_ == 0) return present ? kMaxPages : from;
    if (from >= span(height_)) return present ? kMaxPages : from;
    std::uint64_t r = scan(root_, height_, 0, from, present);
    if (present && r >= span(height_)) return kMaxPages;
    return r;
}

}  // namespace ukp::ramfs
