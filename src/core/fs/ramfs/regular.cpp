// Regular file data: sparse pages in a PageTree.
#include <algorithm>
#include <cstring>

#include "core/base/time.hpp"
#include "core/base/uaccess.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/kernel/kernel.hpp"

namespace ukp::ramfs {
namespace {

constexpr std::int64_t kPage = PageTree::kPage;
constexpr std::int64_t kMaxSize = static_cast<std::int64_t>(PageTree::kMaxPages) * kPage;
alignas(64) const char kZeros[PageTree::kPage] = {};

// Linux's relatime: update atime only if it is not newer than mtime/ctime or
// is a day old, so reads rarely write.
bool relatime_due(const lx_timespec& atime, const lx_timespec& mtime, const lx_timespec& ctime,
                  const lx_timespec& now) {
    return atime <= mtime || atime <= ctime || now.tv_sec - atime.tv_sec >= 24 * 3600;
}

// Bytes from p to the end of its page: an application buffer faults at
// page granularity, so a failed copy may still have a good prefix.
std::size_t bytes_before_next_page(const void* p) {
    return static_cast<std::size_t>(kPage) - reinterpret_cast<std::uintptr_t>(p) % static_cast<std::size_t>(kPage);
}

}  // namespace

Result<std::size_t> Regular::read(std::int64_t off, void* app_buf, std::size_t n) {
    if (off < 0) return LX_EINVAL;
    LockGuard g(lock_);
    if (off >= size_ || n == 0) {
        return std::size_t{0};
    }
    std::size_t want = static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(n), size_ - off));
    std::size_t done = 0;
    auto* dst = static_cast<char*>(app_buf);
    while (done < want) {
        std::int64_t pos = off + static_cast<std::int64_t>(done);
        std::size_t in_page = static_cast<std::size_t>(pos % kPage);
        std::size_t chunk = std::min(want - done, static_cast<std::size_t>(kPage) - in_page);
        const char* page = pages_.find(static_cast<std::uint64_t>(pos / kPage));
        const char* src = page ? page + in_page : kZeros;
        if (!page && pos < lower_size_) {  // not written since it came from the image
            src = reinterpret_cast<const char*>(lower_) + pos;
            chunk = std::min(chunk, static_cast<std::size_t>(lower_size_ - pos));
        }
        if (!copy_to_app(dst + done, src, chunk).ok()) {
            // Linux stops at the faulting page: keep what lies before it.
            std::size_t before = bytes_before_next_page(dst + done);
            if (before < chunk && copy_to_app(dst + done, src, before).ok()) done += before;
            if (done == 0) return LX_EFAULT;
            break;
        }
        done += chunk;
    }
    lx_timespec now = now_timespec();
    if (relatime_due(atime_, mtime_, ctime_, now)) atime_ = now;
    return done;
}

Result<std::size_t> Regular::write(std::int64_t off, const void* app_buf, std::size_t n) {
    LockGuard g(lock_);
    if (off == -1) off = size_;  // O_APPEND: at the end, atomically
    if (off < 0) return LX_EINVAL;
    if (n == 0) return std::size_t{0};
    if (off >= kMaxSize) return LX_EFBIG;
    if (static_cast<std::int64_t>(n) > kMaxSize - off) n = static_cast<std::size_t>(kMaxSize - off);
    if (seals_ & (LX_F_SEAL_WRITE | LX_F_SEAL_FUTURE_WRITE)) return LX_EPERM;
    if ((seals_ & LX_F_SEAL_GROW) && off + static_cast<std::int64_t>(n) > size_) return LX_EPERM;
    std::size_t done = 0;
    const auto* src = static_cast<const char*>(app_buf);
    Errno failure{};
    while (done < n) {
        std::int64_t pos = off + static_cast<std::int64_t>(done);
        std::size_t in_page = static_cast<std::size_t>(pos % kPage);
        std::size_t chunk = std::min(n - done, static_cast<std::size_t>(kPage) - in_page);
        auto index = static_cast<std::uint64_t>(pos / kPage);
        Result<char*> page_or = page_locked(index);
        if (!page_or.ok()) {
            failure = page_or.error();
            break;
        }
        char* page = *page_or;
        if (!copy_from_app(page + in_page, src + done, chunk).ok()) {
            std::size_t before = bytes_before_next_page(src + done);
            if (before < chunk && copy_from_app(page + in_page, src + done, before).ok()) done += before;
            failure = LX_EFAULT;
            break;
        }
        done += chunk;
    }
    if (done == 0) return failure ? failure : LX_EIO;
    std::int64_t end = off + static_cast<std::int64_t>(done);
    if (end > size_) {
        std::uint64_t old_valid = valid_pages_locked();
        size_ = end;
        mappings_resized_locked(old_valid, valid_pages_locked());
    }
    mtime_ = ctime_ = now_timespec();
    // Writing drops set-user-ID (and group-exec set-group-ID) unless root
    // writes, as Linux does (CAP_FSETID).
    if ((mode_ & LX_S_ISUID || (mode_ & (LX_S_ISGID | 010)) == (LX_S_ISGID | 010)) && current().cred().uid != 0)
        mode_ &= ~(LX_S_ISUID | LX_S_ISGID);
    return done;
}

Result<void> Regular::check_size_seals_locked(std::int64_t new_size) const {
    if ((seals_ & LX_F_SEAL_SHRINK) && new_size < size_) return LX_EPERM;
    if ((seals_ & LX_F_SEAL_GROW) && new_size > size_) return LX_EPERM;
    return success();
}

Result<void> Regular::truncate_locked(std::int64_t size) {
    if (size < 0) return LX_EINVAL;
    TRY(check_size_seals_locked(size));
    std::uint64_t old_valid = valid_pages_locked();
    std::int64_t old_size = size_;
    size_ = size;
    lower_size_ = std::min(lower_size_, size);  // what was cut reads as zeros if the file grows
    // Mappings first: pages past the new end raise SIGBUS before they are freed.
    mappings_resized_locked(old_valid, valid_pages_locked());
    // Any size tmpfs allows (up to 2^63-1): past the page tree it is all hole.
    if (size < old_size) {
        auto first_dropped = static_cast<std::uint64_t>(size / kPage + (size % kPage != 0));
        std::uint64_t freed = pages_.drop_from(first_dropped);
        page_count_ -= freed;
        ramfs().uncharge_pages(freed);
        // The kept part of the last page must read as zeros if the file grows again.
        if (size % kPage) {
            if (char* page = pages_.find(static_cast<std::uint64_t>(size / kPage)))
                std::memset(page + size % kPage, 0, static_cast<std::size_t>(kPage - size % kPage));
        }
    }
    return success();
}

Result<void> Regular::setattr(const vfs::SetAttr& s) {
    if (s.mask & vfs::SetAttr::kMode) {
        LockGuard g(lock_);
        if ((seals_ & LX_F_SEAL_EXEC) && ((s.mode ^ mode_) & 0111)) return LX_EPERM;
    }
    if (!(s.mask & vfs::SetAttr::kSize)) return Node::setattr(s);
    {
        LockGuard g(lock_);
        TRY(truncate_locked(s.size));
        mtime_ = ctime_ = now_timespec();
    }
    vfs::SetAttr rest = s;
    rest.mask &= ~vfs::SetAttr::kSize;
    if (rest.mask) return Node::setattr(rest);
    return success();
}

std::uint64_t Regular::valid_pages_locked() const {
    return static_cast<std::uint64_t>(size_ / kPage + (size_ % kPage != 0));
}

std::uint64_t Regular::map_valid_pages_locked() { return valid_pages_locked(); }

Result<char*> Regular::page_locked(std::uint64_t index) {
    if (char* page = pages_.find(index)) return page;
    if (!ramfs().charge_pages(1)) return LX_ENOSPC;
    bool created;
    char* page = pages_.get_or_create(index, &created);
    if (!page) {  // the arena itself is full: the same answer as a full file system
        ramfs().uncharge_pages(1);
        return LX_ENOSPC;
    }
    ++page_count_;
    if (!copy_lower_locked(index, page)) return LX_EIO;
    return page;
}

char* Regular::map_page_locked(std::uint64_t index) {
    Result<char*> page = page_locked(index);
    return page.ok() ? *page : nullptr;
}

Result<std::int64_t> Regular::seek_data(std::int64_t off, bool hole) {
    LockGuard g(lock_);
    if (off < 0 || off >= size_) return LX_ENXIO;
    // The image's bytes are all data.
    if (off < lower_size_) {
        if (!hole) return off;
        off = lower_size_;
        if (off >= size_) return size_;
    }
    std::uint64_t index = pages_.next(static_cast<std::uint64_t>(off / kPage), !hole);
    std::int64_t at = static_cast<std::int64_t>(std::min<std::uint64_t>(index, static_cast<std::uint64_t>(kMaxSize / kPage))) * kPage;
    if (at < off) at = off;  // within the page we started in
    if (hole) return std::min(at, size_);  // the end of the file counts as a hole
    if (at >= size_) return LX_ENXIO;
    return at;
}

}  // namespace ukp::ramfs

namespace ukp::ramfs {

Result<void> Regular::allocate(std::int64_t off, std::int64_t len, bool keep_size) {
    LockGuard g(lock_);
    if (off + len > kMaxSize) return LX_EFBIG;
    if ((seals_ & LX_F_SEAL_GROW) && off + len > size_) return LX_EPERM;
    auto first = static_cast<std::uint64_t>(off / kPage);
    auto last = static_cast<std::uint64_t>((off + len - 1) / kPage);
    // Charge every hole in the range at once, so ENOSPC leaves nothing behind.
    std::uint64_t missing = last - first + 1;
    for (std::uint64_t i = pages_.next(first, true); i <= last; i = pages_.next(i + 1, true)) --missing;
    if (missing && !ramfs().charge_pages(missing)) return LX_ENOSPC;
    for (std::uint64_t i = first; i <= last; ++i) {
        bool created;
        char* page = pages_.get_or_create(i, &created);
        if (!page) {
            // Arena full: give back the charge for the pages not made.
            ramfs().uncharge_pages(missing);
            return LX_ENOSPC;
        }
        if (created) {
            ++page_count_;
            --missing;
            if (!copy_lower_locked(i, page)) {
                ramfs().uncharge_pages(missing);
                return LX_EIO;
            }
        }
    }
    if (!keep_size && off + len > size_) {
        std::uint64_t old_valid = valid_pages_locked();
        size_ = off + len;
        mappings_resized_locked(old_valid, valid_pages_locked());
    }
    ctime_ = now_timespec();
    return success();
}

}  // namespace ukp::ramfs
