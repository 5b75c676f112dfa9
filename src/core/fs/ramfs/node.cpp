// Attributes shared by every ramfs node, and the superblock.
#include <algorithm>

#include "core/base/time.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/ipc/fifo.hpp"
#include "core/vfs/device.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::ramfs {

Node::Node(Sb& sb, std::uint32_t mode, const vfs::Cred& cred, std::uint64_t rdev)
    : vfs::Vnode(sb, sb.next_ino(), mode & LX_S_IFMT),
      mode_(mode),
      uid_(cred.uid),
      gid_(cred.gid),
      rdev_(rdev),
      link_target_(mem::resource()) {
    atime_ = mtime_ = ctime_ = btime_ = now_timespec();
    sb.count_inode(1);
}

Node::~Node() {
    if (page_count_) ramfs().uncharge_pages(page_count_);
    ramfs().count_inode(-1);
}

Sb& Node::ramfs() const { return static_cast<Sb&>(sb()); }

void Node::add_link(int delta) {
    LockGuard g(lock_);
    nlink_ = static_cast<std::uint32_t>(static_cast<int>(nlink_) + delta);
    ctime_ = now_timespec();
}

void Node::drop_all_links() {
    LockGuard g(lock_);
    nlink_ = 0;
    ctime_ = now_timespec();
}

void Node::touch_ctime() {
    LockGuard g(lock_);
    ctime_ = now_timespec();
}

vfs::Attr Node::getattr() {
    vfs::Attr a;
    a.dev = sb().dev();
    a.ino = ino();
    LockGuard g(lock_);
    a.mode = mode_;
    a.nlink = nlink_;
    a.uid = uid_;
    a.gid = gid_;
    a.rdev = rdev_;
    a.size = is_symlink() ? static_cast<std::int64_t>(link_target_.size()) : size_;
    a.blocks = static_cast<std::int64_t>(page_count_ * (PageTree::kPage / 512));
    if (lower_size_) a.blocks = std::max(a.blocks, (lower_size_ + 511) / 512);  // image bytes count as stored
    a.blksize = PageTree::kPage;
    a.atime = atime_;
    a.mtime = mtime_;
    a.ctime = ctime_;
    a.btime = btime_;
    return a;
}

Result<void> Node::permission(const vfs::Cred& cred, int mask) {
    return vfs::permission(mode_.load(std::memory_order_relaxed), uid_.load(std::memory_order_relaxed),
                           gid_.load(std::memory_order_relaxed), cred, mask);
}

Result<void> Node::setattr(const vfs::SetAttr& s) {
    if (s.mask & vfs::SetAttr::kSize) return is_dir() ? LX_EISDIR : LX_EINVAL;
    LockGuard g(lock_);
    if (s.mask & vfs::SetAttr::kMode) mode_ = (mode_ & LX_S_IFMT) | (s.mode & LX_S_IALLUGO);
    if (s.mask & vfs::SetAttr::kUid) uid_ = s.uid;
    if (s.mask & vfs::SetAttr::kGid) gid_ = s.gid;
    if (s.mask & vfs::SetAttr::kAtime) atime_ = s.atime;
    if (s.mask & vfs::SetAttr::kMtime) mtime_ = s.mtime;
    ctime_ = (s.mask & vfs::SetAttr::kCtime) ? s.ctime : now_timespec();
    return success();
}

Symlink::Symlink(Sb& sb, std::string_view target, const vfs::Cred& cred)
    : Node(sb, LX_S_IFLNK | 0777, cred, 0) {
    link_target_.assign(target);
}

Result<vfs::String> Symlink::readlink() {
    LockGuard g(lock_);
    atime_ = now_timespec();
    return vfs::String(link_target_, mem::resource());
}

Result<Ref<vfs::File>> Special::open(int flags) {
    if (type() == LX_S_IFCHR) return vfs::open_char_device(rdev_, Ref<vfs::Vnode>(this), flags);
    if (type() == LX_S_IFIFO) return ipc::fifo_open(*this, flags);
    // Sockets cannot be opened (ENXIO, as on Linux); devices of other
    // kinds do not exist here.
    return LX_ENXIO;
}

Sb::Sb(std::uint64_t max_bytes, std::uint32_t root_mode, const vfs::Cred& owner, std::string_view type)
    : max_pages_(max_bytes / PageTree::kPage), type_(type, mem::resource()), lower_links_(mem::resource()) {
    root_ = make_ref<Dir>(*this, LX_S_IFDIR | (root_mode & LX_S_IALLUGO), owner, nullptr);
}

lx_statfs Sb::statfs() {
    lx_statfs s{};
    s.f_type = LX_TMPFS_MAGIC;
    s.f_bsize = PageTree::kPage;
    s.f_frsize = PageTree::kPage;
    std::uint64_t used = used_pages_.load(std::memory_order_relaxed);
    s.f_blocks = max_pages_;
    s.f_bfree = s.f_bavail = used < max_pages_ ? max_pages_ - used : 0;
    // tmpfs allows one inode per page of RAM by default; report likewise.
    s.f_files = max_pages_;
    std::int64_t inodes = inodes_.load(std::memory_order_relaxed);
    s.f_ffree = static_cast<std::uint64_t>(inodes) < max_pages_ ? max_pages_ - static_cast<std::uint64_t>(inodes) : 0;
    s.f_fsid[0] = static_cast<std::int32_t>(dev());
    s.f_namelen = LX_NAME_MAX;
    s.f_flags = read_only() ? LX_ST_RDONLY : 0;
    return s;
}

bool Sb::charge_pages(std::uint64_t n) {
    std::uint64_t used = used_pages_.load(std::memory_order_relaxed);
    do {
        if (used + n > max_pages_) return false;
    } while (!used_pages_.compare_exchange_weak(used, used + n, std::memory_order_relaxed));
    return true;
}

void Sb::uncharge_pages(std::uint64_t n) { used_pages_.fetch_sub(n, std::memory_order_relaxed); }

Ref<Sb> make(std::uint64_t max_bytes, std::uint32_t root_mode, const vfs::Cred& owner) {
    return make_ref<Sb>(max_bytes, root_mode, owner);
}

}  // namespace ukp::ramfs
