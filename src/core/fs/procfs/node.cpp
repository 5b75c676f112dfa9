#include "core/fs/procfs/node.hpp"

#include "core/base/time.hpp"
#include "core/base/uaccess.hpp"
#include "core/kernel/kernel.hpp"

namespace ukp::procfs {

Sb::Sb() = default;

Ref<vfs::Vnode> Sb::root() { return root_; }

lx_statfs Sb::statfs() {
    lx_statfs s{};
    s.f_type = LX_PROC_SUPER_MAGIC;
    s.f_bsize = 4096;
    s.f_frsize = 4096;
    s.f_namelen = 255;
    s.f_fsid[0] = static_cast<std::int32_t>(dev());
    return s;
}

Node::Node(Sb& sb, std::uint64_t ino, std::uint32_t mode, bool per_process)
    : vfs::Vnode(sb, ino, mode & LX_S_IFMT), mode_(mode), per_process_(per_process), made_(now_timespec()) {}

vfs::Attr Node::getattr() {
    vfs::Attr a;
    a.dev = sb().dev();
    a.ino = ino();
    a.mode = mode_;
    a.nlink = 1;
    if (per_process_) {
        vfs::Cred c = current().cred();
        a.uid = c.uid;
        a.gid = c.gid;
    }
    a.blksize = 1024;
    a.atime = a.mtime = a.ctime = made_;
    fill(a);
    return a;
}

Ref<vfs::Vnode> Node::parent() { return Ref<vfs::Vnode>(parent_ ? parent_ : this); }

bool DirBase::emit_dots(std::uint64_t cookie, vfs::DirSink& sink) {
    if (cookie == 0 && !sink.emit(ino(), ".", LX_DT_DIR, 1)) return false;
    if (cookie <= 1 && !sink.emit(parent()->ino(), "..", LX_DT_DIR, kFirstCookie)) return false;
    return true;
}

void Dir::add(std::string_view name, Ref<Node> child) {
    child->set_parent(this);
    entries_.push_back(Entry{vfs::String(name, mem::resource()), std::move(child)});
}

Result<Ref<vfs::Vnode>> Dir::lookup(std::string_view name) {
    for (const Entry& e : entries_)
        if (e.name == name) return Ref<vfs::Vnode>(e.node);
    return LX_ENOENT;
}

Result<void> Dir::readdir(std::uint64_t cookie, vfs::DirSink& sink) {
    if (!emit_dots(cookie, sink)) return success();
    std::uint64_t first = cookie < kFirstCookie ? 0 : cookie - kFirstCookie;
    for (std::uint64_t i = first; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        if (!sink.emit(e.node->ino(), e.name, lx_dtype(e.node->type()), kFirstCookie + i + 1)) break;
    }
    return success();
}

void Dir::fill(vfs::Attr& a) {
    a.nlink = 2;
    for (const Entry& e : entries_)
        if (e.node->is_dir()) ++a.nlink;
}

Result<Ref<vfs::File>> TextNode::open(int flags) {
    vfs::String text(mem::resource());
    TRY(gen_(text));
    return Ref<vfs::File>(make_ref<SnapshotFile>(Ref<vfs::Vnode>(this), flags, std::move(text)));
}

Result<std::size_t> SnapshotFile::read_at(void* buf, std::size_t n, std::int64_t off) {
    auto size = static_cast<std::int64_t>(text_.size());
    if (off >= size) return std::size_t{0};
    std::size_t left = static_cast<std::size_t>(size - off);
    std::size_t take = n < left ? n : left;
    TRY(copy_to_app(buf, text_.data() + off, take));
    return take;
}

Result<std::size_t> SnapshotFile::read(void* buf, std::size_t n) {
    LockGuard g(pos_lock_);
    std::size_t got = TRY(read_at(buf, n, pos_));
    pos_ += static_cast<std::int64_t>(got);
    return got;
}

Result<std::size_t> SnapshotFile::pread(void* buf, std::size_t n, std::int64_t off) {
    if (off < 0) return LX_EINVAL;
    return read_at(buf, n, off);
}

Result<std::int64_t> SnapshotFile::seek(std::int64_t off, int whence) {
    LockGuard g(pos_lock_);
    pos_ = TRY(vfs::seek_target(pos_, static_cast<std::int64_t>(text_.size()), off, whence));
    return pos_;
}

}  // namespace ukp::procfs
