// Host file images for imagefs: a read-only private mapping of a byte range
// of a host file (the packed program's own binary, usually).
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {

int file_map_readonly(const char* path, std::uint64_t offset, std::uint64_t size, const void** out, FileHandle* io) {
    if (size == 0 || offset + size < offset) return -EINVAL;
    const libc::Table& c = libc::get();
    int fd = c.open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    // The range must lie inside the file: a mapping past its end would
    // fault on access instead of failing here.
    off_t end = c.lseek(fd, 0, SEEK_END);
    if (end < 0 || offset + size > static_cast<std::uint64_t>(end)) {
        int e = end < 0 ? errno : EINVAL;
        c.close(fd);
        return -e;
    }
    const std::uint64_t skew = offset % page_size();
    void* p = c.mmap(nullptr, size + skew, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(offset - skew));
    int e = errno;
    // (errno values met here, ENOENT to ENFILE, are numbered as on Linux on
    // every POSIX host.)
    if (p == MAP_FAILED) {
        c.close(fd);
        return -e;
    }
    if (io) *io = fd;
    else c.close(fd);  // the mapping keeps its own reference to the file
    *out = static_cast<const unsigned char*>(p) + skew;
    return 0;
}

void file_unmap_readonly(const void* p, std::uint64_t size) {
    if (!p) return;
    const auto addr = reinterpret_cast<std::uintptr_t>(p);
    const std::uint64_t skew = addr % page_size();
    libc::get().munmap(reinterpret_cast<void*>(addr - skew), size + skew);
}

}  // namespace ukp::host
