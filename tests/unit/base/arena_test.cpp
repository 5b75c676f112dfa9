#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "core/mem/arena.hpp"

using namespace ukp;

TEST_CASE("arena: small blocks are reused and accounted") {
    auto before = mem::stats().in_use;
    void* a = mem::allocate(40);
    CHECK(mem::contains(a));
    CHECK(mem::stats().in_use == before + 48);  // the 48-byte class
    mem::deallocate(a, 40);
    CHECK(mem::stats().in_use == before);
    void* b = mem::allocate(40);
    CHECK(b == a);  // LIFO free list
    mem::deallocate(b, 40);
}

TEST_CASE("arena: page runs do not overlap") {
    std::vector<char*> runs;
    for (int i = 1; i <= 20; ++i) {
        auto* p = static_cast<char*>(mem::allocate_pages(static_cast<std::size_t>(i)));
        std::memset(p, i, static_cast<std::size_t>(i) * mem::kPageSize);
        runs.push_back(p);
    }
    for (int i = 1; i <= 20; ++i)
        for (std::size_t j = 0; j < static_cast<std::size_t>(i) * mem::kPageSize; j += 1024)
            REQUIRE(runs[static_cast<std::size_t>(i - 1)][j] == i);
    for (int i = 1; i <= 20; ++i) mem::deallocate_pages(runs[static_cast<std::size_t>(i - 1)], static_cast<std::size_t>(i));
}

TEST_CASE("arena: pmr containers live in the arena") {
    std::pmr::vector<int> v(mem::resource());
    for (int i = 0; i < 1000; ++i) v.push_back(i);
    CHECK(mem::contains(v.data()));
}
