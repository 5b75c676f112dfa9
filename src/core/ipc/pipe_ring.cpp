#include "core/ipc/pipe_ring.hpp"

#include <cstring>
#include <new>

#include "core/base/assert.hpp"
#include "core/mem/arena.hpp"

namespace ukp::ipc {

PipeRing::Buf* PipeRing::alloc_bufs(unsigned n) {
    void* p = mem::allocate(sizeof(Buf) * n, alignof(Buf));
    Buf* b = static_cast<Buf*>(p);
    for (unsigned i = 0; i < n; ++i) new (&b[i]) Buf();
    return b;
}

void PipeRing::free_bufs(Buf* b, unsigned n) {
    for (unsigned i = 0; i < n; ++i)
        if (b[i].page) mem::deallocate_pages(b[i].page, 1);
    mem::deallocate(b, sizeof(Buf) * n, alignof(Buf));
}

PipeRing::PipeRing(unsigned slots) : bufs_(alloc_bufs(slots)), slots_(slots) {
    UKP_ASSERT(slots && (slots & (slots - 1)) == 0, "pipe slots are a power of two");
}

PipeRing::~PipeRing() { free_bufs(bufs_, slots_); }

std::size_t PipeRing::merge(AppIov& src, std::size_t total) {
    std::size_t chars = total & (kPage - 1);
    if (chars == 0 || empty()) return 0;
    Buf& last = at(head_ - 1);
    if (last.packet || last.off + last.len + chars > kPage) return 0;
    std::size_t got = src.copy_in(last.page + last.off + last.len, chars);
    // Linux takes a merge all or nothing: a fault here fails the write.
    if (got < chars) return 0;
    last.len += static_cast<std::uint32_t>(got);
    bytes_ += got;
    return got;
}

Result<std::size_t> PipeRing::push_page(AppIov& src, bool packet) {
    UKP_ASSERT(!full(), "push_page on a full pipe");
    Buf& b = at(head_);
    if (!b.page) {
        b.page = static_cast<char*>(mem::try_allocate_pages(1));
        if (!b.page) return LX_ENOMEM;
    }
    std::size_t want = src.remaining() < kPage ? src.remaining() : kPage;
    std::size_t got = src.copy_in(b.page, want);
    if (got < want) return std::size_t{0};  // fault: nothing of this page counts
    b.off = 0;
    b.len = static_cast<std::uint32_t>(got);
    b.packet = packet;
    ++head_;
    bytes_ += got;
    return got;
}

std::size_t PipeRing::pop(AppIov& dst) {
    std::size_t given = 0;
    while (!empty() && dst.remaining() > 0) {
        Buf& b = at(tail_);
        std::size_t chars = b.len < dst.remaining() ? b.len : dst.remaining();
        std::size_t put = dst.copy_out(b.page + b.off, chars);
        if (put < chars) break;  // a bad pointer: what moved before counts
        given += chars;
        b.off += static_cast<std::uint32_t>(chars);
        b.len -= static_cast<std::uint32_t>(chars);
        bytes_ -= chars;
        bool packet_end = b.packet;
        if (packet_end) {
            // The rest of a packet that did not fit is discarded.
            bytes_ -= b.len;
            b.len = 0;
        }
        if (b.len == 0) {
            b.off = 0;
            b.packet = false;
            ++tail_;
        }
        if (packet_end) break;
    }
    return given;
}

Result<void> PipeRing::resize(unsigned slots) {
    UKP_ASSERT(slots && (slots & (slots - 1)) == 0, "pipe slots are a power of two");
    if (slots == slots_) return success();
    unsigned n = used();
    if (n > slots) return LX_EBUSY;
    Buf* fresh = alloc_bufs(slots);
    for (unsigned i = 0; i < n; ++i) {
        fresh[i] = at(tail_ + i);
        at(tail_ + i).page = nullptr;
    }
    // Keep spare pages for the free slots of the new ring, if any.
    unsigned next = n;
    for (unsigned i = 0; i < slots_ && next < slots; ++i) {
        if (bufs_[i].page) {
            fresh[next++].page = bufs_[i].page;
            bufs_[i].page = nullptr;
        }
    }
    free_bufs(bufs_, slots_);
    bufs_ = fresh;
    slots_ = slots;
    tail_ = 0;
    head_ = n;
    return success();
}

void PipeRing::clear() {
    for (unsigned i = 0; i < slots_; ++i) {
        if (bufs_[i].page) mem::deallocate_pages(bufs_[i].page, 1);
        bufs_[i] = Buf();
    }
    head_ = tail_ = 0;
    bytes_ = 0;
}

}  // namespace ukp::ipc
