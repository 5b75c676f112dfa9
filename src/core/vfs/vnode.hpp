// Vnode: one node of a file system (a file, directory, symlink, device…).
//
// Contract for file systems: every method is thread-safe on its own (the
// file system takes its own locks: see the Superblock's namespace lock);
// names passed in are single components, never empty, "." or "..", and at
// most NAME_MAX bytes. Defaults return what Linux returns for a node that
// cannot do the operation. Data methods copy to and from *application*
// memory with uaccess (bad pointers become EFAULT).
//
// References: directories hold their children; open files, cwd/root and
// path walks hold temporary references. A vnode outlives its last link while
// any reference remains (unlink while open).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/types.hpp"

namespace ukp::mm {
class MappedFile;
}

namespace ukp::vfs {

class File;
class LockState;
class Superblock;

class Vnode : public RefCounted {
public:
    Vnode(Superblock& sb, std::uint64_t ino, std::uint32_t type) : sb_(sb), ino_(ino), type_(type) {}
    ~Vnode() override;

    Superblock& sb() const { return sb_; }
    std::uint64_t ino() const { return ino_; }
    std::uint32_t type() const { return type_; }  // the LX_S_IFMT bits; never change
    bool is_dir() const { return type_ == LX_S_IFDIR; }
    bool is_symlink() const { return type_ == LX_S_IFLNK; }
    bool is_regular() const { return type_ == LX_S_IFREG; }

    virtual Attr getattr() = 0;
    // EACCES unless cred may do `mask` (kMay* bits of perm.hpp) here. The
    // default asks getattr(); file systems on the path-walk hot path answer
    // from the few fields it needs.
    virtual Result<void> permission(const Cred& cred, int mask);
    virtual Result<void> setattr(const SetAttr&) { return LX_EPERM; }

    // ---- directories ----
    virtual Result<Ref<Vnode>> lookup(std::string_view) { return LX_ENOTDIR; }
    // Creates a node of the type in `mode` (regular, directory, fifo, socket,
    // device) owned by cred; EEXIST if the name is taken.
    virtual Result<Ref<Vnode>> create(std::string_view, std::uint32_t /*mode*/, const Cred&,
                                      std::uint64_t /*rdev*/) {
        return is_dir() ? LX_EPERM : LX_ENOTDIR;
    }
    // O_TMPFILE: a regular file with no name yet (nlink 0) on this
    // directory's file system; `linkable` lets linkat(AT_EMPTY_PATH) name it.
    virtual Result<Ref<Vnode>> create_unnamed(std::uint32_t /*mode*/, const Cred&, bool /*linkable*/) {
        return is_dir() ? LX_EOPNOTSUPP : LX_ENOTDIR;
    }
    virtual Result<Ref<Vnode>> symlink(std::string_view, std::string_view /*target*/, const Cred&) {
        return is_dir() ? LX_EPERM : LX_ENOTDIR;
    }
    // Adds another name for `target` (same superblock, not a directory).
    virtual Result<void> link(std::string_view, Vnode& /*target*/) {
        return is_dir() ? LX_EPERM : LX_ENOTDIR;
    }
    // Removes a name; `dir` selects rmdir semantics.
    virtual Result<void> unlink(std::string_view, bool /*dir*/) { return is_dir() ? LX_EPERM : LX_ENOTDIR; }
    // Moves `name` here to `new_dir`/`new_name` (same superblock) with every
    // rename(2) rule, LX_RENAME_NOREPLACE and LX_RENAME_EXCHANGE.
    virtual Result<void> rename(std::string_view, Vnode& /*new_dir*/, std::string_view, unsigned) {
        return is_dir() ? LX_EPERM : LX_ENOTDIR;
    }
    // Emits entries from `cookie` on ("." and ".." included). 0 starts at
    // the beginning; the sink gets each entry's successor cookie. Entries
    // added or removed meanwhile never make others appear twice or vanish.
    virtual Result<void> readdir(std::uint64_t /*cookie*/, DirSink&) { return LX_ENOTDIR; }
    // The directory that holds this one ("..") within the same superblock;
    // the root returns itself.
    virtual Ref<Vnode> parent() { return Ref<Vnode>(this); }

    // ---- data ----
    virtual Result<std::size_t> read(std::int64_t /*off*/, void* /*app_buf*/, std::size_t) {
        return is_dir() ? LX_EISDIR : LX_EINVAL;
    }
    virtual Result<std::size_t> write(std::int64_t /*off*/, const void* /*app_buf*/, std::size_t) {
        return is_dir() ? LX_EISDIR : LX_EINVAL;
    }
    // SEEK_DATA / SEEK_HOLE: the next data (or hole) offset at or after off.
    // Default: all data, one hole at the end.
    virtual Result<std::int64_t> seek_data(std::int64_t off, bool hole);
    // fallocate(2) mode 0 / FALLOC_FL_KEEP_SIZE on a regular file: backs
    // [off, off+len) with (zeroed) storage, ENOSPC if it does not fit, and
    // unless keep_size grows the size to off+len, atomically with writes.
    virtual Result<void> allocate(std::int64_t /*off*/, std::int64_t /*len*/, bool /*keep_size*/) {
        return LX_EOPNOTSUPP;
    }
    virtual Result<String> readlink() { return LX_EINVAL; }
    // A "magic link" (/proc/self/fd/N) lands on what an open file refers to,
    // even once that has no name left: following it should take `out`'s
    // place (File::path(); parent_dir() and name() for its name) instead of
    // walking readlink's text. False for ordinary symlinks.
    virtual bool magic_target(Ref<File>& /*out*/) { return false; }
    virtual Result<void> fsync() { return success(); }

    // Opens this node. The default gives a File that reads and writes
    // through the methods above; devices and special files return their own.
    virtual Result<Ref<File>> open(int flags);

    // How mmap shows this file's pages (core/mm/region_map.hpp); null when
    // the file cannot be mapped (ENODEV), the default.
    virtual mm::MappedFile* mappable() { return nullptr; }
    // Files whose data is a host file (hostfs): the host I/O handle mmap
    // maps directly (host::file_map), whose page cache keeps the mapping
    // coherent with read and write. `write`: for a shared mapping that may
    // be made writable (a read-write handle). ENODEV, the default: not one.
    virtual Result<std::intptr_t> host_map_handle(bool /*write*/) { return LX_ENODEV; }
    // File seals (fcntl F_GET_SEALS / F_ADD_SEALS, LX_F_SEAL_*): files of
    // memory file systems have them; EINVAL, the default: this kind cannot.
    virtual Result<unsigned> seals() { return LX_EINVAL; }
    virtual Result<void> add_seals(unsigned /*seals*/) { return LX_EINVAL; }

    // A private mapping of pages [pgoff, pgoff+pages) that a host file can
    // show as they are (ramfs pages not yet copied from an image): the host
    // handle and the byte offset there. False: map as usual.
    virtual bool private_map_source(std::uint64_t /*pgoff*/, std::uint64_t /*pages*/, std::intptr_t* /*handle*/,
                                    std::int64_t* /*host_offset*/) {
        return false;
    }

    // The kernel object behind a FIFO (its pipe) or a bound AF_UNIX socket
    // node (the socket that listens there), shared by everyone who opens or
    // connects through the node. Set by the IPC layer; any file system's
    // FIFO and socket nodes get it for free.
    Ref<RefCounted> endpoint() {
        LockGuard g(endpoint_lock_);
        return endpoint_;
    }
    // Installs `fresh` if the slot is empty; returns what the slot holds.
    Ref<RefCounted> endpoint_or(Ref<RefCounted> fresh) {
        LockGuard g(endpoint_lock_);
        if (!endpoint_) endpoint_ = std::move(fresh);
        return endpoint_;
    }
    // Empties the slot if it still holds `e` (a socket that closes).
    void clear_endpoint(const RefCounted* e) {
        LockGuard g(endpoint_lock_);
        if (endpoint_.get() == e) endpoint_ = nullptr;
    }

    // Bumped while something is mounted on this vnode, so that the path walk
    // only searches the mount table for nodes that have mounts.
    std::atomic<std::uint32_t> mount_count{0};

    // File locks (core/vfs/lock.hpp): made on the first lock request, so a
    // vnode that is never locked keeps a null pointer and close pays a load.
    std::atomic<LockState*> lock_state{nullptr};

private:
    Mutex endpoint_lock_;
    Ref<RefCounted> endpoint_;
    Superblock& sb_;
    const std::uint64_t ino_;
    const std::uint32_t type_;
};

}  // namespace ukp::vfs
