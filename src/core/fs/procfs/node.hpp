// The building blocks of the proc tree: fixed directories, generated text
// files, computed symlinks, and the open File that serves a text snapshot.
//
// References: a directory holds Refs to its fixed children; every node keeps
// a plain pointer to its directory, which lives as long as the superblock
// (procfs is never torn down while the kernel runs). Nodes made on lookup
// (the per-fd entries) are fresh each time; only their callers hold them.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string_view>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/types.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::procfs {

class Sb final : public vfs::Superblock {
public:
    Sb();
    std::string_view fs_type() const override { return "proc"; }
    Ref<vfs::Vnode> root() override;
    lx_statfs statfs() override;
    std::uint64_t next_ino() { return next_ino_++; }  // only while the tree is built
    void set_root(Ref<vfs::Vnode> r) { root_ = std::move(r); }

private:
    Ref<vfs::Vnode> root_;
    std::uint64_t next_ino_ = 1;
};

// Inode numbers of nodes made on lookup live above the fixed ones.
inline constexpr std::uint64_t kFdInoBase = std::uint64_t{1} << 32;
inline constexpr std::uint64_t kFdInfoInoBase = std::uint64_t{2} << 32;

class Node : public vfs::Vnode {
public:
    // per_process: owned by the process's user (what is under /proc/self).
    Node(Sb& sb, std::uint64_t ino, std::uint32_t mode, bool per_process);
    vfs::Attr getattr() override;
    Ref<vfs::Vnode> parent() override;
    void set_parent(vfs::Vnode* p) { parent_ = p; }

protected:
    // Lets subclasses adjust nlink and size.
    virtual void fill(vfs::Attr&) {}

private:
    const std::uint32_t mode_;
    const bool per_process_;
    const lx_timespec made_;
    vfs::Vnode* parent_ = nullptr;  // null for the root
};

// proc refuses new names with ENOENT (its lookup has no negative entries).
class DirBase : public Node {
public:
    DirBase(Sb& sb, std::uint64_t ino, std::uint32_t perm, bool per_process)
        : Node(sb, ino, LX_S_IFDIR | perm, per_process) {}
    Result<Ref<vfs::Vnode>> create(std::string_view, std::uint32_t, const vfs::Cred&, std::uint64_t) override {
        return LX_ENOENT;
    }
    Result<Ref<vfs::Vnode>> symlink(std::string_view, std::string_view, const vfs::Cred&) override {
        return LX_ENOENT;
    }
    Result<void> link(std::string_view, vfs::Vnode&) override { return LX_ENOENT; }

protected:
    // Cookies: 0 ".", 1 "..", then kFirstCookie + entry index.
    static constexpr std::uint64_t kFirstCookie = 2;
    // Emits "." and ".." as needed; false when the sink is full.
    bool emit_dots(std::uint64_t cookie, vfs::DirSink& sink);
};

// A directory with a fixed list of children.
class Dir final : public DirBase {
public:
    using DirBase::DirBase;
    void add(std::string_view name, Ref<Node> child);
    Result<Ref<vfs::Vnode>> lookup(std::string_view name) override;
    Result<void> readdir(std::uint64_t cookie, vfs::DirSink& sink) override;

private:
    void fill(vfs::Attr& a) override;
    struct Entry {
        vfs::String name;
        Ref<Node> node;
    };
    std::pmr::vector<Entry> entries_{mem::resource()};
};

// Produces a file's text; called at every open.
using Generator = Result<void> (*)(vfs::String& out);

// A regular file (size 0, as proc reports) whose text is generated at open.
class TextNode final : public Node {
public:
    TextNode(Sb& sb, std::uint64_t ino, std::uint32_t perm, bool per_process, Generator gen)
        : Node(sb, ino, LX_S_IFREG | perm, per_process), gen_(gen) {}
    Result<Ref<vfs::File>> open(int flags) override;

private:
    Generator gen_;
};

// A symlink whose target is computed at every readlink.
class LinkNode final : public Node {
public:
    using Target = Result<vfs::String> (*)();
    LinkNode(Sb& sb, std::uint64_t ino, bool per_process, Target target)
        : Node(sb, ino, LX_S_IFLNK | 0777, per_process), target_(target) {}
    Result<vfs::String> readlink() override { return target_(); }

private:
    Target target_;
};

// The open File of a generated file: serves read/pread/lseek from the text
// captured at open. Writes fail with EIO (what Linux's proc gives a writer
// whose permission check passed, i.e. root).
class SnapshotFile final : public vfs::File {
public:
    SnapshotFile(Ref<vfs::Vnode> node, int flags, vfs::String text)
        : File(std::move(node), flags), text_(std::move(text)) {}
    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void*, std::size_t) override { return LX_EIO; }
    Result<std::size_t> pread(void* buf, std::size_t n, std::int64_t off) override;
    Result<std::size_t> pwrite(const void*, std::size_t, std::int64_t) override { return LX_EIO; }
    Result<std::int64_t> seek(std::int64_t off, int whence) override;

private:
    Result<std::size_t> read_at(void* buf, std::size_t n, std::int64_t off);
    Mutex pos_lock_;
    std::int64_t pos_ = 0;
    const vfs::String text_;
};

}  // namespace ukp::procfs
