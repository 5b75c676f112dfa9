#include "core/vfs/file.hpp"

#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/vfs/lock.hpp"

namespace ukp::vfs {

void File::set_status_flags(int f) {
    constexpr int kChangeable = LX_O_APPEND | LX_O_NONBLOCK | LX_O_ASYNC | LX_O_DIRECT | LX_O_NOATIME;
    int old = flags_.load(std::memory_order_relaxed);
    while (!flags_.compare_exchange_weak(old, (old & ~kChangeable) | (f & kChangeable))) {
    }
}

Result<std::size_t> File::read(void*, std::size_t) { return LX_EINVAL; }
Result<std::size_t> File::write(const void*, std::size_t) { return LX_EINVAL; }

namespace {
template <typename Op>
Result<std::size_t> each_segment(const lx_iovec* iov, int count, Op&& op) {
    std::size_t total = 0;
    for (int i = 0; i < count; ++i) {
        std::size_t want = iov[i].iov_len;
        if (want == 0) continue;
        Result<std::size_t> r = op(iov[i].iov_base, want);
        if (!r.ok()) {
            if (total > 0) return total;
            return r.error();
        }
        total += *r;
        if (*r < want) break;
    }
    return total;
}
}  // namespace

Result<std::size_t> File::readv(const lx_iovec* iov, int count) {
    return each_segment(iov, count, [&](void* base, std::size_t len) { return read(base, len); });
}

Result<std::size_t> File::writev(const lx_iovec* iov, int count) {
    return each_segment(iov, count, [&](void* base, std::size_t len) { return write(base, len); });
}

Result<std::size_t> VnodeFile::pread(void* buf, std::size_t n, std::int64_t off) {
    if (off < 0) return LX_EINVAL;
    return vnode_->read(off, buf, n);
}

Result<std::size_t> VnodeFile::pwrite(const void* buf, std::size_t n, std::int64_t off) {
    if (off < 0) return LX_EINVAL;
    // Linux quirk kept on purpose: pwrite on an O_APPEND file appends.
    if (flags() & LX_O_APPEND) off = -1;
    return vnode_->write(off, buf, n);
}

Result<std::size_t> VnodeFile::read(void* buf, std::size_t n) {
    LockGuard g(pos_lock_);
    std::size_t got = TRY(vnode_->read(pos_, buf, n));
    pos_ += static_cast<std::int64_t>(got);
    return got;
}

Result<std::size_t> VnodeFile::write(const void* buf, std::size_t n) {
    LockGuard g(pos_lock_);
    if (flags() & LX_O_APPEND) {
        // Offset -1 asks the file system to append atomically at its end.
        std::size_t put = TRY(vnode_->write(-1, buf, n));
        pos_ = vnode_->getattr().size;
        return put;
    }
    std::size_t put = TRY(vnode_->write(pos_, buf, n));
    pos_ += static_cast<std::int64_t>(put);
    return put;
}

Result<std::int64_t> seek_target(std::int64_t pos, std::int64_t size, std::int64_t off, int whence) {
    std::int64_t base;
    switch (whence) {
        case LX_SEEK_SET: base = 0; break;
        case LX_SEEK_CUR: base = pos; break;
        case LX_SEEK_END: base = size; break;
        default: return LX_EINVAL;
    }
    std::int64_t target;
    if (__builtin_add_overflow(base, off, &target)) return LX_EOVERFLOW;
    if (target < 0) return LX_EINVAL;
    return target;
}

Result<std::int64_t> VnodeFile::seek(std::int64_t off, int whence) {
    LockGuard g(pos_lock_);
    if (whence == LX_SEEK_DATA || whence == LX_SEEK_HOLE) {
        if (vnode_->is_dir()) return LX_EINVAL;
        pos_ = TRY(vnode_->seek_data(off, whence == LX_SEEK_HOLE));
        return pos_;
    }
    // Directory offsets are cookies: only absolute positions make sense.
    if (vnode_->is_dir() && whence != LX_SEEK_SET && !(whence == LX_SEEK_CUR && off == 0)) return LX_EINVAL;
    std::int64_t size = whence == LX_SEEK_END ? vnode_->getattr().size : 0;
    pos_ = TRY(seek_target(pos_, size, off, whence));
    return pos_;
}

namespace {

// Packs entries into a getdents64 buffer in kernel memory.
struct DentsSink final : DirSink {
    char* buf;
    std::size_t cap;
    std::size_t used = 0;
    std::uint64_t next_cookie;
    bool emit(std::uint64_t ino, std::string_view name, std::uint8_t type, std::uint64_t next) override {
        std::size_t reclen = (offsetof(lx_dirent64, d_name) + name.size() + 1 + 7) & ~std::size_t{7};
        if (used + reclen > cap) return false;
        auto* d = reinterpret_cast<lx_dirent64*>(buf + used);
        d->d_ino = ino;
        d->d_off = static_cast<std::int64_t>(next);
        d->d_reclen = static_cast<std::uint16_t>(reclen);
        d->d_type = type;
        std::memcpy(d->d_name, name.data(), name.size());
        std::memset(d->d_name + name.size(), 0, reclen - offsetof(lx_dirent64, d_name) - name.size());
        used += reclen;
        next_cookie = next;
        return true;
    }
};

}  // namespace

Result<std::size_t> VnodeFile::getdents(void* app_buf, std::size_t n) {
    if (!vnode_->is_dir()) return LX_ENOTDIR;
    // Fill a kernel buffer first, so a fault on the app buffer loses nothing.
    constexpr std::size_t kChunk = 32768;
    std::size_t cap = n < kChunk ? n : kChunk;
    char* tmp = static_cast<char*>(mem::allocate(cap));
    LockGuard g(pos_lock_);
    DentsSink sink;
    sink.buf = tmp;
    sink.cap = cap;
    sink.next_cookie = static_cast<std::uint64_t>(pos_);
    Result<void> r = vnode_->readdir(static_cast<std::uint64_t>(pos_), sink);
    Result<std::size_t> out = LX_EINVAL;
    if (!r.ok()) {
        out = r.error();
    } else if (sink.used == 0 && cap > 0) {
        // Nothing fitted: either the end, or the buffer is too small for one entry.
        struct Probe final : DirSink {
            bool any = false;
            bool emit(std::uint64_t, std::string_view, std::uint8_t, std::uint64_t) override {
                any = true;
                return false;
            }
        } probe;
        (void)vnode_->readdir(static_cast<std::uint64_t>(pos_), probe);
        out = probe.any ? Result<std::size_t>(LX_EINVAL) : Result<std::size_t>(std::size_t{0});
    } else if (copy_to_app(app_buf, tmp, sink.used).ok()) {
        pos_ = static_cast<std::int64_t>(sink.next_cookie);
        out = sink.used;
    } else {
        out = LX_EFAULT;
    }
    mem::deallocate(tmp, cap);
    return out;
}

void File::last_ref_dropped() {
    if (event::Notifier* n = notifier()) n->release_file(this);
    release_file_locks(*this);  // OFD and flock locks die with the description
    delete this;
}

Result<std::int64_t> VnodeFile::readable_bytes() {
    if (!vnode_->is_regular()) return LX_ENOTTY;
    LockGuard g(pos_lock_);
    // Negative past the end of the file, as Linux reports it.
    return vnode_->getattr().size - pos_;
}

}  // namespace ukp::vfs
