// hostfs directories: one host call per operation, on one name component
// relative to this directory's handle.
#include "core/fs/hostfs/hostfs.hpp"
#include "core/fs/hostfs/util.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::hostfs {

Result<Ref<vfs::Vnode>> Node::lookup(std::string_view name) {
    if (!is_dir()) return LX_ENOTDIR;
    CName n(name);
    host::FileStat st;
    // A node already cached for the inode the name shows now pins that
    // inode: one stat instead of open, stat and close.
    TRY(host_result(host::file_stat_at(h_, n.text, &st)));
    if (Ref<Node> known = hostfs().find(st.dev, st.ino); known && known->type() == (st.mode & LX_S_IFMT)) {
        known->refresh(st);
        known->set_parent(this);
        return Ref<vfs::Vnode>(std::move(known));
    }
    host::FileHandle h;
    int r = host::file_lookup(h_, n.text, &h, &st);
    if (out_of_handles(r) && hostfs().reclaim()) r = host::file_lookup(h_, n.text, &h, &st);
    TRY(host_result(r));
    return Ref<vfs::Vnode>(hostfs().intern(h, st, this));
}

Result<Ref<vfs::Vnode>> Node::create(std::string_view name, std::uint32_t mode, const vfs::Cred&,
                                     std::uint64_t) {
    if (!is_dir()) return LX_ENOTDIR;
    TRY(writable());
    const std::uint32_t type = mode & LX_S_IFMT;
    if (type == LX_S_IFCHR || type == LX_S_IFBLK) return LX_EPERM;  // nodev, and unprivileged on the host
    CName n(name);
    host::FileHandle h;
    host::FileStat st;
    // The host user owns what it creates: that shows as the kernel's user.
    TRY(host_result(host::file_create(h_, n.text, mode, &h, &st)));
    return Ref<vfs::Vnode>(hostfs().intern(h, st, this));
}

Result<Ref<vfs::Vnode>> Node::symlink(std::string_view name, std::string_view target, const vfs::Cred&) {
    if (!is_dir()) return LX_ENOTDIR;
    TRY(writable());
    CName n(name);
    vfs::String t(target, mem::resource());  // NUL-terminated copy
    host::FileHandle h;
    host::FileStat st;
    TRY(host_result(host::file_symlink(h_, n.text, t.c_str(), &h, &st)));
    return Ref<vfs::Vnode>(hostfs().intern(h, st, this));
}

Result<void> Node::link(std::string_view name, vfs::Vnode& target) {
    if (!is_dir()) return LX_ENOTDIR;
    TRY(writable());
    // The VFS gives only nodes of this superblock: both ends are in the volume.
    if (&target.sb() != &sb()) return LX_EXDEV;
    CName n(name);
    return host_result(host::file_link(static_cast<Node&>(target).handle(), h_, n.text));
}

Result<void> Node::unlink(std::string_view name, bool dir) {
    if (!is_dir()) return LX_ENOTDIR;
    TRY(writable());
    CName n(name);
    return host_result(host::file_unlink(h_, n.text, dir));
}

Result<void> Node::rename(std::string_view name, vfs::Vnode& new_dir, std::string_view new_name,
                          unsigned flags) {
    if (!is_dir()) return LX_ENOTDIR;
    TRY(writable());
    if (&new_dir.sb() != &sb()) return LX_EXDEV;
    auto& to = static_cast<Node&>(new_dir);
    CName from_name(name), to_name(new_name);
    TRY(host_result(host::file_rename(h_, from_name.text, to.handle(), to_name.text, flags)));
    // A moved directory's ".." is its new parent (and, exchanged, the other one's).
    auto reparent = [&](Node& dir, const char* entry) {
        host::FileHandle h;
        host::FileStat st;
        if (host::file_lookup(dir.handle(), entry, &h, &st) < 0) return;
        host::file_close(h);
        if ((st.mode & LX_S_IFMT) != LX_S_IFDIR) return;
        if (Ref<Node> moved = hostfs().find(st.dev, st.ino)) moved->set_parent(&dir);
    };
    reparent(to, to_name.text);
    if (flags & LX_RENAME_EXCHANGE) reparent(*this, from_name.text);
    return success();
}

Result<void> Node::readdir(std::uint64_t cookie, vfs::DirSink& sink) {
    if (!is_dir()) return LX_ENOTDIR;
    alignas(8) char buf[4096];
    for (;;) {
        std::ptrdiff_t got = host::file_readdir(h_, cookie, buf, sizeof buf);
        if (got < 0) return static_cast<Errno>(-got);
        if (got == 0) return success();
        for (std::ptrdiff_t at = 0; at < got;) {
            const auto* d = reinterpret_cast<const lx_dirent64*>(buf + at);
            std::string_view entry(d->d_name);
            if (!sink.emit(d->d_ino, entry, d->d_type, static_cast<std::uint64_t>(d->d_off)))
                return success();
            cookie = static_cast<std::uint64_t>(d->d_off);
            at += d->d_reclen;
        }
    }
}

Ref<vfs::Vnode> Node::parent() {
    LockGuard g(lock_);
    if (parent_) return Ref<vfs::Vnode>(parent_.get());
    return Ref<vfs::Vnode>(this);
}

}  // namespace ukp::hostfs
