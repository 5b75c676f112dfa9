#include <doctest/doctest.h>

#include "../fault_recovery.hpp"

#include <cstring>
#include <vector>

#include "core/ipc/pipe_ring.hpp"

using namespace ukp;
using namespace ukp::ipc;

namespace {

constexpr std::size_t kPage = PipeRing::kPage;

// One write's steps as Pipe::write takes them, never waiting.
std::size_t put(PipeRing& r, const char* data, std::size_t n, bool packet = false) {
    AppIov src(const_cast<char*>(data), n);
    std::size_t done = r.merge(src, n);
    while (src.remaining() > 0 && !r.full()) {
        Result<std::size_t> got = r.push_page(src, packet);
        REQUIRE(got.ok());
        done += *got;
    }
    return done;
}

std::size_t take(PipeRing& r, char* buf, std::size_t n) {
    AppIov dst(buf, n);
    return r.pop(dst);
}

std::vector<char> pattern(std::size_t n, int seed) {
    std::vector<char> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<char>((i * 7 + seed) & 0xff);
    return v;
}

}  // namespace

TEST_CASE("pipe ring: bytes come out in order across wraps") {
    PipeRing r(4);
    std::vector<char> in = pattern(100000, 3), out(100000);
    std::size_t wrote = 0, read = 0;
    // Odd sizes make the head and tail wrap many times.
    for (int round = 0; round < 1000 && read < in.size(); ++round) {
        std::size_t n = std::min<std::size_t>(in.size() - wrote, 1 + (round * 977) % 9000);
        wrote += put(r, in.data() + wrote, n);
        read += take(r, out.data() + read, 1 + (round * 631) % 7000);
        CHECK(r.bytes() == wrote - read);
    }
    read += take(r, out.data() + read, out.size() - read);
    CHECK(read == wrote);
    CHECK(std::memcmp(in.data(), out.data(), read) == 0);
}

TEST_CASE("pipe ring: full means every slot taken") {
    PipeRing r(2);
    std::vector<char> d = pattern(3 * kPage, 1);
    CHECK(put(r, d.data(), 10) == 10);
    // 5000 = one page + 904: the 904 merge into the first page.
    CHECK(put(r, d.data(), 5000) == 5000);
    CHECK(r.used() == 2);
    CHECK(r.full());
    CHECK(r.bytes() == 5010);
    // Nothing more fits, even though the second page has room: a new write
    // merges only its sub-page remainder.
    CHECK(put(r, d.data(), kPage) == 0);
    CHECK(put(r, d.data(), 1) == 0);  // the last page holds a full page
    char buf[kPage];
    CHECK(take(r, buf, 1) == 1);
    CHECK(r.full());  // the first page is not free until drained
    CHECK(take(r, buf, 913) == 913);
    CHECK_FALSE(r.full());
    CHECK(r.used() == 1);
}

TEST_CASE("pipe ring: small writes merge, PIPE_BUF writes take a slot") {
    PipeRing r(1);
    char d[kPage] = {};
    std::size_t total = 0;
    for (int i = 0; i < 1000; ++i) {
        std::size_t n = put(r, d, 10);
        if (n == 0) break;
        CHECK(n == 10);
        total += n;
    }
    CHECK(total == 4090);
    CHECK(put(r, d, 6) == 6);
    CHECK(put(r, d, 1) == 0);
    char buf[kPage];
    CHECK(take(r, buf, sizeof buf) == kPage);
    CHECK(r.empty());
    // Empty ring: no merge into the drained page, a fresh one.
    CHECK(put(r, d, kPage) == kPage);
    CHECK(r.full());
}

TEST_CASE("pipe ring: packets are read one at a time, the rest dropped") {
    PipeRing r(8);
    CHECK(put(r, "abc", 3, true) == 3);
    CHECK(put(r, "defgh", 5, true) == 5);
    std::vector<char> big = pattern(kPage + 100, 9);
    CHECK(put(r, big.data(), big.size(), true) == big.size());
    CHECK(r.used() == 4);
    char buf[2 * kPage];
    CHECK(take(r, buf, sizeof buf) == 3);
    CHECK(take(r, buf, 2) == 2);  // "de"; "fgh" is gone
    CHECK(r.bytes() == big.size());
    CHECK(take(r, buf, sizeof buf) == kPage);
    CHECK(take(r, buf, sizeof buf) == 100);
    CHECK(r.empty());
    CHECK(r.bytes() == 0);
    // A packet never takes a merge, even a small one.
    CHECK(put(r, "x", 1, true) == 1);
    CHECK(put(r, "y", 1, true) == 1);
    CHECK(r.used() == 2);
}

TEST_CASE("pipe ring: resize keeps data, refuses to drop it") {
    PipeRing r(4);
    std::vector<char> d = pattern(3 * kPage, 5);
    CHECK(put(r, d.data(), d.size()) == d.size());
    char buf[kPage];
    CHECK(take(r, buf, 100) == 100);
    CHECK(r.resize(2).error() == LX_EBUSY);
    CHECK(r.resize(8).ok());
    CHECK(r.slots() == 8);
    CHECK(r.bytes() == d.size() - 100);
    CHECK(put(r, d.data(), 5 * kPage) == 5 * kPage);
    CHECK(r.full());
    std::vector<char> out(8 * kPage);
    std::size_t got = take(r, out.data(), out.size());
    CHECK(got == d.size() - 100 + 5 * kPage);
    CHECK(std::memcmp(out.data(), d.data() + 100, d.size() - 100) == 0);
    CHECK(r.resize(1).ok());
    CHECK(r.empty());
    CHECK(put(r, d.data(), 2 * kPage) == kPage);
    r.clear();
    CHECK(r.empty());
    CHECK(r.bytes() == 0);
}

TEST_CASE("pipe ring: a bad application pointer moves nothing" * UKP_NEEDS_FAULT_RECOVERY) {
    PipeRing r(2);
    AppIov bad(reinterpret_cast<void*>(8), 100);
    CHECK(r.merge(bad, 100) == 0);  // empty ring: no merge attempted
    Result<std::size_t> got = r.push_page(bad, false);
    CHECK(got.ok());
    CHECK(*got == 0);
    CHECK(bad.faulted());
    CHECK(r.empty());
    CHECK(put(r, "hello", 5) == 5);
    AppIov bad_out(reinterpret_cast<void*>(8), 5);
    CHECK(r.pop(bad_out) == 0);
    CHECK(r.bytes() == 5);  // still there for a good reader
    // A vector whose second segment is bad: the first one's bytes count.
    char first[3];
    lx_iovec v[2] = {{first, 3}, {reinterpret_cast<void*>(8), 2}};
    AppIov mixed(v, 2);
    CHECK(r.pop(mixed) == 0);  // a partly failed copy leaves the buffer whole, as on Linux
    CHECK(r.bytes() == 5);
}
