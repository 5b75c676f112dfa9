// Whole reads and writes on host files, and the little-endian integers of
// the packed format: what the launcher's pieces share.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ukp::tool {

// Reads exactly n bytes at `off` (retrying short reads); false with errno
// set (EIO when the file ends first).
bool read_exact(int fd, void* buf, std::size_t n, std::uint64_t off);
// Writes all n bytes at the file position; false with errno set.
bool write_all(int fd, const void* buf, std::size_t n);
// Copies bytes [off, off+len) of `in` to `out`'s file position; false with
// errno set.
bool copy_range(int in, std::uint64_t off, std::uint64_t len, int out);

inline void put_u64(unsigned char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

inline std::uint64_t get_u64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace ukp::tool
