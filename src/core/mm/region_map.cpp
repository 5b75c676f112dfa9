#include "core/mm/region_map.hpp"

namespace ukp::mm {

Region* RegionMap::find(std::uintptr_t addr) const {
    auto it = map_.upper_bound(addr);
    if (it == map_.begin()) return nullptr;
    Region* r = std::prev(it)->second;
    return addr < r->end ? r : nullptr;
}

Region* RegionMap::first_overlap(std::uintptr_t start, std::uintptr_t end) const {
    if (Region* r = find(start)) return r;
    auto it = map_.lower_bound(start);
    if (it == map_.end() || it->second->start >= end) return nullptr;
    return it->second;
}

void RegionMap::split_at(std::uintptr_t addr) {
    Region* r = find(addr);
    if (!r || r->start == addr) return;
    auto* tail = new Region;
    tail->start = addr;
    tail->end = r->end;
    tail->pgoff = r->page_at(addr);
    tail->prot = r->prot;
    tail->shared = r->shared;
    tail->may_write = r->may_write;
    tail->vnode = r->vnode;
    tail->file = r->file;
    r->end = addr;
    insert(tail);
}

void RegionMap::insert(Region* r) {
    map_.emplace(r->start, r);
    if (MappedFile* f = r->file) {
        r->file_prev = nullptr;
        r->file_next = f->head_;
        if (f->head_) f->head_->file_prev = r;
        f->head_ = r;
        f->count_.fetch_add(1, std::memory_order_relaxed);
    }
}

void RegionMap::erase(Region* r) {
    map_.erase(r->start);
    if (MappedFile* f = r->file) {
        if (r->file_prev) r->file_prev->file_next = r->file_next;
        else f->head_ = r->file_next;
        if (r->file_next) r->file_next->file_prev = r->file_prev;
        r->file_prev = r->file_next = nullptr;
        f->count_.fetch_sub(1, std::memory_order_relaxed);
    }
}

void RegionMap::carve(std::uintptr_t start, std::uintptr_t end, std::pmr::vector<Region*>& out) {
    split_at(start);
    split_at(end);
    for (Region* r = first_overlap(start, end); r && r->start < end; r = first_overlap(start, end)) {
        erase(r);
        out.push_back(r);
    }
}

void RegionMap::move(Region* r, std::uintptr_t new_start) {
    map_.erase(r->start);
    r->end = new_start + (r->end - r->start);
    r->start = new_start;
    map_.emplace(r->start, r);
}

AddressSpace& address_space() {
    static AddressSpace* const as = new AddressSpace;
    return *as;
}

}  // namespace ukp::mm
