#include "file_io.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

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

bool copy_range(int in, std::uint64_t off, std::uint64_t len, int out) {
    std::vector<char> buf(static_cast<std::size_t>(std::min<std::uint64_t>(len, 1 << 20)));
    for (std::uint64_t done = 0; done < len;) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), len - done));
        if (!read_exact(in, buf.data(), n, off + done) || !write_all(out, buf.data(), n)) return false;
        done += n;
    }
    return true;
}

}  // namespace ukp::tool
