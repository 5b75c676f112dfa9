// TAP devices on the Linux host, on io_uring. Each device has a thread of its
// own with its own ring (the kernel's service thread keeps the event port):
//  - receive: one multishot read (IORING_OP_READ_MULTISHOT, Linux 6.7) over
//    a ring of provided buffers, so that a burst of frames costs no syscall
//    per frame; each frame goes to the kernel's sink and its buffer straight
//    back to the ring. Where the kernel lacks the op (EINVAL), one plain
//    read at a time, re-armed per completion.
//  - send: net_send copies the frame into a bounded queue (dropped when the
//    queue is full, as a NIC with a full ring does: never blocking the net
//    lock) and wakes the thread through an eventfd, at most once until the
//    thread has looked; the thread then submits every queued frame as one
//    write each, all in one io_uring_enter.
#include <liburing.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "../host.hpp"
#include "../posix/libc.hpp"
#include "../posix/net_device.hpp"
#include "../posix/tap_open.hpp"

namespace ukp::host {

namespace {

// liburing 2.3 predates the op and its prep helper: the SQE is filled here.
constexpr std::uint8_t kOpReadMultishot = 49;

constexpr unsigned kRingEntries = 512;
constexpr unsigned kRxBuffers = 256;        // a power of two (the buffer ring's size)
constexpr std::size_t kRxBufferSize = 2048;  // a frame at MTU 1500 with room to spare
constexpr std::uint16_t kRxGroup = 0;
// More than one TCP connection's whole window (lwIP's 1 MiB / MSS frames)
// fits before frames drop: a drop costs the sender a retransmission. Pages
// are touched only as the queue fills that far.
constexpr std::size_t kTxSlots = 2048;
constexpr std::size_t kTxFrameMax = 1536;  // 14 + 1500, with room for a VLAN tag

// user_data tags; a write's slot index is in the low bits.
constexpr std::uint64_t kTagRx = 1ull << 62;
constexpr std::uint64_t kTagEvent = 2ull << 62;
constexpr std::uint64_t kTagTx = 3ull << 62;
constexpr std::uint64_t kTagMask = 3ull << 62;

struct TxSlot {
    std::uint16_t len;
    bool done;  // its write completed; the slot frees when all older ones have
    std::uint8_t data[kTxFrameMax];
};

void log_line(const char* msg) {
    static const char prefix[] = "ukp: tap: ";
    log_write(prefix, sizeof prefix - 1);
    log_write(msg, std::strlen(msg));
    log_write("\n", 1);
}

struct TapDevice final : NetDevice {
    void send(const void* frame, std::size_t len) override;
    void close() override;

    int fd = -1;
    int event_fd = -1;
    io_uring ring{};
    bool ring_up = false;
    NetSink sink = nullptr;
    void* ctx = nullptr;
    pthread_t thread{};
    std::atomic<bool> stop{false};

    // Receive (device thread only).
    io_uring_buf_ring* buf_ring = nullptr;
    std::size_t buf_ring_bytes = 0;
    std::uint8_t* rx_buffers = nullptr;  // kRxBuffers * kRxBufferSize
    bool multishot = true;
    bool rx_armed = false;
    unsigned rx_errors = 0;  // consecutive
    std::uint64_t event_value = 0;

    // Send queue: [head, sub) in flight, [sub, tail) waiting, both under tx_lock.
    std::mutex tx_lock;
    TxSlot* slots = nullptr;
    std::uint64_t head = 0, sub = 0, tail = 0;
    std::uint64_t dropped = 0;
    std::atomic<bool> wake_pending{false};
};

void* map(std::size_t bytes) {
    void* p = libc::get().mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
}

void unmap(void* p, std::size_t bytes) {
    if (p) libc::get().munmap(p, bytes);
}

// A free SQE, submitting what is queued first when the ring is full.
io_uring_sqe* get_sqe(TapDevice* d) {
    io_uring_sqe* sqe = io_uring_get_sqe(&d->ring);
    if (!sqe) {
        io_uring_submit(&d->ring);
        sqe = io_uring_get_sqe(&d->ring);
    }
    return sqe;
}

void arm_event(TapDevice* d) {
    io_uring_sqe* sqe = get_sqe(d);
    if (!sqe) return;
    io_uring_prep_read(sqe, d->event_fd, &d->event_value, sizeof d->event_value, 0);
    io_uring_sqe_set_data64(sqe, kTagEvent);
}

std::uint8_t* rx_buffer(TapDevice* d, unsigned bid) { return d->rx_buffers + std::size_t{bid} * kRxBufferSize; }

void give_back(TapDevice* d, unsigned bid) {
    io_uring_buf_ring_add(d->buf_ring, rx_buffer(d, bid), kRxBufferSize, static_cast<unsigned short>(bid),
                          io_uring_buf_ring_mask(kRxBuffers), 0);
    io_uring_buf_ring_advance(d->buf_ring, 1);
}

void arm_rx(TapDevice* d) {
    if (d->rx_armed) return;
    io_uring_sqe* sqe = get_sqe(d);
    if (!sqe) return;
    if (d->multishot) {
        io_uring_prep_rw(kOpReadMultishot, sqe, d->fd, nullptr, 0, 0);
        sqe->buf_group = kRxGroup;
        sqe->flags |= IOSQE_BUFFER_SELECT;
    } else {
        io_uring_prep_read(sqe, d->fd, d->rx_buffers, kRxBufferSize, 0);
    }
    io_uring_sqe_set_data64(sqe, kTagRx);
    d->rx_armed = true;
}

void on_rx(TapDevice* d, const io_uring_cqe* cqe) {
    if (!(cqe->flags & IORING_CQE_F_MORE)) d->rx_armed = false;
    if (cqe->res > 0) {
        d->rx_errors = 0;
        if (d->multishot) {
            unsigned bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
            if (bid < kRxBuffers) {
                d->sink(d->ctx, rx_buffer(d, bid), static_cast<std::size_t>(cqe->res));
                give_back(d, bid);
            }
        } else {
            d->sink(d->ctx, d->rx_buffers, static_cast<std::size_t>(cqe->res));
        }
        return;
    }
    if (cqe->flags & IORING_CQE_F_BUFFER) give_back(d, cqe->flags >> IORING_CQE_BUFFER_SHIFT);
    int e = -cqe->res;
    if (d->multishot && e == EINVAL) {
        log_line("no multishot read in this kernel: one read at a time");
        d->multishot = false;
        return;
    }
    // ENOBUFS: every buffer was in use; they are back now. A zero read or a
    // stray error is retried, but a device that only fails (it was deleted)
    // is left alone.
    if (e != ENOBUFS && e != EAGAIN && e != EINTR && ++d->rx_errors == 100) {
        log_line("the device keeps failing reads: receive stopped");
    }
}

void on_tx(TapDevice* d, std::uint64_t slot) {
    std::lock_guard g(d->tx_lock);
    d->slots[slot % kTxSlots].done = true;
    while (d->head < d->sub && d->slots[d->head % kTxSlots].done) {
        d->slots[d->head % kTxSlots].done = false;
        ++d->head;
    }
}

// Queues a write for every waiting frame; the caller's next enter submits them.
void flush_tx(TapDevice* d) {
    std::lock_guard g(d->tx_lock);
    for (; d->sub < d->tail; ++d->sub) {
        io_uring_sqe* sqe = get_sqe(d);
        if (!sqe) return;  // the rest next round
        TxSlot& s = d->slots[d->sub % kTxSlots];
        io_uring_prep_write(sqe, d->fd, s.data, s.len, 0);
        io_uring_sqe_set_data64(sqe, kTagTx | (d->sub % kTxSlots));
    }
}

void* device_main(void* arg) {
    auto* d = static_cast<TapDevice*>(arg);
    arm_event(d);
    while (!d->stop.load(std::memory_order_acquire)) {
        if (d->rx_errors < 100) arm_rx(d);
        flush_tx(d);
        int rc = io_uring_submit_and_wait(&d->ring, 1);
        if (rc < 0 && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY) {
            log_line("io_uring_enter failed: device stopped");
            break;
        }
        io_uring_cqe* cqe;
        unsigned seen = 0;
        unsigned head;
        io_uring_for_each_cqe(&d->ring, head, cqe) {
            ++seen;
            std::uint64_t data = io_uring_cqe_get_data64(cqe);
            switch (data & kTagMask) {
            case kTagRx:
                on_rx(d, cqe);
                break;
            case kTagEvent:
                // Cleared before the flush that follows: a frame queued after
                // this wakes the thread again, one queued before is flushed.
                d->wake_pending.store(false);
                arm_event(d);
                break;
            case kTagTx:
                on_tx(d, data & ~kTagMask);
                break;
            default:
                break;
            }
        }
        io_uring_cq_advance(&d->ring, seen);
    }
    return nullptr;
}

void wake(TapDevice* d) {
    if (d->wake_pending.exchange(true)) return;
    std::uint64_t one = 1;
    (void)libc::get().write(d->event_fd, &one, sizeof one);
}

void destroy(TapDevice* d) {
    if (d->ring_up) io_uring_queue_exit(&d->ring);  // cancels what is in flight
    if (d->event_fd >= 0) libc::get().close(d->event_fd);
    if (d->fd >= 0) libc::get().close(d->fd);
    unmap(d->buf_ring, d->buf_ring_bytes);
    unmap(d->rx_buffers, kRxBuffers * kRxBufferSize);
    unmap(d->slots, sizeof(TxSlot) * kTxSlots);
    delete d;
}

// The provided-buffer ring for the multishot read; false leaves plain reads.
bool setup_buffers(TapDevice* d) {
    d->buf_ring_bytes = sizeof(io_uring_buf) * kRxBuffers;
    d->buf_ring = static_cast<io_uring_buf_ring*>(map(d->buf_ring_bytes));
    if (!d->buf_ring) return false;
    io_uring_buf_reg reg{};
    reg.ring_addr = reinterpret_cast<std::uint64_t>(d->buf_ring);
    reg.ring_entries = kRxBuffers;
    reg.bgid = kRxGroup;
    if (io_uring_register_buf_ring(&d->ring, &reg, 0) != 0) return false;
    io_uring_buf_ring_init(d->buf_ring);
    for (unsigned i = 0; i < kRxBuffers; ++i)
        io_uring_buf_ring_add(d->buf_ring, rx_buffer(d, i), kRxBufferSize, static_cast<unsigned short>(i),
                              io_uring_buf_ring_mask(kRxBuffers), static_cast<int>(i));
    io_uring_buf_ring_advance(d->buf_ring, kRxBuffers);
    return true;
}

void TapDevice::send(const void* frame, std::size_t len) {
    if (len == 0 || len > kTxFrameMax) return;
    {
        std::lock_guard g(tx_lock);
        if (tail - head == kTxSlots) {
            if (dropped++ % 4096 == 0) log_line("send queue full: frames dropped");
            return;
        }
        TxSlot& s = slots[tail % kTxSlots];
        s.len = static_cast<std::uint16_t>(len);
        s.done = false;
        std::memcpy(s.data, frame, len);
        ++tail;
    }
    wake(this);
}

void TapDevice::close() {
    stop.store(true, std::memory_order_release);
    wake_pending.store(false);
    wake(this);
    pthread_join(thread, nullptr);
    destroy(this);
}

}  // namespace

int net_tap_open(const char* name, NetSink sink, void* ctx, NetDevice** out) {
    int fd = tap_open(name, /*nonblocking=*/false);
    if (fd < 0) return fd;
    auto* d = new TapDevice;
    d->fd = fd;
    d->sink = sink;
    d->ctx = ctx;
    d->event_fd = libc::get().eventfd(0, EFD_CLOEXEC);
    d->rx_buffers = static_cast<std::uint8_t*>(map(kRxBuffers * kRxBufferSize));
    d->slots = static_cast<TxSlot*>(map(sizeof(TxSlot) * kTxSlots));
    if (d->event_fd < 0 || !d->rx_buffers || !d->slots) {
        int e = d->event_fd < 0 ? errno : ENOMEM;
        destroy(d);
        return -e;
    }
    if (int rc = io_uring_queue_init(kRingEntries, &d->ring, 0); rc != 0) {
        destroy(d);
        return rc;
    }
    d->ring_up = true;
    d->multishot = setup_buffers(d);
    if (int rc = start_device_thread(&d->thread, device_main, d); rc < 0) {
        destroy(d);
        return rc;
    }
    *out = d;
    return 0;
}

}  // namespace ukp::host
