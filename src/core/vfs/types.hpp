// Small value types shared by the whole VFS.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>

#include "core/abi/linux.hpp"

namespace ukp::vfs {

using String = std::pmr::string;  // kernel strings live in the arena

// Who is asking: the file-system ids of the calling process.
struct Cred {
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint32_t ngroups = 0;
    std::uint32_t groups[16] = {};
    bool in_group(std::uint32_t g) const {
        if (g == gid) return true;
        for (std::uint32_t i = 0; i < ngroups; ++i)
            if (groups[i] == g) return true;
        return false;
    }
};

// Everything stat(2)/statx(2) report about a vnode.
struct Attr {
    std::uint64_t dev = 0;
    std::uint64_t ino = 0;
    std::uint32_t mode = 0;  // type and permission bits
    std::uint32_t nlink = 0;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint64_t rdev = 0;
    std::int64_t size = 0;
    std::int64_t blocks = 0;  // 512-byte units actually allocated
    std::uint32_t blksize = 4096;
    lx_timespec atime{}, mtime{}, ctime{}, btime{};
};

// A change of attributes (chmod, chown, truncate, utimensat). Permission
// checks happen in the VFS before a file system sees this.
struct SetAttr {
    enum : std::uint32_t { kMode = 1, kUid = 2, kGid = 4, kSize = 8, kAtime = 16, kMtime = 32, kCtime = 64 };
    std::uint32_t mask = 0;
    std::uint32_t mode = 0;  // permission bits only
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::int64_t size = 0;
    lx_timespec atime{}, mtime{}, ctime{};
};

// Receives directory entries from Vnode::readdir. Returns false when it has
// no room for this entry (readdir then stops and the entry is not consumed).
class DirSink {
public:
    virtual bool emit(std::uint64_t ino, std::string_view name, std::uint8_t type,
                      std::uint64_t next_cookie) = 0;

protected:
    ~DirSink() = default;
};

}  // namespace ukp::vfs
