// Moving bytes: read/write and their positioned and vectored forms, lseek,
// fsync.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {
namespace {

constexpr int kIovMax = 1024;
// Linux caps one transfer at 2 GiB minus a page (MAX_RW_COUNT).
constexpr std::size_t kMaxRw = 0x7ffff000;

Result<Ref<vfs::File>> readable_file(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (!f->readable()) return LX_EBADF;
    return f;
}

Result<Ref<vfs::File>> writable_file(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (!f->writable()) return LX_EBADF;
    return f;
}

std::size_t clamp(std::size_t n) { return n > kMaxRw ? kMaxRw : n; }

// Linux's rw_verify_area for positioned transfers: a range that runs past
// the largest offset is EINVAL, not a short transfer.
Result<void> verify_range(std::int64_t off, std::uint64_t count) {
    if (off < 0) return LX_EINVAL;
    std::int64_t end;
    if (count > static_cast<std::uint64_t>(INT64_MAX) ||
        __builtin_add_overflow(off, static_cast<std::int64_t>(count), &end))
        return LX_EINVAL;
    return success();
}

// Copies the iovec array in and checks the total length.
struct Iovecs {
    lx_iovec v[kIovMax];
    int count;
    std::uint64_t total;  // clamped to kMaxRw, as Linux's import_iovec does
};
Result<void> copy_iovecs(const lx_iovec* app_iov, int iovcnt, Iovecs& out) {
    if (iovcnt < 0 || iovcnt > kIovMax) return LX_EINVAL;
    TRY(copy_from_app(out.v, app_iov, sizeof(lx_iovec) * static_cast<std::size_t>(iovcnt)));
    std::uint64_t total = 0;
    for (int i = 0; i < iovcnt; ++i) {
        if (out.v[i].iov_len > static_cast<std::uint64_t>(INT64_MAX)) return LX_EINVAL;
        total += out.v[i].iov_len;
        if (total > static_cast<std::uint64_t>(INT64_MAX)) return LX_EINVAL;
    }
    out.count = iovcnt;
    out.total = total > kMaxRw ? kMaxRw : total;
    if (total > kMaxRw) {
        // Like import_iovec: the segments are cut to MAX_RW_COUNT in all.
        std::uint64_t left = kMaxRw;
        for (int i = 0; i < iovcnt; ++i) {
            if (out.v[i].iov_len > left) out.v[i].iov_len = left;
            left -= out.v[i].iov_len;
        }
    }
    return success();
}

// Runs one transfer per iovec until one comes up short, like Linux's
// fallback for files without native vectored I/O. `off` < 0 means "at the
// file position".
template <typename Op>
Result<std::size_t> vectored(const Iovecs& iov, Op&& op) {
    std::size_t total = 0;
    for (int i = 0; i < iov.count; ++i) {
        std::size_t want = clamp(iov.v[i].iov_len);
        if (want == 0) continue;
        Result<std::size_t> r = op(iov.v[i].iov_base, want, total);
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

Result<std::size_t> read(int fd, void* buf, std::size_t n) {
    Ref<vfs::File> f = TRY(readable_file(fd));
    return f->read(buf, clamp(n));
}

Result<std::size_t> write(int fd, const void* buf, std::size_t n) {
    Ref<vfs::File> f = TRY(writable_file(fd));
    return f->write(buf, clamp(n));
}

Result<std::size_t> pread64(int fd, void* buf, std::size_t n, std::int64_t off) {
    Ref<vfs::File> f = TRY(readable_file(fd));
    TRY(verify_range(off, n));
    return f->pread(buf, clamp(n), off);
}

Result<std::size_t> pwrite64(int fd, const void* buf, std::size_t n, std::int64_t off) {
    Ref<vfs::File> f = TRY(writable_file(fd));
    TRY(verify_range(off, n));
    return f->pwrite(buf, clamp(n), off);
}

Result<std::size_t> readv(int fd, const lx_iovec* app_iov, int iovcnt) {
    Ref<vfs::File> f = TRY(readable_file(fd));
    Iovecs iov;
    TRY(copy_iovecs(app_iov, iovcnt, iov));
    return f->readv(iov.v, iov.count);
}

Result<std::size_t> writev(int fd, const lx_iovec* app_iov, int iovcnt) {
    Ref<vfs::File> f = TRY(writable_file(fd));
    Iovecs iov;
    TRY(copy_iovecs(app_iov, iovcnt, iov));
    return f->writev(iov.v, iov.count);
}

Result<std::size_t> preadv2(int fd, const lx_iovec* app_iov, int iovcnt, std::int64_t off, int flags) {
    if (flags & ~0x1f) return LX_EOPNOTSUPP;  // RWF_* flags beyond those Linux knows
    if (off == -1) return readv(fd, app_iov, iovcnt);
    Ref<vfs::File> f = TRY(readable_file(fd));
    Iovecs iov;
    TRY(copy_iovecs(app_iov, iovcnt, iov));
    TRY(verify_range(off, iov.total));
    return vectored(iov, [&](void* base, std::size_t len, std::size_t done) {
        return f->pread(base, len, off + static_cast<std::int64_t>(done));
    });
}

Result<std::size_t> pwritev2(int fd, const lx_iovec* app_iov, int iovcnt, std::int64_t off, int flags) {
    if (flags & ~0x1f) return LX_EOPNOTSUPP;
    if (off == -1) return writev(fd, app_iov, iovcnt);
    Ref<vfs::File> f = TRY(writable_file(fd));
    Iovecs iov;
    TRY(copy_iovecs(app_iov, iovcnt, iov));
    TRY(verify_range(off, iov.total));
    return vectored(iov, [&](void* base, std::size_t len, std::size_t done) {
        return f->pwrite(base, len, off + static_cast<std::int64_t>(done));
    });
}

Result<std::int64_t> lseek(int fd, std::int64_t off, int whence) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    return f->seek(off, whence);
}

Result<void> fsync(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    return f->fsync();
}

Result<void> fdatasync(int fd) { return fsync(fd); }

Result<void> sync() { return success(); }

}  // namespace ukp::sys
