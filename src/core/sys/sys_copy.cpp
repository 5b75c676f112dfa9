// sendfile(2) and copy_file_range(2): file-to-file copies through a kernel
// buffer, never through the application's memory.
#include <algorithm>
#include <cstdint>

#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {
namespace {

// The bounce buffer is on the caller's stack: File::read/write treat their
// buffer as application memory, which must lie outside the kernel arena.
constexpr std::size_t kChunk = 16 * 1024;
constexpr std::size_t kMaxRw = 0x7ffff000;

// One end of a copy: a file and either its own position or an explicit offset.
struct End {
    Ref<vfs::File> file;
    bool positioned;
    std::int64_t off;
};

Result<End> open_end(int fd, std::int64_t* app_off, bool write) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (write ? !f->writable() : !f->readable()) return LX_EBADF;
    End e{std::move(f), app_off != nullptr, 0};
    if (app_off) {
        TRY(copy_in(e.off, app_off));
        if (e.off < 0) return LX_EINVAL;
    }
    return e;
}

// Copies up to count bytes; stops at EOF or a short write. Reports bytes
// copied, or the first error if nothing was.
Result<std::size_t> copy(End& in, End& out, std::size_t count) {
    if (count > kMaxRw) count = kMaxRw;
    // An explicit offset never moves past the largest file offset: the count
    // shrinks to fit, and nothing fits at the very end (Linux's EOVERFLOW).
    for (const End* e : {&in, &out}) {
        if (!e->positioned) continue;
        auto room = static_cast<std::uint64_t>(INT64_MAX - e->off);
        if (count > room) {
            if (room == 0) return LX_EOVERFLOW;
            count = static_cast<std::size_t>(room);
        }
    }
    std::size_t cap = count < kChunk ? (count ? count : 1) : kChunk;
    char buf[kChunk];
    std::size_t done = 0;
    Errno failure{};
    while (done < count) {
        std::size_t want = count - done < cap ? count - done : cap;
        Result<std::size_t> got = in.positioned ? in.file->pread(buf, want, in.off) : in.file->read(buf, want);
        if (!got.ok()) {
            failure = got.error();
            break;
        }
        if (*got == 0) break;
        Result<std::size_t> put =
            out.positioned ? out.file->pwrite(buf, *got, out.off) : out.file->write(buf, *got);
        if (!put.ok()) {
            failure = put.error();
            break;
        }
        if (in.positioned) in.off += static_cast<std::int64_t>(*put);
        if (out.positioned) out.off += static_cast<std::int64_t>(*put);
        done += *put;
        if (*put < *got) {
            // The reader moved past what was written: give the rest back.
            if (!in.positioned) (void)in.file->seek(-static_cast<std::int64_t>(*got - *put), LX_SEEK_CUR);
            break;
        }
        if (*got < want) break;
    }
    if (done == 0 && failure) return failure;
    return done;
}

}  // namespace

Result<std::size_t> sendfile(int out_fd, int in_fd, std::int64_t* offset, std::size_t count) {
    End in = TRY(open_end(in_fd, offset, false));
    End out = TRY(open_end(out_fd, nullptr, true));
    if (out.file->flags() & LX_O_APPEND) return LX_EINVAL;
    std::size_t n = TRY(copy(in, out, count));
    if (offset) TRY(copy_out(offset, in.off));
    return n;
}

Result<std::size_t> copy_file_range(int in_fd, std::int64_t* in_off, int out_fd, std::int64_t* out_off,
                                    std::size_t len, unsigned flags) {
    if (flags != 0) return LX_EINVAL;
    End in = TRY(open_end(in_fd, in_off, false));
    End out = TRY(open_end(out_fd, out_off, true));
    if (out.file->flags() & LX_O_APPEND) return LX_EBADF;
    if (!in.file->vnode()->is_regular() || !out.file->vnode()->is_regular())
        return in.file->vnode()->is_dir() || out.file->vnode()->is_dir() ? LX_EISDIR : LX_EINVAL;
    // Linux's checks, in its order: the output offset below the largest
    // file size (the copy trimmed to end there), the copy cut at the input's
    // end, and no overlap when both ends are one file.
    std::int64_t a = in.positioned ? in.off : TRY(in.file->seek(0, LX_SEEK_CUR));
    std::int64_t b = out.positioned ? out.off : TRY(out.file->seek(0, LX_SEEK_CUR));
    auto count = static_cast<std::int64_t>(len > kMaxRw ? kMaxRw : len);
    if (b >= LX_MAX_LFS_FILESIZE) return LX_EFBIG;
    count = std::min(count, LX_MAX_LFS_FILESIZE - b);
    std::int64_t in_size = in.file->vnode()->getattr().size;
    count = a >= in_size ? 0 : std::min(count, in_size - a);
    if (in.file->vnode() == out.file->vnode() && b + count > a && b < a + count) return LX_EINVAL;
    std::size_t n = TRY(copy(in, out, static_cast<std::size_t>(count)));
    if (in_off) TRY(copy_out(in_off, in.off));
    if (out_off) TRY(copy_out(out_off, out.off));
    return n;
}

}  // namespace ukp::sys
