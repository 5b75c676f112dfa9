// The mapping tracker: splitting, carving, moving, and the per-file lists.
#include <doctest/doctest.h>

#include "core/mm/region_map.hpp"

using namespace ukp;
using mm::kPage;

namespace {

// A file whose list the tracker maintains; its pages are never asked for.
struct FakeFile final : mm::MappedFile {
    Mutex lock;
    Mutex& map_lock() override { return lock; }
    std::uint64_t map_valid_pages_locked() override { return 0; }
    char* map_page_locked(std::uint64_t) override { return nullptr; }
};

mm::Region* region(std::uintptr_t start, std::uint64_t pages, std::uint64_t pgoff, mm::MappedFile* f) {
    auto* r = new mm::Region;
    r->start = start;
    r->end = start + pages * kPage;
    r->pgoff = pgoff;
    r->file = f;
    r->prot = 3;
    r->shared = true;
    return r;
}

constexpr std::uintptr_t kBase = 0x100000000;

std::size_t count_in(mm::RegionMap& m, std::uintptr_t start, std::uintptr_t end) {
    std::size_t n = 0;
    m.for_each_in(start, end, [&](mm::Region&) { ++n; });
    return n;
}

void clear(mm::RegionMap& m) {
    std::pmr::vector<mm::Region*> dead(mem::resource());
    m.carve(0, UINTPTR_MAX, dead);
    for (auto* r : dead) delete r;
}

}  // namespace

TEST_CASE("region map: find and overlap") {
    mm::RegionMap m;
    FakeFile f;
    m.insert(region(kBase, 4, 10, &f));
    m.insert(region(kBase + 8 * kPage, 2, 0, &f));
    CHECK(m.find(kBase) != nullptr);
    CHECK(m.find(kBase + 4 * kPage - 1) != nullptr);
    CHECK(m.find(kBase + 4 * kPage) == nullptr);
    CHECK(m.find(kBase - 1) == nullptr);
    CHECK(m.first_overlap(kBase + 4 * kPage, kBase + 8 * kPage) == nullptr);
    CHECK(m.first_overlap(kBase + 4 * kPage, kBase + 9 * kPage)->start == kBase + 8 * kPage);
    CHECK(m.first_overlap(kBase - kPage, kBase + kPage)->start == kBase);
    CHECK(count_in(m, 0, UINTPTR_MAX) == 2);
    clear(m);
    CHECK(m.size() == 0);
}

TEST_CASE("region map: split keeps file pages and the file list") {
    mm::RegionMap m;
    FakeFile f;
    m.insert(region(kBase, 4, 10, &f));
    m.split_at(kBase + kPage);
    m.split_at(kBase + kPage);  // already a boundary
    m.split_at(kBase);          // the start: nothing to do
    REQUIRE(m.size() == 2);
    mm::Region* tail = m.find(kBase + 2 * kPage);
    REQUIRE(tail);
    CHECK(tail->start == kBase + kPage);
    CHECK(tail->pgoff == 11);
    CHECK(tail->pages() == 3);
    CHECK(tail->page_at(kBase + 3 * kPage) == 13);
    CHECK(tail->addr_of(12) == kBase + 2 * kPage);
    CHECK(tail->prot == 3);
    CHECK(m.find(kBase)->end == kBase + kPage);
    clear(m);
}

TEST_CASE("region map: carve removes the middle and cuts the ends") {
    mm::RegionMap m;
    FakeFile f, g;
    m.insert(region(kBase, 4, 0, &f));
    m.insert(region(kBase + 4 * kPage, 4, 100, &g));
    std::pmr::vector<mm::Region*> dead(mem::resource());
    m.carve(kBase + 2 * kPage, kBase + 5 * kPage, dead);
    CHECK(dead.size() == 2);
    CHECK(m.size() == 2);
    CHECK(m.find(kBase + kPage)->end == kBase + 2 * kPage);
    mm::Region* rest = m.find(kBase + 6 * kPage);
    REQUIRE(rest);
    CHECK(rest->start == kBase + 5 * kPage);
    CHECK(rest->pgoff == 101);
    CHECK(m.find(kBase + 3 * kPage) == nullptr);
    for (auto* r : dead) {
        CHECK(r->file_next == nullptr);
        CHECK(r->file_prev == nullptr);
        delete r;
    }
    // Carving where nothing is mapped changes nothing.
    dead.clear();
    m.carve(kBase + 20 * kPage, kBase + 30 * kPage, dead);
    CHECK(dead.empty());
    CHECK(m.size() == 2);
    clear(m);
}

TEST_CASE("region map: move re-keys a region") {
    mm::RegionMap m;
    FakeFile f;
    m.insert(region(kBase, 2, 5, &f));
    mm::Region* r = m.find(kBase);
    m.move(r, kBase + 100 * kPage);
    CHECK(m.find(kBase) == nullptr);
    CHECK(m.find(kBase + 101 * kPage) == r);
    CHECK(r->pages() == 2);
    CHECK(r->pgoff == 5);
    m.set_end(r, r->start + 5 * kPage);
    CHECK(m.find(kBase + 104 * kPage) == r);
    clear(m);
}

TEST_CASE("region map: many regions of one file stay listed") {
    mm::RegionMap m;
    FakeFile f;
    for (int i = 0; i < 64; ++i) m.insert(region(kBase + static_cast<std::uintptr_t>(i) * 2 * kPage, 1, 0, &f));
    CHECK(m.size() == 64);
    std::pmr::vector<mm::Region*> dead(mem::resource());
    // Every other region goes; the file's list loses exactly those.
    for (int i = 0; i < 64; i += 2)
        m.carve(kBase + static_cast<std::uintptr_t>(i) * 2 * kPage, kBase + static_cast<std::uintptr_t>(i) * 2 * kPage + kPage, dead);
    CHECK(dead.size() == 32);
    CHECK(m.size() == 32);
    for (auto* r : dead) delete r;
    clear(m);
    CHECK(m.size() == 0);
}

TEST_CASE("region map: host-backed regions split and carve without a file list") {
    mm::RegionMap m;
    FakeFile f;
    m.insert(region(kBase, 4, 3, nullptr));  // a host file the host mapped
    m.insert(region(kBase + 4 * kPage, 2, 0, &f));
    CHECK(m.find(kBase)->host_backed());
    CHECK(!m.find(kBase + 4 * kPage)->host_backed());
    m.split_at(kBase + kPage);
    mm::Region* tail = m.find(kBase + kPage);
    REQUIRE(tail != nullptr);
    CHECK(tail->host_backed());
    CHECK(tail->pgoff == 4);
    CHECK(tail->shared);
    std::pmr::vector<mm::Region*> dead(mem::resource());
    m.carve(kBase + 2 * kPage, kBase + 5 * kPage, dead);  // across both kinds
    CHECK(count_in(m, 0, UINTPTR_MAX) == 3);
    CHECK(m.find(kBase + 5 * kPage)->pgoff == 1);
    CHECK(m.find(kBase + 5 * kPage)->file == &f);
    for (auto* r : dead) delete r;
    clear(m);
}
