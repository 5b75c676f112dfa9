// imagefs: a read-only file system served from an image (format.hpp) that
// lies in memory, usually a read-only mapping of a byte range of a host file
// (host.hpp "host file images"): `ukp pack` appends the root tree to the
// program's binary and the kernel reads it from there without copying.
//
// The whole image is validated once, at make(): every offset and length in
// bounds, names well formed and sorted, the directory graph a tree reached
// from the root. After that, lookups and reads trust the tables (a corrupt
// image is an EINVAL at mount, never a crash later).
//
// Nodes: one Vnode per image node, made on first lookup and kept in the
// superblock's table for the life of the mount (the image never changes, so
// there is nothing to refresh or evict). Every change is EROFS.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string_view>
#include <vector>

#include "core/base/lock.hpp"
#include "core/mem/arena.hpp"
#include "core/fs/imagefs/format.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp {
struct Config;
namespace ramfs {
class Sb;
}  // namespace ramfs
namespace vfs {
class MountTable;
struct PathRef;
}  // namespace vfs
}  // namespace ukp

namespace ukp::imagefs {

class Sb;

// The image's node, dirent and string tables, copied into the kernel's
// memory at make() (offsets into `bytes`).
struct Tables {
    std::pmr::vector<unsigned char> bytes{mem::resource()};
    std::uint64_t nodes = 0, dirents = 0, strings = 0;
};

class Node final : public vfs::Vnode {
public:
    Node(Sb& sb, std::uint32_t index, const format::Node& n);

    vfs::Attr getattr() override;
    Result<void> permission(const vfs::Cred& cred, int mask) override;
    Result<void> setattr(const vfs::SetAttr&) override { return LX_EROFS; }

    Result<Ref<vfs::Vnode>> lookup(std::string_view name) override;
    Result<Ref<vfs::Vnode>> create(std::string_view, std::uint32_t, const vfs::Cred&, std::uint64_t) override {
        return is_dir() ? LX_EROFS : LX_ENOTDIR;
    }
    Result<Ref<vfs::Vnode>> create_unnamed(std::uint32_t, const vfs::Cred&, bool) override {
        return is_dir() ? LX_EROFS : LX_ENOTDIR;
    }
    Result<Ref<vfs::Vnode>> symlink(std::string_view, std::string_view, const vfs::Cred&) override {
        return is_dir() ? LX_EROFS : LX_ENOTDIR;
    }
    Result<void> link(std::string_view, vfs::Vnode&) override { return is_dir() ? LX_EROFS : LX_ENOTDIR; }
    Result<void> unlink(std::string_view, bool) override { return is_dir() ? LX_EROFS : LX_ENOTDIR; }
    Result<void> rename(std::string_view, vfs::Vnode&, std::string_view, unsigned) override {
        return is_dir() ? LX_EROFS : LX_ENOTDIR;
    }
    Result<void> readdir(std::uint64_t cookie, vfs::DirSink& sink) override;
    Ref<vfs::Vnode> parent() override;

    Result<std::size_t> read(std::int64_t off, void* app_buf, std::size_t n) override;
    Result<std::size_t> write(std::int64_t, const void*, std::size_t) override {
        return is_dir() ? LX_EISDIR : LX_EROFS;
    }
    Result<void> allocate(std::int64_t, std::int64_t, bool) override { return LX_EROFS; }
    Result<vfs::String> readlink() override;

private:
    Sb& image() const;
    const std::uint32_t index_;
    const format::Node n_;  // a copy: the image may be unaligned in memory
};

class Sb final : public vfs::Superblock {
public:
    // `bytes` must stay valid for the superblock's life. Use make().
    Sb(const unsigned char* bytes, std::uint64_t size, const format::Header& h, Tables tables,
       std::pmr::vector<std::uint32_t> parents, std::pmr::vector<std::uint32_t> nlinks);
    ~Sb() override;
    // The bytes are a host::file_map_readonly mapping of the host file `io`
    // at `file_offset`, both undone with the superblock.
    void own_mapping(std::intptr_t io, std::uint64_t file_offset) {
        owned_ = true;
        io_ = io;
        file_offset_ = file_offset;
    }
    // The host file and byte offset of image offset `at`, if the host can
    // map it there (page aligned in the host file).
    bool host_source(std::uint64_t at, std::intptr_t* io, std::int64_t* host_offset) const;
    std::string_view fs_type() const override { return "imagefs"; }
    Ref<vfs::Vnode> root() override { return node(0); }
    lx_statfs statfs() override;

    // The vnode of node `index` (< node count), made on first use.
    Ref<vfs::Vnode> node(std::uint32_t index);

    // Table reads, from the copy (indices and offsets were validated at make()).
    format::Node node_at(std::uint32_t index) const;
    format::Dirent dirent_at(std::uint64_t index) const;
    std::string_view string_at(std::uint64_t offset, std::uint64_t len) const;
    // File data lies in the image itself: copy it with the guarded copies
    // (uaccess.hpp, host::mem_copy_*): a host file cut short faults.
    const unsigned char* data(std::uint64_t offset) const { return bytes_ + offset; }
    std::uint32_t parent_of(std::uint32_t index) const { return parents_[index]; }
    std::uint32_t nlink_of(std::uint32_t index) const { return nlinks_[index]; }

private:
    const unsigned char* const bytes_;
    const std::uint64_t size_;
    bool owned_ = false;
    std::intptr_t io_ = -1;
    std::uint64_t file_offset_ = 0;
    const format::Header h_;
    const Tables tables_;
    const std::pmr::vector<std::uint32_t> parents_;  // directories: the parent's index
    const std::pmr::vector<std::uint32_t> nlinks_;
    Mutex lock_;
    std::pmr::vector<Ref<Node>> nodes_;  // guarded by lock_
};

// Checks an image and makes its file system over `bytes` (not copied; the
// caller keeps them alive, see Sb). EINVAL for a corrupt image; *why (if
// given) then names the first problem found.
Result<Ref<Sb>> make(const void* bytes, std::uint64_t size, const char** why = nullptr);
// The image at [offset, offset+size) of the host file `path`, mapped
// read-only and owned by the superblock.
Result<Ref<Sb>> open(const char* path, std::uint64_t offset, std::uint64_t size, const char** why = nullptr);

// Boot, before anything is made in the root: an image configured at "/"
// becomes the lower layer of the root ramfs (ramfs.hpp), so the program
// sees the image's tree and may change it. An image that cannot be used is
// an error (logged): the program must not run in a root it was not built for.
Result<void> lay_image_under_root(const Config& cfg, ramfs::Sb& root);

// Boot: mounts the configuration's image (key "image") elsewhere read-only, making
// its guest directory if missing (owned by `owner`); failures are logged
// and the kernel boots without it.
void mount_image(const Config& cfg, vfs::MountTable& mounts, const vfs::PathRef& root, const vfs::Cred& owner);

}  // namespace ukp::imagefs
