// Mapping a ramfs file through the kernel calls: the mapping shows the
// file's own pages, stays coherent with write/truncate, and is tracked.
#include <doctest/doctest.h>

#include <cstring>

#include "core/mm/mman.hpp"
#include "core/mm/region_map.hpp"
#include "core/sys/sys.hpp"

using namespace ukp;

namespace {
template <typename T>
int err(const Result<T>& r) {
    return r.ok() ? 0 : r.error();
}
}  // namespace

TEST_CASE("map file: shared pages are the file's") {
    auto fd = sys::openat(LX_AT_FDCWD, "/mapped", LX_O_RDWR | LX_O_CREAT | LX_O_TRUNC, 0644);
    REQUIRE(fd.ok());
    REQUIRE(err(sys::ftruncate(*fd, 3 * 4096)) == 0);
    std::size_t before = mm::address_space().regions.size();
    auto p = sys::mmap(0, 3 * 4096, LX_PROT_READ | LX_PROT_WRITE, LX_MAP_SHARED, *fd, 0);
    REQUIRE(p.ok());
    CHECK(mm::address_space().regions.size() == before + 1);
    auto* mem = reinterpret_cast<char*>(*p);
    std::memcpy(mem + 4096, "abc", 3);
    char buf[4] = {};
    REQUIRE(sys::pread64(*fd, buf, 3, 4096).value() == 3);
    CHECK(std::string(buf) == "abc");
    REQUIRE(sys::pwrite64(*fd, "xyz", 3, 2 * 4096).value() == 3);
    CHECK(std::memcmp(mem + 2 * 4096, "xyz", 3) == 0);

    // The region and the file's list follow partial unmaps.
    REQUIRE(err(sys::munmap(*p + 4096, 4096)) == 0);
    CHECK(mm::address_space().regions.size() == before + 2);
    // Shrinking and growing keeps the remaining pieces valid.
    REQUIRE(err(sys::ftruncate(*fd, 4096)) == 0);
    REQUIRE(err(sys::ftruncate(*fd, 3 * 4096)) == 0);
    CHECK(mem[2 * 4096] == 0);  // the regrown page is a fresh zero page
    mem[2 * 4096] = 'q';
    REQUIRE(sys::pread64(*fd, buf, 1, 2 * 4096).value() == 1);
    CHECK(buf[0] == 'q');
    REQUIRE(err(sys::munmap(*p, 3 * 4096)) == 0);
    CHECK(mm::address_space().regions.size() == before);
    REQUIRE(err(sys::close(*fd)) == 0);
}

TEST_CASE("map file: errors") {
    auto fd = sys::openat(LX_AT_FDCWD, "/mapped-ro", LX_O_RDONLY | LX_O_CREAT | LX_O_TRUNC, 0644);
    REQUIRE(fd.ok());
    CHECK(err(sys::mmap(0, 4096, LX_PROT_WRITE, LX_MAP_SHARED, *fd, 0)) == LX_EACCES);
    CHECK(err(sys::mmap(0, 0, LX_PROT_READ, LX_MAP_SHARED, *fd, 0)) == LX_EINVAL);
    CHECK(err(sys::mmap(0, 4096, LX_PROT_READ, LX_MAP_SHARED, *fd, 1)) == LX_EINVAL);
    CHECK(err(sys::mmap(0, 4096, LX_PROT_READ, LX_MAP_SHARED, 12345, 0)) == LX_EBADF);
    auto dir = sys::openat(LX_AT_FDCWD, "/", LX_O_RDONLY | LX_O_DIRECTORY, 0);
    REQUIRE(dir.ok());
    CHECK(err(sys::mmap(0, 4096, LX_PROT_READ, LX_MAP_SHARED, *dir, 0)) == LX_ENODEV);
    // The kernel's own memory is never the application's to unmap.
    auto* arena_ptr = static_cast<char*>(mem::allocate_pages(1));
    CHECK(err(sys::munmap(reinterpret_cast<std::uintptr_t>(arena_ptr), 4096)) == LX_EINVAL);
    CHECK(err(sys::mprotect(reinterpret_cast<std::uintptr_t>(arena_ptr), 4096, LX_PROT_NONE)) == LX_ENOMEM);
    mem::deallocate_pages(arena_ptr, 1);
    REQUIRE(err(sys::close(*dir)) == 0);
    REQUIRE(err(sys::close(*fd)) == 0);
}
