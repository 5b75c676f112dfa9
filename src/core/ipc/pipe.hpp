// Pipes and FIFOs: the object both ends share, and the File of each end.
//
// A Pipe is made by pipe2() (with an anonymous inode, core/vfs/anon_inode)
// or by the first open of a FIFO node (fifo.hpp); in both cases the node's
// endpoint slot holds it. Each open end is a PipeFile holding the pipe;
// readers_/writers_ count the open ends (an O_RDWR FIFO end counts as
// both). Data is a PipeRing with Linux's layout (see pipe_ring.hpp).
//
// Blocking: readers wait in rd_wait_ for data or the last writer's close,
// writers in wr_wait_ for a free slot or the last reader's close, FIFO
// opens in open_wait_ for the other side. WaitQueue spins before parking
// and a wake costs no host call while nobody is parked, so the fast path
// is: lock, copy, unlock, bump a counter.
//
// Lock order: Pipe::lock_ -> Notifier lock (poll/epoll watches). SIGPIPE is
// raised with no lock held. Both ends share the pipe's Notifier; a Watch
// tells them apart by File.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/notifier.hpp"
#include "core/ipc/app_iov.hpp"
#include "core/ipc/pipe_ring.hpp"
#include "core/vfs/file.hpp"

namespace ukp::ipc {

inline constexpr std::size_t kPipeBuf = 4096;        // PIPE_BUF
inline constexpr std::size_t kPipeMaxSize = 1 << 20;  // /proc/sys/fs/pipe-max-size

class Pipe final : public RefCounted {
public:
    Pipe() = default;

    // Opening and closing ends. `fifo` selects named-pipe rules (an open
    // may wait for the other side); returns the w_counter value a reader
    // opened without a writer saw (POLLHUP waits until a writer came).
    Result<std::uint32_t> open_end(bool reader, bool writer, bool fifo, bool nonblock);
    void close_end(bool reader, bool writer);

    Result<std::size_t> read(AppIov& dst, bool nonblock);
    // Raises SIGPIPE itself (no reader left).
    Result<std::size_t> write(AppIov& src, bool nonblock, bool packet);

    std::uint32_t poll_mask(bool reader, bool writer, std::uint32_t hup_after);
    event::Notifier& notifier() { return notifier_; }
    std::size_t readable_bytes();
    // F_GETPIPE_SZ / F_SETPIPE_SZ (arg is Linux's unsigned int).
    std::size_t size();
    Result<long> set_size(std::uint32_t arg, bool privileged);

private:
    // An end goes away (closed, or its FIFO open was interrupted).
    void release_locked(bool reader, bool writer);

    Mutex lock_;
    PipeRing ring_;
    std::uint32_t readers_ = 0, writers_ = 0;
    // Opens so far of each kind; a FIFO open waits for the other's to move.
    std::uint32_t r_counter_ = 1, w_counter_ = 1;
    WaitQueue rd_wait_, wr_wait_, open_wait_;
    event::Notifier notifier_;
};

class PipeFile final : public vfs::File {
public:
    PipeFile(Ref<vfs::Vnode> vnode, int flags, Ref<Pipe> pipe, std::uint32_t hup_after);
    ~PipeFile() override;

    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void* buf, std::size_t n) override;
    Result<std::size_t> readv(const lx_iovec* iov, int count) override;
    Result<std::size_t> writev(const lx_iovec* iov, int count) override;
    Result<std::int64_t> readable_bytes() override;
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &pipe_->notifier(); }

    Pipe& pipe() { return *pipe_; }

private:
    Result<std::size_t> do_read(AppIov& dst);
    Result<std::size_t> do_write(AppIov& src);

    Ref<Pipe> pipe_;
    const bool reader_, writer_;
    const std::uint32_t hup_after_;
    const bool fifo_node_;  // opened through a file system's FIFO node
};

// pipe2(): both ends of a fresh anonymous pipe owned by `cred`. `flags`
// holds LX_O_NONBLOCK and LX_O_DIRECT at most (O_CLOEXEC is the fd's).
void make_pipe(const vfs::Cred& cred, int flags, Ref<vfs::File>& read_end, Ref<vfs::File>& write_end);

// F_GETPIPE_SZ / F_SETPIPE_SZ on any file: EBADF unless it is a pipe end.
Result<long> pipe_fcntl(vfs::File& f, int cmd, unsigned long arg, bool privileged);

}  // namespace ukp::ipc
