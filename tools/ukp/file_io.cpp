#include "file_io.hpp"

#include <unistd.h>

#include <cerrno>

namespace ukp::tool {

bool read_exact(int fd, void* buf, std::size_t n, std::uint64_t off) {
    auto* p = static_cast<char*>(buf);
    while (n) {
        ssize_t r = pread(fd, p, n, static_cast<off_t>(off));
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) errno = EIO;  // the file is shorter than it should be
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
        off += static_cast<std::uint64_t>(r);
    }
    return true;
}

bool write_all(int fd, const void* buf, std::size_t n) {
    auto* p = static_cast<const char*>(buf);
    while (n) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

}  // namespace ukp::tool
