// Anonymous inodes: the vnode behind an open object that has no name in any
// file system (a pipe, a socket, an eventfd, an epoll or timerfd instance).
//
// As on Linux they live in three hidden file systems, which is what fstat,
// fstatfs and /proc/self/fd/N show:
//   Pipe    pipefs        S_IFIFO|0600, fresh inode number,  "pipe:[ino]"
//   Socket  sockfs        S_IFSOCK|0777, fresh inode number, "socket:[ino]"
//   Other   anon_inodefs  mode 0600 (no type bits), one inode number shared
//                         by every such file, "anon_inode:[name]"
// The File that owns the object keeps the vnode (File::vnode()) and leaves
// its path empty; procfs then asks the vnode's readlink() for the text.
// Timestamps start at creation and stay (Linux 6.7+ no longer moves an
// anonymous pipe's on reads and writes); setattr may change them.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

enum class AnonKind { Pipe, Socket, Other };

class AnonInode final : public Vnode {
public:
    // `name` is for Other: Linux's name, bare ("eventfd") or bracketed
    // ("[timerfd]"), a string literal (static storage); Pipe and Socket
    // ignore it.
    AnonInode(Superblock& sb, std::uint64_t ino, AnonKind kind, const char* name, const Cred& cred);

    AnonKind kind() const { return kind_; }
    Attr getattr() override;
    Result<void> setattr(const SetAttr& s) override;
    Result<String> readlink() override;
    // Opening /proc/self/fd/N of a pipe opens the pipe like a FIFO
    // (ipc::fifo_open); sockets and the others give ENXIO, as on Linux.
    Result<Ref<File>> open(int flags) override;

private:
    const AnonKind kind_;
    const char* const name_;
    Mutex lock_;  // mode and owner
    std::uint32_t mode_;
    std::uint32_t uid_, gid_;
    std::atomic<std::int64_t> atime_, mtime_, ctime_;  // nanoseconds
};

// A fresh anonymous inode owned by `cred` (the caller's credentials).
Ref<AnonInode> make_anon_inode(AnonKind kind, const Cred& cred, const char* name = nullptr);

}  // namespace ukp::vfs
