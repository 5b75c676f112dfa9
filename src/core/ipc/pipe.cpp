#include "core/ipc/pipe.hpp"

#include "core/base/time.hpp"
#include "core/time/abi.hpp"
#include "core/vfs/anon_inode.hpp"
#include "host/host.hpp"

namespace ukp::ipc {
namespace {

constexpr std::uint32_t kReadable = LX_POLLIN | LX_POLLRDNORM;
constexpr std::uint32_t kWritable = LX_POLLOUT | LX_POLLWRNORM;
constexpr std::uint32_t kAll = kReadable | kWritable | LX_POLLHUP | LX_POLLERR;

}  // namespace

// ---- Pipe ------------------------------------------------------------------

Result<std::uint32_t> Pipe::open_end(bool reader, bool writer, bool fifo, bool nonblock) {
    LockGuard g(lock_);
    std::uint32_t hup_after = 0;
    if (reader && writer) {
        // O_RDWR: both sides at once; never waits.
        ++readers_;
        ++writers_;
        ++r_counter_;
        ++w_counter_;
        open_wait_.wake_all();
    } else if (reader) {
        ++r_counter_;
        ++readers_;
        open_wait_.wake_all();
        if (fifo && writers_ == 0) {
            if (nonblock) {
                hup_after = w_counter_;  // no POLLHUP before a writer came
            } else {
                std::uint32_t seen = w_counter_;
                Result<void> r = open_wait_.wait(lock_, [&] { return w_counter_ != seen; });
                if (!r.ok()) {
                    release_locked(true, false);
                    return r.error();
                }
            }
        }
    } else if (writer) {
        if (fifo && nonblock && readers_ == 0) return LX_ENXIO;
        ++w_counter_;
        ++writers_;
        open_wait_.wake_all();
        if (fifo && readers_ == 0) {
            std::uint32_t seen = r_counter_;
            Result<void> r = open_wait_.wait(lock_, [&] { return r_counter_ != seen; });
            if (!r.ok()) {
                release_locked(false, true);
                return r.error();
            }
        }
    } else {
        return LX_EINVAL;  // access mode 3 opens neither end
    }
    // A reader or writer arriving wakes anyone parked on the other state
    // and may end POLLHUP/POLLERR for watchers.
    notifier_.notify(kAll);
    return hup_after;
}

void Pipe::close_end(bool reader, bool writer) {
    LockGuard g(lock_);
    release_locked(reader, writer);
}

void Pipe::release_locked(bool reader, bool writer) {
    if (reader && --readers_ == 0) wr_wait_.wake_all();  // writers get EPIPE
    if (writer && --writers_ == 0) rd_wait_.wake_all();  // readers get EOF
    if (readers_ == 0 && writers_ == 0) {
        // Linux frees a pipe when its last end closes: a FIFO opened again
        // starts empty, at the default size.
        ring_.clear();
        (void)ring_.resize(PipeRing::kDefaultSlots);
        r_counter_ = w_counter_ = 1;
    }
    notifier_.notify(kAll);
}

Result<std::size_t> Pipe::read(AppIov& dst, bool nonblock) {
    if (dst.remaining() == 0) return std::size_t{0};
    std::size_t total = 0;
    LockGuard g(lock_);
    for (;;) {
        if (!ring_.empty()) {
            bool was_full = ring_.full();
            std::size_t got = ring_.pop(dst);
            total += got;
            if (got > 0) {
                if (was_full) {
                    wr_wait_.wake_all();
                    notifier_.notify(kWritable);
                }
                // Data left for another reader: the next one goes on.
                if (!ring_.empty()) rd_wait_.wake_one();
            }
            // pop() stops only when dst is full, the ring empty, a packet
            // ended or dst faulted: each ends this read.
            break;
        }
        if (writers_ == 0 || total > 0) break;
        if (nonblock) return LX_EAGAIN;
        Result<void> w = rd_wait_.wait(lock_, [&] { return !ring_.empty() || writers_ == 0; });
        if (!w.ok()) return w.error();
    }
    if (total == 0 && dst.faulted()) return LX_EFAULT;
    return total;
}

Result<std::size_t> Pipe::write(AppIov& src, bool nonblock, bool packet) {
    const std::size_t want = src.remaining();
    if (want == 0) return std::size_t{0};
    Result<std::size_t> out = std::size_t{0};
    bool sigpipe = false;
    {
        LockGuard g(lock_);
        std::size_t total = 0;
        if (readers_ == 0) {
            sigpipe = true;
            out = LX_EPIPE;
        } else {
            bool was_empty = ring_.empty();
            total = ring_.merge(src, want);
            if (src.faulted()) {
                out = LX_EFAULT;
            } else if (src.remaining() > 0) {
                for (;;) {
                    if (readers_ == 0) {
                        sigpipe = true;
                        if (total == 0) out = LX_EPIPE;
                        break;
                    }
                    if (!ring_.full()) {
                        Result<std::size_t> put = ring_.push_page(src, packet);
                        if (!put.ok() || src.faulted()) {
                            if (total == 0) out = put.ok() ? LX_EFAULT : put.error();
                            break;
                        }
                        total += *put;
                        if (src.remaining() == 0) break;
                        continue;
                    }
                    if (nonblock) {
                        if (total == 0) out = LX_EAGAIN;
                        break;
                    }
                    // Let the readers drain what is there before sleeping.
                    if (total > 0 || !was_empty) {
                        rd_wait_.wake_all();
                        notifier_.notify(kReadable);
                    }
                    was_empty = false;
                    // A signal after partial progress ends the write with
                    // what moved, as Linux's pipe_write does.
                    Result<void> w = wr_wait_.wait(lock_, [&] { return !ring_.full() || readers_ == 0; }, -1,
                                                   total > 0 ? OnSignal::report : OnSignal::restart);
                    if (!w.ok()) {
                        if (total == 0) out = w.error();
                        break;
                    }
                }
            }
            if (total > 0) {
                out = total;
                rd_wait_.wake_all();
                notifier_.notify(kReadable);
            }
        }
    }
    if (sigpipe) host::signal_thread(LX_SIGPIPE);
    return out;
}

std::uint32_t Pipe::poll_mask(bool reader, bool writer, std::uint32_t hup_after) {
    LockGuard g(lock_);
    std::uint32_t mask = 0;
    if (reader) {
        if (!ring_.empty()) mask |= kReadable;
        if (writers_ == 0 && hup_after != w_counter_) mask |= LX_POLLHUP;
    }
    if (writer) {
        if (!ring_.full()) mask |= kWritable;
        if (readers_ == 0) mask |= LX_POLLERR;
    }
    return mask;
}

std::size_t Pipe::readable_bytes() {
    LockGuard g(lock_);
    return ring_.bytes();
}

std::size_t Pipe::size() {
    LockGuard g(lock_);
    return ring_.slots() * PipeRing::kPage;
}

Result<long> Pipe::set_size(std::uint32_t arg, bool privileged) {
    // Linux's round_pipe_size: at least a page, a power of two, at most 2 GiB.
    if (arg > (1u << 31)) return LX_EINVAL;
    std::uint64_t size = PipeRing::kPage;
    while (size < arg) size <<= 1;
    auto slots = static_cast<unsigned>(size / PipeRing::kPage);
    LockGuard g(lock_);
    if (slots > ring_.slots() && size > kPipeMaxSize && !privileged) return LX_EPERM;
    bool was_full = ring_.full();
    TRY(ring_.resize(slots));
    if (was_full && !ring_.full()) {
        wr_wait_.wake_all();
        notifier_.notify(kWritable);
    }
    return static_cast<long>(size);
}

// ---- PipeFile ----------------------------------------------------------------

PipeFile::PipeFile(Ref<vfs::Vnode> vnode, int flags, Ref<Pipe> pipe, std::uint32_t hup_after)
    : File(std::move(vnode), flags),
      pipe_(std::move(pipe)),
      reader_(readable()),
      writer_(writable()),
      hup_after_(hup_after),
      fifo_node_(dynamic_cast<vfs::AnonInode*>(vnode_.get()) == nullptr) {}

PipeFile::~PipeFile() { pipe_->close_end(reader_, writer_); }

Result<std::size_t> PipeFile::do_read(AppIov& dst) {
    // A FIFO's atime (relatime on Linux) is not kept: reads stay lock-lean.
    return pipe_->read(dst, flags() & LX_O_NONBLOCK);
}

Result<std::size_t> PipeFile::do_write(AppIov& src) {
    int fl = flags();
    Result<std::size_t> r = pipe_->write(src, fl & LX_O_NONBLOCK, fl & LX_O_DIRECT);
    // Linux 6.7+ leaves an anonymous pipe's times alone (a cost on every
    // write); a FIFO's node still gets its mtime and ctime moved.
    if (fifo_node_ && r.ok() && *r > 0) {
        vfs::SetAttr s;
        s.mask = vfs::SetAttr::kMtime | vfs::SetAttr::kCtime;
        s.mtime = s.ctime = now_timespec();
        (void)vnode_->setattr(s);
    }
    return r;
}

Result<std::size_t> PipeFile::read(void* buf, std::size_t n) {
    AppIov dst(buf, n);
    return do_read(dst);
}

Result<std::size_t> PipeFile::write(const void* buf, std::size_t n) {
    AppIov src(const_cast<void*>(buf), n);
    return do_write(src);
}

Result<std::size_t> PipeFile::readv(const lx_iovec* iov, int count) {
    AppIov dst(iov, count);
    return do_read(dst);
}

Result<std::size_t> PipeFile::writev(const lx_iovec* iov, int count) {
    AppIov src(iov, count);
    return do_write(src);
}

Result<std::int64_t> PipeFile::readable_bytes() {
    return static_cast<std::int64_t>(pipe_->readable_bytes());
}

std::uint32_t PipeFile::poll_mask() { return pipe_->poll_mask(reader_, writer_, hup_after_); }

// ---- pipe2 and fcntl -------------------------------------------------------------

void make_pipe(const vfs::Cred& cred, int flags, Ref<vfs::File>& read_end, Ref<vfs::File>& write_end) {
    Ref<vfs::AnonInode> inode = vfs::make_anon_inode(vfs::AnonKind::Pipe, cred);
    Ref<Pipe> pipe = make_ref<Pipe>();
    inode->endpoint_or(Ref<RefCounted>(pipe));
    // Cannot fail or wait: a pipe's own ends are not a FIFO's.
    (void)pipe->open_end(true, false, false, true);
    (void)pipe->open_end(false, true, false, true);
    read_end = make_ref<PipeFile>(Ref<vfs::Vnode>(inode), LX_O_RDONLY | (flags & LX_O_NONBLOCK), pipe, 0);
    write_end = make_ref<PipeFile>(Ref<vfs::Vnode>(inode), LX_O_WRONLY | (flags & (LX_O_NONBLOCK | LX_O_DIRECT)),
                                   pipe, 0);
}

Result<long> pipe_fcntl(vfs::File& f, int cmd, unsigned long arg, bool privileged) {
    auto* pf = dynamic_cast<PipeFile*>(&f);
    if (!pf) return LX_EBADF;
    if (cmd == LX_F_GETPIPE_SZ) return static_cast<long>(pf->pipe().size());
    return pf->pipe().set_size(static_cast<std::uint32_t>(arg), privileged);
}

}  // namespace ukp::ipc
