// imagefs nodes and superblock: reads from the validated tables.
#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/fs/imagefs/imagefs.hpp"
#include "core/vfs/perm.hpp"
#include "host/host.hpp"

namespace ukp::imagefs {

// Inode numbers: the node index plus one (0 is no inode to readdir users).
static std::uint64_t ino_of(std::uint32_t index) { return std::uint64_t{index} + 1; }

Node::Node(Sb& sb, std::uint32_t index, const format::Node& n)
    : vfs::Vnode(sb, ino_of(index), n.mode & format::kTypeMask), index_(index), n_(n) {}

Sb& Node::image() const { return static_cast<Sb&>(sb()); }

vfs::Attr Node::getattr() {
    vfs::Attr a;
    a.dev = sb().dev();
    a.ino = ino();
    a.mode = n_.mode;
    a.nlink = image().nlink_of(index_);
    a.uid = n_.uid;
    a.gid = n_.gid;
    if (is_dir()) {
        a.size = 4096;  // as a one-block directory on a disk file system
    } else {
        a.size = static_cast<std::int64_t>(n_.b);
        a.blocks = is_regular() ? static_cast<std::int64_t>((n_.b + 511) / 512) : 0;
    }
    a.mtime = {n_.mtime_sec, n_.mtime_nsec};
    a.atime = a.ctime = a.btime = a.mtime;
    return a;
}

Result<void> Node::permission(const vfs::Cred& cred, int mask) {
    return vfs::permission(n_.mode, n_.uid, n_.gid, cred, mask);
}

Result<Ref<vfs::Vnode>> Node::lookup(std::string_view name) {
    if (!is_dir()) return LX_ENOTDIR;
    Sb& s = image();
    // Entries are sorted: binary search.
    std::uint64_t lo = n_.a, hi = n_.a + n_.b;
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        const format::Dirent e = s.dirent_at(mid);
        const std::string_view here = s.string_at(e.name_offset, e.name_len);
        if (here == name) return s.node(e.node);
        if (here < name) lo = mid + 1;
        else hi = mid;
    }
    return LX_ENOENT;
}

// Cookies: 0 ".", 1 "..", 2 + i the i-th stored entry.
Result<void> Node::readdir(std::uint64_t cookie, vfs::DirSink& sink) {
    if (!is_dir()) return LX_ENOTDIR;
    Sb& s = image();
    if (cookie == 0 && !sink.emit(ino(), ".", LX_DT_DIR, 1)) return success();
    if (cookie <= 1 && !sink.emit(ino_of(s.parent_of(index_)), "..", LX_DT_DIR, 2)) return success();
    for (std::uint64_t i = cookie < 2 ? 0 : cookie - 2; i < n_.b; ++i) {
        const format::Dirent e = s.dirent_at(n_.a + i);
        const std::uint32_t type = s.node_at(e.node).mode & format::kTypeMask;
        if (!sink.emit(ino_of(e.node), s.string_at(e.name_offset, e.name_len), lx_dtype(type), i + 3)) break;
    }
    return success();
}

Ref<vfs::Vnode> Node::parent() {
    if (!is_dir()) return Ref<vfs::Vnode>(this);
    return image().node(image().parent_of(index_));
}

Result<std::size_t> Node::read(std::int64_t off, void* app_buf, std::size_t n) {
    if (is_dir()) return LX_EISDIR;
    if (!is_regular()) return LX_EINVAL;
    if (off < 0) return LX_EINVAL;
    const auto at = static_cast<std::uint64_t>(off);
    if (at >= n_.b) return std::size_t{0};
    const std::uint64_t left = n_.b - at;
    const std::size_t take = left < n ? static_cast<std::size_t>(left) : n;
    TRY(copy_to_app(app_buf, image().data(n_.a + at), take));
    return take;
}

Result<vfs::String> Node::readlink() {
    if (!is_symlink()) return LX_EINVAL;
    std::string_view t = image().string_at(n_.a, n_.b);
    return vfs::String(t, mem::resource());
}

Sb::Sb(const unsigned char* bytes, std::uint64_t size, const format::Header& h, Tables tables,
       std::pmr::vector<std::uint32_t> parents, std::pmr::vector<std::uint32_t> nlinks)
    : bytes_(bytes),
      size_(size),
      h_(h),
      tables_(std::move(tables)),
      parents_(std::move(parents)),
      nlinks_(std::move(nlinks)),
      nodes_(h.node_count, mem::resource()) {
    set_read_only(true);
}

Sb::~Sb() {
    nodes_.clear();
    if (owned_) host::file_unmap_readonly(bytes_, size_);
    if (io_ >= 0) host::file_close(io_);
}

bool Sb::host_source(std::uint64_t at, std::intptr_t* io, std::int64_t* host_offset) const {
    const std::uint64_t where = file_offset_ + at;
    if (io_ < 0 || where % format::kDataAlign) return false;
    *io = io_;
    *host_offset = static_cast<std::int64_t>(where);
    return true;
}

Ref<vfs::Vnode> Sb::node(std::uint32_t index) {
    LockGuard g(lock_);
    Ref<Node>& slot = nodes_[index];
    if (!slot) slot = make_ref<Node>(*this, index, node_at(index));
    return Ref<vfs::Vnode>(slot.get());
}

format::Node Sb::node_at(std::uint32_t index) const {
    format::Node n;
    std::memcpy(&n, tables_.bytes.data() + tables_.nodes + std::uint64_t{index} * sizeof n, sizeof n);
    return n;
}

format::Dirent Sb::dirent_at(std::uint64_t index) const {
    format::Dirent d;
    std::memcpy(&d, tables_.bytes.data() + tables_.dirents + index * sizeof d, sizeof d);
    return d;
}

std::string_view Sb::string_at(std::uint64_t offset, std::uint64_t len) const {
    return {reinterpret_cast<const char*>(tables_.bytes.data() + tables_.strings + offset), static_cast<std::size_t>(len)};
}

lx_statfs Sb::statfs() {
    lx_statfs s{};
    s.f_type = 0x554b5049;  // "UKPI": imagefs has no Linux magic of its own
    s.f_bsize = s.f_frsize = 4096;
    s.f_blocks = (size_ + 4095) / 4096;
    s.f_files = h_.node_count;
    s.f_namelen = format::kMaxName;
    s.f_fsid[0] = static_cast<std::int32_t>(dev());
    s.f_flags = LX_ST_RDONLY | LX_ST_NODEV;
    return s;
}

}  // namespace ukp::imagefs
