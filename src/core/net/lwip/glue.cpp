// What lwIP needs from the kernel (subprojects/lwip/port): memory from the
// kernel arena, time, randomness, and a place for its diagnostics.
#include <cstdint>
#include <cstring>

#include "core/base/log.hpp"
#include "core/mem/arena.hpp"
#include "host/host.hpp"

extern "C" {
#include "lwip/arch.h"
#include "lwip/sys.h"
}

namespace {

// lwIP frees without a size; the arena wants one, so each block carries it.
struct alignas(16) Header {
    std::size_t size;
};

}  // namespace

extern "C" {

void* ukp_lwip_malloc(size_t n) {
    auto* h = static_cast<Header*>(ukp::mem::allocate(sizeof(Header) + n, alignof(Header)));
    h->size = sizeof(Header) + n;
    return h + 1;
}

void* ukp_lwip_calloc(size_t count, size_t n) {
    if (n != 0 && count > (SIZE_MAX - sizeof(Header)) / n) return nullptr;
    void* p = ukp_lwip_malloc(count * n);
    std::memset(p, 0, count * n);
    return p;
}

void ukp_lwip_free(void* p) {
    if (!p) return;
    Header* h = static_cast<Header*>(p) - 1;
    ukp::mem::deallocate(h, h->size, alignof(Header));
}

uint32_t ukp_lwip_rand(void) {
    uint32_t r;
    ukp::host::random_fill(&r, sizeof r);
    return r;
}

void ukp_lwip_log(const char* text, size_t len) {
    UKP_LOG(debug, "lwip: {}", std::string_view(text, len));
}

void ukp_lwip_panic(const char* text) { ukp::host::panic(text); }

// lwIP's clock for its timers: milliseconds, wrapping.
u32_t sys_now(void) { return static_cast<u32_t>(ukp::host::clock_monotonic() / 1000000); }

}  // extern "C"
