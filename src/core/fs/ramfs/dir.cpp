// Directories: the namespace of ramfs. Every change runs under the
// superblock's namespace lock held exclusively.
#include "core/base/time.hpp"
#include "core/fs/ramfs/ramfs.hpp"

namespace ukp::ramfs {

Dir::Dir(Sb& sb, std::uint32_t mode, const vfs::Cred& cred, Dir* parent)
    : Node(sb, mode, cred, 0),
      parent_(parent),
      entries_(mem::resource()),
      by_name_(mem::resource()) {
    nlink_ = 2;
}

Node* Dir::find_locked(std::string_view name) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return nullptr;
    return entries_.find(it->second)->second.node.get();
}

void Dir::insert_locked(std::string_view name, Ref<Node> node) {
    std::uint64_t cookie = next_cookie_++;
    auto [it, inserted] = entries_.emplace(cookie, Entry{vfs::String(name, mem::resource()), std::move(node)});
    UKP_ASSERT(inserted, "directory cookies are unique");
    by_name_.emplace(std::string_view(it->second.name), cookie);
}

Ref<Node> Dir::erase_locked(std::string_view name) {
    auto it = by_name_.find(name);
    UKP_ASSERT(it != by_name_.end(), "erased names exist");
    auto entry = entries_.find(it->second);
    Ref<Node> node = std::move(entry->second.node);
    by_name_.erase(it);
    entries_.erase(entry);
    return node;
}

bool Dir::is_ancestor_of_locked(const Dir* d) const {
    for (; d; d = d->parent_.get())
        if (d == this) return true;
    return false;
}

void Dir::touch_dir_locked() {
    LockGuard g(lock_);
    mtime_ = ctime_ = now_timespec();
}

Result<void> Dir::check_name_free(std::string_view name) {
    if (nlink_ == 0) return LX_ENOENT;  // removed while someone was inside
    if (find_locked(name)) return LX_EEXIST;
    return success();
}

Ref<vfs::Vnode> Dir::parent() {
    SharedGuard g(ramfs().ns_lock());
    if (parent_) return Ref<vfs::Vnode>(parent_.get());
    return Ref<vfs::Vnode>(this);
}

vfs::Attr Dir::getattr() {
    vfs::Attr a = Node::getattr();
    // tmpfs reports 20 bytes per entry, "." and ".." included.
    SharedGuard g(ramfs().ns_lock());
    a.size = static_cast<std::int64_t>((entry_count_locked() + 2) * 20);
    return a;
}

Result<Ref<vfs::Vnode>> Dir::lookup(std::string_view name) {
    fill();
    SharedGuard g(ramfs().ns_lock());
    Node* n = find_locked(name);
    if (!n) return LX_ENOENT;
    return Ref<vfs::Vnode>(n);
}

Result<Ref<vfs::Vnode>> Dir::create(std::string_view name, std::uint32_t mode, const vfs::Cred& cred,
                                    std::uint64_t rdev) {
    fill();
    LockGuard g(ramfs().ns_lock());
    TRY(check_name_free(name));
    std::uint32_t type = mode & LX_S_IFMT;
    vfs::Cred owner = owner_for(cred, mode);
    Ref<Node> node;
    switch (type) {
        case LX_S_IFREG: node = make_ref<Regular>(ramfs(), mode, owner, 0); break;
        case LX_S_IFDIR:
            node = make_ref<Dir>(ramfs(), mode, owner, this);
            add_link(1);
            break;
        case LX_S_IFIFO:
        case LX_S_IFSOCK:
        case LX_S_IFCHR:
        case LX_S_IFBLK: node = make_ref<Special>(ramfs(), mode, owner, rdev); break;
        default: return LX_EINVAL;
    }
    if (type != LX_S_IFDIR) node->nlink_ = 1;
    insert_locked(name, node);
    touch_dir_locked();
    return Ref<vfs::Vnode>(node);
}

vfs::Cred Dir::owner_for(const vfs::Cred& cred, std::uint32_t& mode) const {
    vfs::Cred owner = cred;
    // A set-group-ID directory hands its group (and, to subdirectories, the bit) down.
    if (mode_ & LX_S_ISGID) {
        owner.gid = gid_;
        if ((mode & LX_S_IFMT) == LX_S_IFDIR) mode |= LX_S_ISGID;
    }
    return owner;
}

Result<Ref<vfs::Vnode>> Dir::create_unnamed(std::uint32_t mode, const vfs::Cred& cred, bool linkable) {
    SharedGuard g(ramfs().ns_lock());
    if (nlink_ == 0) return LX_ENOENT;
    mode = LX_S_IFREG | (mode & LX_S_IALLUGO);
    vfs::Cred owner = owner_for(cred, mode);
    auto node = make_ref<Regular>(ramfs(), mode, owner, 0);
    node->linkable_ = linkable;  // nlink stays 0: no name yet
    return Ref<vfs::Vnode>(node);
}

Result<Ref<vfs::Vnode>> Dir::symlink(std::string_view name, std::string_view target, const vfs::Cred& cred) {
    fill();
    LockGuard g(ramfs().ns_lock());
    TRY(check_name_free(name));
    vfs::Cred owner = cred;
    if (mode_ & LX_S_ISGID) owner.gid = gid_;
    auto node = make_ref<Symlink>(ramfs(), target, owner);
    // The target's bytes count against the size limit like file data.
    node->nlink_ = 1;
    insert_locked(name, node);
    touch_dir_locked();
    return Ref<vfs::Vnode>(node);
}

Result<void> Dir::link(std::string_view name, vfs::Vnode& target) {
    if (&target.sb() != &sb()) return LX_EXDEV;
    if (target.is_dir()) return LX_EPERM;
    auto& node = static_cast<Node&>(target);
    fill();
    LockGuard g(ramfs().ns_lock());
    TRY(check_name_free(name));
    {
        LockGuard ng(node.lock_);
        // Removed files stay nameless; an O_TMPFILE file may get its first name.
        if (node.nlink_ == 0 && !node.linkable_) return LX_ENOENT;
        node.linkable_ = false;
    }
    insert_locked(name, Ref<Node>(&node));
    node.add_link(1);
    touch_dir_locked();
    return success();
}

Result<void> Dir::unlink(std::string_view name, bool dir) {
    Ref<Node> victim;  // dropped after the lock
    fill();
    {
        LockGuard g(ramfs().ns_lock());
        Node* n = find_locked(name);
        if (!n) return LX_ENOENT;
        if (dir) {
            if (!n->is_dir()) return LX_ENOTDIR;
            auto* d = static_cast<Dir*>(n);
            if (d->mount_count.load(std::memory_order_acquire)) return LX_EBUSY;
            if (!d->empty_locked()) return LX_ENOTEMPTY;
        } else if (n->is_dir()) {
            return LX_EISDIR;
        }
        victim = erase_locked(name);
        if (dir) {
            auto* d = static_cast<Dir*>(victim.get());
            // parent_ stays: ".." of a removed directory still leads back, as on Linux.
            d->drop_all_links();
            LockGuard ng(lock_);
            --nlink_;
        } else {
            victim->add_link(-1);
        }
        touch_dir_locked();
    }
    return success();
}

Result<void> Dir::rename(std::string_view name, vfs::Vnode& new_dir_vnode, std::string_view new_name,
                         unsigned flags) {
    if (&new_dir_vnode.sb() != &sb()) return LX_EXDEV;
    if (!new_dir_vnode.is_dir()) return LX_ENOTDIR;
    auto& to = static_cast<Dir&>(new_dir_vnode);
    Ref<Node> replaced;  // dropped after the lock
    fill();
    to.fill();
    LockGuard g(ramfs().ns_lock());
    Node* src = find_locked(name);
    if (!src) return LX_ENOENT;
    if (to.nlink_ == 0) return LX_ENOENT;
    Node* dst = to.find_locked(new_name);
    bool src_dir = src->is_dir();

    if (flags & LX_RENAME_EXCHANGE) {
        if (!dst) return LX_ENOENT;
        if (src == dst) return success();
        bool dst_dir = dst->is_dir();
        if (src_dir && static_cast<Dir*>(src)->is_ancestor_of_locked(&to)) return LX_EINVAL;
        if (dst_dir && static_cast<Dir*>(dst)->is_ancestor_of_locked(this)) return LX_EINVAL;
        Ref<Node> a = erase_locked(name);
        Ref<Node> b = to.erase_locked(new_name);
        insert_locked(name, b);
        to.insert_locked(new_name, a);
        if (this != &to) {
            if (src_dir) static_cast<Dir*>(src)->parent_ = Ref<Dir>(&to);
            if (dst_dir) static_cast<Dir*>(dst)->parent_ = Ref<Dir>(this);
            int moved = (src_dir ? 1 : 0) - (dst_dir ? 1 : 0);
            if (moved) {
                add_link(-moved);
                to.add_link(moved);
            }
        }
        src->touch_ctime();
        dst->touch_ctime();
        touch_dir_locked();
        to.touch_dir_locked();
        return success();
    }

    if (dst && (flags & LX_RENAME_NOREPLACE)) return LX_EEXIST;
    // Linux's order: ancestry first, then "same file", kinds, mounts, emptiness.
    if (src_dir && static_cast<Dir*>(src)->is_ancestor_of_locked(&to)) return LX_EINVAL;
    if (dst && dst->is_dir() && static_cast<Dir*>(dst)->is_ancestor_of_locked(this)) return LX_ENOTEMPTY;
    if (src == dst) return success();  // two names of one node: POSIX says do nothing
    if (dst && src_dir && !dst->is_dir()) return LX_ENOTDIR;
    if (dst && !src_dir && dst->is_dir()) return LX_EISDIR;
    if (src->mount_count.load(std::memory_order_acquire) ||
        (dst && dst->mount_count.load(std::memory_order_acquire)))
        return LX_EBUSY;
    if (dst && dst->is_dir() && !static_cast<Dir*>(dst)->empty_locked()) return LX_ENOTEMPTY;

    if (dst) {
        replaced = to.erase_locked(new_name);
        if (replaced->is_dir()) {
            auto* d = static_cast<Dir*>(replaced.get());
            // parent_ stays: ".." of a removed directory still leads back, as on Linux.
            d->drop_all_links();
            to.add_link(-1);
        } else {
            replaced->add_link(-1);
        }
    }
    Ref<Node> moving = erase_locked(name);
    to.insert_locked(new_name, moving);
    if (src_dir && this != &to) {
        static_cast<Dir*>(src)->parent_ = Ref<Dir>(&to);
        add_link(-1);
        to.add_link(1);
    }
    src->touch_ctime();
    touch_dir_locked();
    if (&to != this) to.touch_dir_locked();
    return success();
}

Result<void> Dir::readdir(std::uint64_t cookie, vfs::DirSink& sink) {
    fill();
    SharedGuard g(ramfs().ns_lock());
    if (nlink_ == 0) return LX_ENOENT;  // removed: not even "." and ".." (Linux's IS_DEADDIR)
    if (cookie == 0 && !sink.emit(ino(), ".", LX_DT_DIR, 1)) return success();
    if (cookie <= 1) {
        std::uint64_t up = parent_ ? parent_->ino() : ino();
        if (!sink.emit(up, "..", LX_DT_DIR, kFirstCookie)) return success();
    }
    for (auto it = entries_.lower_bound(cookie < kFirstCookie ? kFirstCookie : cookie); it != entries_.end(); ++it) {
        const Entry& e = it->second;
        if (!sink.emit(e.node->ino(), e.name, lx_dtype(e.node->type()), it->first + 1)) break;
    }
    return success();
}

}  // namespace ukp::ramfs
