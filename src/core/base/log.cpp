#include "core/base/log.hpp"

#include <atomic>
#include <cstring>

#include "core/base/lock.hpp"
#include "core/mem/arena.hpp"
#include "host/host.hpp"

namespace ukp::log {
namespace {

constexpr std::size_t kRingSize = 64 * 1024;

struct Ring {
    Mutex lock;
    std::size_t written = 0;  // bytes ever written; the ring keeps the last kRingSize
    char data[kRingSize];
};

std::atomic<Level> g_level{Level::warn};
std::atomic<Ring*> g_ring{nullptr};

Ring* ring() {
    Ring* r = g_ring.load(std::memory_order_acquire);
    if (r || !mem::initialized()) return r;
    auto* fresh = new (mem::allocate(sizeof(Ring))) Ring;
    if (!g_ring.compare_exchange_strong(r, fresh)) {
        fresh->~Ring();
        mem::deallocate(fresh, sizeof(Ring));
        return r;
    }
    return fresh;
}

const char* level_name(Level lv) {
    switch (lv) {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warn: return "warn";
        case Level::error: return "error";
        case Level::off: break;
    }
    return "off";
}

}  // namespace

void set_level(Level lv) { g_level.store(lv, std::memory_order_relaxed); }
Level level() { return g_level.load(std::memory_order_relaxed); }

bool parse_level(std::string_view text, Level* out) {
    for (Level lv : {Level::debug, Level::info, Level::warn, Level::error, Level::off}) {
        if (text == level_name(lv)) {
            *out = lv;
            return true;
        }
    }
    return false;
}

void write(Level lv, std::string_view line) {
    char buf[600];
    auto r = fmt::format_to_n(buf, sizeof buf - 1, "ukp[{}] {}: {}\n", host::thread_id(),
                              level_name(lv), line);
    std::size_t n = r.size < sizeof buf - 1 ? r.size : sizeof buf - 1;
    if (n == sizeof buf - 1) buf[n - 1] = '\n';
    if (Ring* ring_ = ring()) {
        LockGuard g(ring_->lock);
        for (std::size_t i = 0; i < n; ++i) ring_->data[(ring_->written + i) % kRingSize] = buf[i];
        ring_->written += n;
    }
    if (lv >= level() && level() != Level::off) host::log_write(buf, n);
}

std::size_t total_size() {
    Ring* r = ring();
    if (!r) return 0;
    LockGuard g(r->lock);
    return r->written < kRingSize ? r->written : kRingSize;
}

std::size_t read(std::size_t offset, char* buf, std::size_t cap) {
    Ring* r = ring();
    if (!r) return 0;
    LockGuard g(r->lock);
    std::size_t kept = r->written < kRingSize ? r->written : kRingSize;
    std::size_t first = r->written - kept;
    if (offset >= kept) return 0;
    std::size_t n = kept - offset < cap ? kept - offset : cap;
    for (std::size_t i = 0; i < n; ++i) buf[i] = r->data[(first + offset + i) % kRingSize];
    return n;
}

std::uint64_t end() {
    Ring* r = ring();
    if (!r) return 0;
    LockGuard g(r->lock);
    return r->written;
}

std::size_t read_from(std::uint64_t* pos, char* buf, std::size_t cap) {
    Ring* r = ring();
    if (!r) return 0;
    LockGuard g(r->lock);
    std::uint64_t first = r->written < kRingSize ? 0 : r->written - kRingSize;
    if (*pos < first) *pos = first;
    if (*pos >= r->written) return 0;
    std::size_t n = r->written - *pos < cap ? static_cast<std::size_t>(r->written - *pos) : cap;
    for (std::size_t i = 0; i < n; ++i) buf[i] = r->data[(*pos + i) % kRingSize];
    *pos += n;
    return n;
}

std::size_t capacity() { return kRingSize; }

}  // namespace ukp::log
