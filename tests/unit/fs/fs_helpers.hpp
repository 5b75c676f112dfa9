// Small helpers for the /dev and /proc tests: whole-file reads, directory
// listings, readlink and stat, all through the kernel's system calls.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"

namespace ukp::test {

inline int open_ok(const char* path, int flags, unsigned mode = 0) {
    Result<int> fd = sys::openat(LX_AT_FDCWD, path, flags, mode);
    REQUIRE_MESSAGE(fd.ok(), path, ": ", errno_name(fd.error()));
    return *fd;
}

inline std::string read_all(const char* path) {
    int fd = open_ok(path, LX_O_RDONLY);
    std::string out;
    char buf[1000];  // small on purpose: the text comes in several reads
    for (;;) {
        Result<std::size_t> n = sys::read(fd, buf, sizeof buf);
        REQUIRE(n.ok());
        if (*n == 0) break;
        out.append(buf, *n);
    }
    CHECK(sys::close(fd).ok());
    return out;
}

inline std::vector<std::string> list_dir(const char* path) {
    int fd = open_ok(path, LX_O_RDONLY | LX_O_DIRECTORY);
    std::vector<std::string> names;
    alignas(8) char buf[4096];
    for (;;) {
        Result<std::size_t> n = sys::getdents64(fd, buf, sizeof buf);
        REQUIRE(n.ok());
        if (*n == 0) break;
        for (std::size_t off = 0; off < *n;) {
            auto* d = reinterpret_cast<lx_dirent64*>(buf + off);
            names.emplace_back(d->d_name);
            off += d->d_reclen;
        }
    }
    CHECK(sys::close(fd).ok());
    return names;
}

inline Result<std::string> read_link(const char* path) {
    char buf[LX_PATH_MAX];
    std::size_t n = TRY(sys::readlinkat(LX_AT_FDCWD, path, buf, sizeof buf));
    return std::string(buf, n);
}

inline lx_stat stat_of(const char* path, bool follow = true) {
    lx_stat st{};
    Result<void> r = sys::newfstatat(LX_AT_FDCWD, path, &st, follow ? 0 : LX_AT_SYMLINK_NOFOLLOW);
    REQUIRE_MESSAGE(r.ok(), path, ": ", errno_name(r.error()));
    return st;
}

inline bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v)
        if (x == s) return true;
    return false;
}

}  // namespace ukp::test
