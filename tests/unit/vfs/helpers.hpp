// Small helpers for the VFS unit tests: they call ukp::sys::* directly with
// ordinary pointers, as the posix layer would.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"

namespace vfstest {

using namespace ukp;

template <typename T>
int err(const Result<T>& r) {
    return r.ok() ? 0 : r.error();
}

// A fresh directory for one test case, named after it: "/t-<name>".
inline std::string scratch(const char* name) {
    std::string dir = std::string("/t-") + name;
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, dir.c_str(), 0777)) == 0);
    return dir;
}

inline int open_file(const std::string& path, int flags, sys::mode_t mode = 0644) {
    auto r = sys::openat(LX_AT_FDCWD, path.c_str(), flags, mode);
    REQUIRE_MESSAGE(r.ok(), path, " ", errno_name(r.error()));
    return *r;
}

inline void put(const std::string& path, const std::string& data) {
    int fd = open_file(path, LX_O_WRONLY | LX_O_CREAT | LX_O_TRUNC);
    REQUIRE(sys::write(fd, data.data(), data.size()).value() == data.size());
    REQUIRE(err(sys::close(fd)) == 0);
}

inline std::string get(const std::string& path) {
    int fd = open_file(path, LX_O_RDONLY);
    std::string out;
    char buf[4096];
    for (;;) {
        std::size_t n = sys::read(fd, buf, sizeof buf).value();
        if (n == 0) break;
        out.append(buf, n);
    }
    REQUIRE(err(sys::close(fd)) == 0);
    return out;
}

inline lx_stat stat_of(const std::string& path, int flags = 0) {
    lx_stat st{};
    auto r = sys::newfstatat(LX_AT_FDCWD, path.c_str(), &st, flags);
    REQUIRE_MESSAGE(r.ok(), path, " ", errno_name(r.error()));
    return st;
}

inline bool exists(const std::string& path) {
    lx_stat st{};
    return sys::newfstatat(LX_AT_FDCWD, path.c_str(), &st, LX_AT_SYMLINK_NOFOLLOW).ok();
}

// Runs the enclosed code as an ordinary user, then restores the credentials.
class AsUser {
public:
    explicit AsUser(std::uint32_t uid = 1000, std::uint32_t gid = 1000, std::uint32_t extra_group = 0)
        : saved_(current().cred()) {
        vfs::Cred c;
        c.uid = uid;
        c.gid = gid;
        if (extra_group) {
            c.ngroups = 1;
            c.groups[0] = extra_group;
        }
        current().set_cred(c);
    }
    ~AsUser() { current().set_cred(saved_); }
    AsUser(const AsUser&) = delete;
    AsUser& operator=(const AsUser&) = delete;

private:
    vfs::Cred saved_;
};

// The tests create files as root, whatever the host user is.
class AsRoot : public AsUser {
public:
    AsRoot() : AsUser(0, 0) {}
};

}  // namespace vfstest
