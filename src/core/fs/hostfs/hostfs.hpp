// hostfs: a host directory mounted at a path inside the kernel (docker -v).
//
// The kernel's VFS resolves every path, symlink and ".." itself; hostfs only
// ever asks the host for one name in a directory it holds a handle to
// (host.hpp "host files"), so nothing the application writes can make the
// host walk out of the volume: an absolute symlink is followed in the
// kernel's namespace, ".." at the volume root leaves through the mount like
// any mount, a racing swap of a name for a symlink is refused by the host
// (openat2 RESOLVE_NO_SYMLINKS on Linux).
//
// Nodes: one Node per host inode while referenced, found through the
// superblock's cache (so file locks, mount points and ".." see one vnode
// per file). A node pins its host inode with a reference handle (O_PATH on
// Linux) and opens I/O handles on first use, one per access kind, kept
// until the node goes. Directories keep a Ref to the directory they were
// last found in: their "..".
//
// Ownership: files the host user of this process owns appear owned by the
// kernel's configured uid/gid; others keep their host ids. The kernel checks
// permissions with those ids, and the host still checks its own (its EACCES
// comes back as EACCES). Read-only volumes answer EROFS to every change.
//
// Locking: the cache lock (Sb) guards the cache; each node's Mutex guards
// its parent link. Host calls never run under the cache lock, except closing
// handles of evicted nodes (which does not block).
//
// mmap: regular files are mapped by the host from a node's I/O handle
// (host_map_handle; core/mm's host-backed regions), so the host's page
// cache makes MAP_SHARED coherent with read/write and msync is the host's.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory_resource>
#include <string_view>
#include <unordered_map>

#include "core/base/lock.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/vnode.hpp"
#include "host/host.hpp"

namespace ukp {
struct Config;
namespace vfs {
class MountTable;
struct PathRef;
}  // namespace vfs
}  // namespace ukp

namespace ukp::hostfs {

class Sb;

class Node final : public vfs::Vnode {
public:
    Node(Sb& sb, host::FileHandle h, const host::FileStat& st);
    ~Node() override;

    host::FileHandle handle() const { return h_; }
    Sb& hostfs() const;

    vfs::Attr getattr() override;
    Result<void> permission(const vfs::Cred& cred, int mask) override;
    Result<void> setattr(const vfs::SetAttr&) override;

    Result<Ref<vfs::Vnode>> lookup(std::string_view name) override;
    Result<Ref<vfs::Vnode>> create(std::string_view name, std::uint32_t mode, const vfs::Cred& cred,
                                   std::uint64_t rdev) override;
    Result<Ref<vfs::Vnode>> symlink(std::string_view name, std::string_view target,
                                    const vfs::Cred& cred) override;
    Result<void> link(std::string_view name, vfs::Vnode& target) override;
    Result<void> unlink(std::string_view name, bool dir) override;
    Result<void> rename(std::string_view name, vfs::Vnode& new_dir, std::string_view new_name,
                        unsigned flags) override;
    Result<void> readdir(std::uint64_t cookie, vfs::DirSink& sink) override;
    Ref<vfs::Vnode> parent() override;

    Result<std::size_t> read(std::int64_t off, void* app_buf, std::size_t n) override;
    Result<std::size_t> write(std::int64_t off, const void* app_buf, std::size_t n) override;
    Result<vfs::String> readlink() override;
    Result<void> fsync() override;
    Result<void> allocate(std::int64_t off, std::int64_t len, bool keep_size) override;
    Result<Ref<vfs::File>> open(int flags) override;
    Result<std::intptr_t> host_map_handle(bool write) override;

    // Called by the cache with fresh host attributes (a lookup found it again).
    void refresh(const host::FileStat& st);
    void set_parent(Node* dir);

private:
    // I/O handles by kind; opened on first use, closed with the node.
    enum IoKind { kRead, kWrite, kReadWrite, kAppend, kIoKinds };
    Result<host::FileHandle> io(IoKind kind);
    Result<host::FileHandle> io_for_read();
    Result<host::FileHandle> io_for_write();
    Result<void> writable() const;

    const host::FileHandle h_;
    std::atomic<host::FileHandle> io_[kIoKinds];
    // Mapped ids and mode for permission checks on the path walk; updated
    // by getattr and lookups.
    std::atomic<std::uint32_t> mode_, uid_, gid_;
    Mutex lock_;
    Ref<Node> parent_;  // directories; null at the volume root
};

class Sb final : public vfs::Superblock {
public:
    // Takes the root's handle. uid/gid: the kernel's user, shown for files
    // the host user owns.
    Sb(host::FileHandle root, const host::FileStat& st, bool read_only, std::uint32_t uid, std::uint32_t gid);
    std::string_view fs_type() const override { return "hostfs"; }
    Ref<vfs::Vnode> root() override { return Ref<vfs::Vnode>(root_); }
    lx_statfs statfs() override;

    // The node for a handle just opened: the cached one for its inode (the
    // handle is then closed), else a new node that takes the handle.
    Ref<Node> intern(host::FileHandle h, const host::FileStat& st, Node* parent);
    // The cached node for an inode, if any.
    Ref<Node> find(std::uint64_t dev, std::uint64_t ino);
    // The host ran out of descriptors (EMFILE/ENFILE): drops the nodes
    // nobody references. True if it freed any, so the caller may retry.
    bool reclaim();

    // Host ids <-> the kernel's, for the host user of this process.
    std::uint32_t uid_in(std::uint32_t host_uid) const { return host_uid == host_uid_ ? uid_ : host_uid; }
    std::uint32_t gid_in(std::uint32_t host_gid) const { return host_gid == host_gid_ ? gid_ : host_gid; }
    std::uint32_t uid_out(std::uint32_t uid) const { return uid == uid_ ? host_uid_ : uid; }
    std::uint32_t gid_out(std::uint32_t gid) const { return gid == gid_ ? host_gid_ : gid; }

private:
    struct Key {
        std::uint64_t dev, ino;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const { return k.ino * 0x9e3779b97f4a7c15ull ^ k.dev; }
    };
    void sweep_locked();

    Mutex cache_lock_;
    // Strong references; a sweep drops the nodes only the cache still holds
    // (none can be found again meanwhile: finding goes through this lock).
    std::pmr::unordered_map<Key, Ref<Node>, KeyHash> cache_;
    std::size_t sweep_at_ = kSweepMin;
    static constexpr std::size_t kSweepMin = 128;
    Ref<Node> root_;
    std::uint32_t uid_, gid_, host_uid_, host_gid_;
};

// Opens the host directory `host_path` as a file system; ENOENT/ENOTDIR/
// EACCES from the host.
Result<Ref<Sb>> make(const char* host_path, bool read_only, std::uint32_t uid, std::uint32_t gid);

// Mounts every volume of the configuration (boot): guest directories that
// are missing are made (mkdir -p, owned by `owner`); a volume whose host
// directory cannot be opened is logged and skipped.
void mount_volumes(const Config& cfg, vfs::MountTable& mounts, const vfs::PathRef& root,
                   const vfs::Cred& owner);

}  // namespace ukp::hostfs
