// PipeRing: a pipe's data, laid out as Linux lays it out, because the
// layout shows through the API: a ring of `slots` page buffers (16 = 64 KiB
// by default). A write first tops up the last buffer with the part of its
// length beyond whole pages (if that fits), then fills fresh pages; so a
// write of <= PIPE_BUF bytes lands in one buffer (atomic), the pipe is
// "full" when every slot is taken even if their pages are not, and a
// non-blocking write stops at a page boundary. O_DIRECT writes make
// packets: one buffer each, never merged, read whole or truncated.
//
// Not thread-safe: the Pipe's lock guards it. Pages come from the arena
// when a slot is first used and stay with their slot until clear() or a
// shrinking resize.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/result.hpp"
#include "core/ipc/app_iov.hpp"

namespace ukp::ipc {

class PipeRing {
public:
    static constexpr std::size_t kPage = 4096;
    static constexpr unsigned kDefaultSlots = 16;

    explicit PipeRing(unsigned slots = kDefaultSlots);
    ~PipeRing();
    PipeRing(const PipeRing&) = delete;
    PipeRing& operator=(const PipeRing&) = delete;

    unsigned slots() const { return slots_; }
    unsigned used() const { return head_ - tail_; }
    bool empty() const { return head_ == tail_; }
    bool full() const { return used() >= slots_; }
    std::size_t bytes() const { return bytes_; }  // FIONREAD

    // A write's first step: the part of `total` beyond whole pages joins
    // the last buffer when it is mergeable and has room. Returns bytes taken.
    std::size_t merge(AppIov& src, std::size_t total);
    // Fills one free slot with up to a page from src (a packet if `packet`).
    // Returns bytes taken; 0 with src.faulted() or ENOMEM on failure.
    Result<std::size_t> push_page(AppIov& src, bool packet);
    // Copies from the oldest buffers into dst until dst is full, the ring
    // is empty, or a packet ends. Returns bytes given (0 if dst faulted).
    std::size_t pop(AppIov& dst);

    // Gives the ring `slots` slots (a power of two); EBUSY if more are in use.
    Result<void> resize(unsigned slots);
    // Drops all data and gives the pages back.
    void clear();

private:
    struct Buf {
        char* page = nullptr;
        std::uint32_t off = 0;
        std::uint32_t len = 0;
        bool packet = false;
    };
    Buf& at(unsigned i) { return bufs_[i & (slots_ - 1)]; }
    static Buf* alloc_bufs(unsigned n);
    static void free_bufs(Buf* b, unsigned n);

    Buf* bufs_;
    unsigned slots_;
    unsigned head_ = 0;  // next slot to fill; wraps with unsigned arithmetic
    unsigned tail_ = 0;  // oldest slot with data
    std::size_t bytes_ = 0;
};

}  // namespace ukp::ipc
