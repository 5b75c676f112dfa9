// ramfs: the in-memory file system, with Linux tmpfs semantics.
//
// Locking: the superblock's namespace lock (RwLock) guards every directory's
// entries and every directory's parent link: shared for lookup and readdir,
// exclusive for changes. Each node's own Mutex guards its attributes and
// data. Order: namespace lock, then node locks (a parent before its child;
// two unrelated nodes by address).
//
// References: a directory holds a Ref to each child; a directory's parent
// link is a Ref too (kept when the directory is removed), so ".." of an
// open directory stays valid.
//
// A lower layer (lower.cpp): a ramfs may lie over a read-only image
// (imagefs), as the root of a packed program does. An image directory's
// entries become ramfs nodes the first time the directory is used; an image
// file's bytes are read straight from the image until a page is written,
// mapped or allocated, and only that page is copied. Everything else is
// plain ramfs: unlink, rename, chmod work on the copy-up-free nodes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory_resource>
#include <string_view>
#include <unordered_map>

#include "core/base/lock.hpp"
#include "core/fs/ramfs/page_tree.hpp"
#include "core/mm/region_map.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::imagefs {
class Sb;
}  // namespace ukp::imagefs

namespace ukp::ramfs {

class Sb;

// What every ramfs node has.
class Node : public vfs::Vnode {
public:
    Node(Sb& sb, std::uint32_t mode, const vfs::Cred& cred, std::uint64_t rdev);
    ~Node() override;
    vfs::Attr getattr() override;
    Result<void> setattr(const vfs::SetAttr&) override;
    Result<void> permission(const vfs::Cred& cred, int mask) override;

    Sb& ramfs() const;
    // Link count changes happen under the namespace lock.
    void add_link(int delta);
    void drop_all_links();  // a removed directory
    void touch_ctime();

protected:
    friend class Dir;
    Mutex lock_;
    // Written under lock_; atomic so that permission checks on the path-walk
    // hot path read them without taking it.
    std::atomic<std::uint32_t> mode_;
    std::atomic<std::uint32_t> uid_, gid_;
    std::uint32_t nlink_ = 0;
    std::uint64_t rdev_;
    lx_timespec atime_, mtime_, ctime_, btime_;
    // Regular files only.
    PageTree pages_;
    std::int64_t size_ = 0;
    std::uint64_t page_count_ = 0;
    vfs::String link_target_;  // symlinks only
    bool linkable_ = false;    // an O_TMPFILE file that linkat may still name
    // Regular files over an image: bytes [0, lower_size_) not in pages_ are
    // read from lower_ (the image's copy of the file; it never changes).
    const unsigned char* lower_ = nullptr;
    std::int64_t lower_size_ = 0;
    std::uint64_t lower_at_ = 0;  // lower_'s offset in the image
};

// Mappable: mmap shows the file's own arena pages (core/mm), kept coherent
// with read/write and size changes through MappedFile.
class Regular final : public Node, public mm::MappedFile {
public:
    using Node::Node;
    Result<std::size_t> read(std::int64_t off, void* app_buf, std::size_t n) override;
    Result<std::size_t> write(std::int64_t off, const void* app_buf, std::size_t n) override;
    Result<std::int64_t> seek_data(std::int64_t off, bool hole) override;
    Result<void> allocate(std::int64_t off, std::int64_t len, bool keep_size) override;
    Result<void> setattr(const vfs::SetAttr&) override;

    // Seals (seals.cpp): every file starts sealed against sealing, as on
    // tmpfs; memfd_create's MFD_ALLOW_SEALING files start with none.
    Result<unsigned> seals() override;
    Result<void> add_seals(unsigned seals) override;
    void allow_sealing() { seals_ = 0; }

    mm::MappedFile* mappable() override { return this; }
    bool private_map_source(std::uint64_t pgoff, std::uint64_t pages, std::intptr_t* handle,
                            std::int64_t* host_offset) override;  // lower.cpp
    Mutex& map_lock() override { return lock_; }
    std::uint64_t map_valid_pages_locked() override;
    char* map_page_locked(std::uint64_t index) override;

private:
    Result<void> truncate_locked(std::int64_t size);
    std::uint64_t valid_pages_locked() const;
    // EPERM when the seals forbid making the file `new_size` bytes long.
    Result<void> check_size_seals_locked(std::int64_t new_size) const;
    unsigned seals_ = LX_F_SEAL_SEAL;  // under lock_
    // File page `index`, made (charged, zeroed or the image's bytes) if it
    // is a hole: ENOSPC, or EIO when the image's host file faulted.
    Result<char*> page_locked(std::uint64_t index);
    // A page just made for `index` gets the image's bytes for it (lower.cpp);
    // false (the page zeroed) if the image's host file faulted.
    bool copy_lower_locked(std::uint64_t index, char* page) const;
};

class Symlink final : public Node {
public:
    Symlink(Sb& sb, std::string_view target, const vfs::Cred& cred);
    Result<vfs::String> readlink() override;
};

// FIFOs, sockets and device nodes: ramfs keeps only the node; opening a
// device goes to the device's driver (devfs), FIFOs come with the IPC issue.
class Special final : public Node {
public:
    using Node::Node;
    Result<Ref<vfs::File>> open(int flags) override;
};

class Dir final : public Node {
public:
    Dir(Sb& sb, std::uint32_t mode, const vfs::Cred& cred, Dir* parent);
    Result<Ref<vfs::Vnode>> lookup(std::string_view name) override;
    Result<Ref<vfs::Vnode>> create(std::string_view name, std::uint32_t mode, const vfs::Cred& cred,
                                   std::uint64_t rdev) override;
    Result<Ref<vfs::Vnode>> create_unnamed(std::uint32_t mode, const vfs::Cred& cred, bool linkable) override;
    Result<Ref<vfs::Vnode>> symlink(std::string_view name, std::string_view target,
                                    const vfs::Cred& cred) override;
    Result<void> link(std::string_view name, vfs::Vnode& target) override;
    Result<void> unlink(std::string_view name, bool dir) override;
    Result<void> rename(std::string_view name, vfs::Vnode& new_dir, std::string_view new_name,
                        unsigned flags) override;
    Result<void> readdir(std::uint64_t cookie, vfs::DirSink& sink) override;
    Ref<vfs::Vnode> parent() override;
    vfs::Attr getattr() override;

    static constexpr std::uint32_t kNoLower = ~std::uint32_t{0};
    // This directory shows the image's directory `index` (lower.cpp): its
    // entries are made on first use. Only before the directory is used.
    void set_lower(std::uint32_t index);

private:
    struct Entry {
        vfs::String name;
        Ref<Node> node;
    };
    // Cookies 1 and 2 are "." and ".."; entries count from kFirstCookie in
    // creation order, so a listing resumes correctly while entries change.
    static constexpr std::uint64_t kFirstCookie = 3;

    Node* find_locked(std::string_view name) const;
    void insert_locked(std::string_view name, Ref<Node> node);
    Ref<Node> erase_locked(std::string_view name);
    bool is_ancestor_of_locked(const Dir* d) const;  // is `this` d or above it?
    // Lower layer (lower.cpp): fill() makes the image's entries once, taking
    // the namespace lock itself (call it before taking the lock);
    // empty_locked() also answers for a directory not filled yet.
    void fill();
    bool empty_locked() const { return entry_count_locked() == 0; }
    std::uint64_t entry_count_locked() const;
    Ref<Node> make_lower_node(std::uint32_t index);
    Result<void> check_name_free(std::string_view name);
    vfs::Cred owner_for(const vfs::Cred& cred, std::uint32_t& mode) const;  // set-group-ID inheritance
    void touch_dir_locked();  // mtime+ctime after a change of entries

    Ref<Dir> parent_;  // null for the root; a removed directory keeps its last parent
    std::pmr::map<std::uint64_t, Entry> entries_;
    std::pmr::unordered_map<std::string_view, std::uint64_t> by_name_;  // views into entries_
    std::uint64_t next_cookie_ = kFirstCookie;
    std::uint32_t lower_ = kNoLower;
    std::atomic<bool> filled_{true};
};

class Sb final : public vfs::Superblock {
public:
    // max_bytes: the size limit for data and nodes (ENOSPC past it).
    Sb(std::uint64_t max_bytes, std::uint32_t root_mode, const vfs::Cred& owner,
       std::string_view type = "tmpfs");
    std::string_view fs_type() const override { return type_; }
    Ref<vfs::Vnode> root() override { return Ref<vfs::Vnode>(root_); }
    lx_statfs statfs() override;

    RwLock& ns_lock() { return ns_lock_; }
    std::uint64_t next_ino() { return next_ino_.fetch_add(1, std::memory_order_relaxed); }
    // Space accounting in pages; false when the limit would be passed.
    bool charge_pages(std::uint64_t n);
    void uncharge_pages(std::uint64_t n);
    void count_inode(int delta) { inodes_.fetch_add(delta, std::memory_order_relaxed); }

    // Lays this (still empty) file system over a read-only image: its root
    // shows the image's root directory (lower.cpp).
    void set_lower(Ref<imagefs::Sb> image);
    imagefs::Sb* lower() const { return lower_image_; }
    // Hard-linked image files: the one node for all their names, kept from
    // the first name's directory fill until the last one's. Under the
    // namespace lock, held exclusively.
    struct LowerLink {
        Ref<Node> node;
        std::uint32_t names_left;  // names in directories not filled yet
    };
    std::pmr::unordered_map<std::uint32_t, LowerLink>& lower_links() { return lower_links_; }

private:
    RwLock ns_lock_;
    Ref<Dir> root_;
    std::atomic<std::uint64_t> next_ino_{2};
    std::atomic<std::uint64_t> used_pages_{0};
    std::atomic<std::int64_t> inodes_{0};
    std::uint64_t max_pages_;
    vfs::String type_;
    Ref<vfs::Superblock> lower_sb_;  // keeps the image's bytes mapped
    imagefs::Sb* lower_image_ = nullptr;
    std::pmr::unordered_map<std::uint32_t, LowerLink> lower_links_;
};

// Creates an empty ramfs whose root has the given mode and owner.
Ref<Sb> make(std::uint64_t max_bytes, std::uint32_t root_mode, const vfs::Cred& owner);

}  // namespace ukp::ramfs
