// hostfs nodes: attributes, data and the superblock with its node cache.
#include "core/base/uaccess.hpp"
#include "core/fs/hostfs/hostfs.hpp"
#include "core/fs/hostfs/util.hpp"
#include "core/ipc/fifo.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::hostfs {

Node::Node(Sb& sb, host::FileHandle h, const host::FileStat& st)
    : vfs::Vnode(sb, st.ino, st.mode & LX_S_IFMT), h_(h) {
    for (auto& slot : io_) slot.store(-1, std::memory_order_relaxed);
    refresh(st);
}

Node::~Node() {
    for (auto& slot : io_) host::file_close(slot.load(std::memory_order_relaxed));
    host::file_close(h_);
}

Sb& Node::hostfs() const { return static_cast<Sb&>(sb()); }

void Node::refresh(const host::FileStat& st) {
    mode_.store(st.mode, std::memory_order_relaxed);
    uid_.store(hostfs().uid_in(st.uid), std::memory_order_relaxed);
    gid_.store(hostfs().gid_in(st.gid), std::memory_order_relaxed);
}

void Node::set_parent(Node* dir) {
    // The volume root has no parent inside, even if the host shows it again
    // below itself (a bind mount): its ".." is the mount's business.
    if (!is_dir() || dir == this || hostfs().root().get() == this) return;
    LockGuard g(lock_);
    parent_ = Ref<Node>(dir);
}

Result<void> Node::writable() const {
    if (sb().read_only()) return LX_EROFS;
    return success();
}

vfs::Attr Node::getattr() {
    vfs::Attr a;
    a.dev = sb().dev();
    a.ino = ino();
    host::FileStat st;
    if (host::file_stat(h_, &st) < 0) {
        // The handle pins the inode, so this is a host failure: show what we knew.
        a.mode = mode_.load(std::memory_order_relaxed);
        a.uid = uid_.load(std::memory_order_relaxed);
        a.gid = gid_.load(std::memory_order_relaxed);
        return a;
    }
    refresh(st);
    a.mode = st.mode;
    a.nlink = st.nlink;
    a.uid = hostfs().uid_in(st.uid);
    a.gid = hostfs().gid_in(st.gid);
    a.rdev = st.rdev;
    a.size = st.size;
    a.blocks = st.blocks;
    a.blksize = st.blksize;
    a.atime = to_lx(st.atime);
    a.mtime = to_lx(st.mtime);
    a.ctime = to_lx(st.ctime);
    a.btime = a.ctime;  // the host's birth time needs statx; ctime is the closest
    return a;
}

Result<void> Node::permission(const vfs::Cred& cred, int mask) {
    return vfs::permission(mode_.load(std::memory_order_relaxed), uid_.load(std::memory_order_relaxed),
                           gid_.load(std::memory_order_relaxed), cred, mask);
}

Result<void> Node::setattr(const vfs::SetAttr& s) {
    TRY(writable());
    if (s.mask & vfs::SetAttr::kSize) {
        if (is_dir()) return LX_EISDIR;
        if (!is_regular()) return LX_EINVAL;
        TRY(host_result(host::file_truncate(h_, s.size)));
    }
    host::FileSetAttr h{};
    if (s.mask & vfs::SetAttr::kMode) {
        h.mask |= host::FileSetAttr::kMode;
        h.mode = s.mode & LX_S_IALLUGO;
    }
    if (s.mask & vfs::SetAttr::kUid) {
        h.mask |= host::FileSetAttr::kUid;
        h.uid = hostfs().uid_out(s.uid);
    }
    if (s.mask & vfs::SetAttr::kGid) {
        h.mask |= host::FileSetAttr::kGid;
        h.gid = hostfs().gid_out(s.gid);
    }
    if (s.mask & vfs::SetAttr::kAtime) {
        h.mask |= host::FileSetAttr::kAtime;
        h.atime = {s.atime.tv_sec, s.atime.tv_nsec};
    }
    if (s.mask & vfs::SetAttr::kMtime) {
        h.mask |= host::FileSetAttr::kMtime;
        h.mtime = {s.mtime.tv_sec, s.mtime.tv_nsec};
    }
    // kCtime alone: the host stamps ctime itself on any change.
    if (h.mask) TRY(host_result(host::file_setattr(h_, h)));
    host::FileStat st;
    if (host::file_stat(h_, &st) == 0) refresh(st);
    return success();
}

Result<host::FileHandle> Node::io(IoKind kind) {
    host::FileHandle h = io_[kind].load(std::memory_order_acquire);
    if (h >= 0) return h;
    static constexpr int kFlags[kIoKinds] = {LX_O_RDONLY, LX_O_WRONLY, LX_O_RDWR, LX_O_WRONLY | LX_O_APPEND};
    host::FileHandle fresh;
    int r = host::file_open(h_, kFlags[kind], &fresh);
    if (out_of_handles(r) && hostfs().reclaim()) r = host::file_open(h_, kFlags[kind], &fresh);
    TRY(host_result(r));
    host::FileHandle expected = -1;
    if (io_[kind].compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) return fresh;
    host::file_close(fresh);  // another thread opened it first
    return expected;
}

Result<host::FileHandle> Node::io_for_read() {
    host::FileHandle h = io_[kReadWrite].load(std::memory_order_acquire);
    if (h >= 0) return h;
    return io(kRead);
}

Result<host::FileHandle> Node::io_for_write() {
    host::FileHandle h = io_[kReadWrite].load(std::memory_order_acquire);
    if (h >= 0) return h;
    return io(kWrite);
}

Result<std::size_t> Node::read(std::int64_t off, void* app_buf, std::size_t n) {
    if (is_dir()) return LX_EISDIR;
    if (!is_regular()) return LX_EINVAL;
    TRY(check_app_range(app_buf, n));
    host::FileHandle h = TRY(io_for_read());
    // Straight into the application's buffer: the host turns a bad pointer into EFAULT.
    std::ptrdiff_t got = host::file_read(h, app_buf, n, off);
    if (got < 0) return static_cast<Errno>(-got);
    return static_cast<std::size_t>(got);
}

Result<std::size_t> Node::write(std::int64_t off, const void* app_buf, std::size_t n) {
    if (is_dir()) return LX_EISDIR;
    if (!is_regular()) return LX_EINVAL;
    TRY(writable());
    TRY(check_app_range(app_buf, n));
    // Offset -1: append atomically, which an O_APPEND host handle does.
    host::FileHandle h = TRY(off < 0 ? io(kAppend) : io_for_write());
    std::ptrdiff_t put = host::file_write(h, app_buf, n, off < 0 ? 0 : off);
    if (put < 0) return static_cast<Errno>(-put);
    return static_cast<std::size_t>(put);
}

Result<vfs::String> Node::readlink() {
    if (!is_symlink()) return LX_EINVAL;
    vfs::String target(mem::resource());
    target.resize(LX_PATH_MAX);
    std::ptrdiff_t n = host::file_readlink(h_, target.data(), target.size());
    if (n < 0) return static_cast<Errno>(-n);
    target.resize(static_cast<std::size_t>(n));
    return target;
}

Result<void> Node::fsync() {
    if (!is_regular() && !is_dir()) return success();
    host::FileHandle h = TRY(is_dir() ? io(kRead) : io_for_read());
    return host_result(host::file_sync(h));
}

Result<void> Node::allocate(std::int64_t off, std::int64_t len, bool keep_size) {
    TRY(writable());
    host::FileHandle h = TRY(io_for_write());
    return host_result(host::file_allocate(h, off, len, keep_size));
}

Result<Ref<vfs::File>> Node::open(int flags) {
    switch (type()) {
        case LX_S_IFREG: {
            // Open the host handle now so that the host's own access check
            // answers at open(2), as it would natively.
            const int acc = flags & LX_O_ACCMODE;
            if (acc == LX_O_RDWR) TRY(io(kReadWrite));
            else if (acc == LX_O_WRONLY) TRY(io_for_write());
            else TRY(io_for_read());
            if ((flags & LX_O_APPEND) && acc != LX_O_RDONLY) TRY(io(kAppend));
            break;
        }
        case LX_S_IFDIR:
            TRY(io(kRead));  // the host's read permission on the directory
            break;
        case LX_S_IFIFO:
            return ipc::fifo_open(*this, flags);
        case LX_S_IFSOCK:
            return LX_ENXIO;
        case LX_S_IFCHR:
        case LX_S_IFBLK:
            return LX_EACCES;  // volumes are mounted nodev
        default:
            break;
    }
    return vfs::Vnode::open(flags);
}

Result<std::intptr_t> Node::host_map_handle(bool write) {
    if (!is_regular()) return LX_ENODEV;
    // The mapping holds its own host reference to the file (the host's
    // mmap does), so the handle may close with the node while it is mapped.
    if (write) {
        TRY(writable());
        return TRY(io(kReadWrite));
    }
    return TRY(io_for_read());
}

Sb::Sb(host::FileHandle root, const host::FileStat& st, bool read_only, std::uint32_t uid, std::uint32_t gid)
    : cache_(mem::resource()), uid_(uid), gid_(gid), host_uid_(host::user_id()), host_gid_(host::group_id()) {
    set_read_only(read_only);
    root_ = make_ref<Node>(*this, root, st);
    cache_.emplace(Key{st.dev, st.ino}, root_);
}

lx_statfs Sb::statfs() {
    lx_statfs s{};
    host::FileStatfs h{};
    if (host::file_statfs(root_->handle(), &h) == 0) {
        s.f_type = h.type;
        s.f_bsize = h.bsize;
        s.f_frsize = h.frsize;
        s.f_blocks = h.blocks;
        s.f_bfree = h.bfree;
        s.f_bavail = h.bavail;
        s.f_files = h.files;
        s.f_ffree = h.ffree;
        s.f_namelen = h.namelen;
    }
    s.f_fsid[0] = static_cast<std::int32_t>(dev());
    s.f_flags = LX_ST_NODEV | (read_only() ? LX_ST_RDONLY : 0);
    return s;
}

Ref<Node> Sb::find(std::uint64_t dev, std::uint64_t ino) {
    LockGuard g(cache_lock_);
    auto it = cache_.find(Key{dev, ino});
    return it == cache_.end() ? Ref<Node>() : it->second;
}

Ref<Node> Sb::intern(host::FileHandle h, const host::FileStat& st, Node* parent) {
    Ref<Node> node;
    bool fresh = false;
    {
        LockGuard g(cache_lock_);
        auto it = cache_.find(Key{st.dev, st.ino});
        if (it != cache_.end() && (it->second->type() == (st.mode & LX_S_IFMT))) {
            node = it->second;
        } else {
            if (cache_.size() >= sweep_at_) sweep_locked();
            node = make_ref<Node>(*this, h, st);
            cache_.insert_or_assign(Key{st.dev, st.ino}, node);
            fresh = true;
        }
    }
    if (!fresh) {
        host::file_close(h);
        node->refresh(st);
    }
    if (parent) node->set_parent(parent);
    return node;
}

void Sb::sweep_locked() {
    for (auto it = cache_.begin(); it != cache_.end();) {
        // Only the cache holds it: nothing can find it but through this lock.
        if (it->second->ref_count() == 1 && it->second != root_)
            it = cache_.erase(it);
        else
            ++it;
    }
    sweep_at_ = cache_.size() * 2 > kSweepMin ? cache_.size() * 2 : kSweepMin;
}

bool Sb::reclaim() {
    LockGuard g(cache_lock_);
    std::size_t before = cache_.size();
    sweep_locked();
    return cache_.size() < before;
}

Result<Ref<Sb>> make(const char* host_path, bool read_only, std::uint32_t uid, std::uint32_t gid) {
    host::FileHandle h;
    host::FileStat st;
    TRY(host_result(host::file_open_root(host_path, &h, &st)));
    if ((st.mode & LX_S_IFMT) != LX_S_IFDIR) {
        host::file_close(h);
        return LX_ENOTDIR;
    }
    return make_ref<Sb>(h, st, read_only, uid, gid);
}

}  // namespace ukp::hostfs
