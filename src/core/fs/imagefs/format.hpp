// The ukp image format: a read-only tree of directories, regular files and
// symlinks in one byte range (written by tools/ukp/image_writer, served by
// imagefs straight from a mapping of the bytes). Shared by the writer (host
// code) and the kernel, so it needs nothing but <cstdint>.
//
// All integers little-endian; every offset is from the image's first byte.
//
//   Header   (64 bytes, at 0)
//   Node     [node_count]    at node_offset      (40 bytes each)
//   Dirent   [dirent_count]  at dirent_offset    (16 bytes each)
//   strings  [strings_size]  at strings_offset   (names and symlink targets,
//                                                 not NUL-terminated)
//   file data, each file at a multiple of kDataAlign (4096), so a later
//   version can map a file's pages directly when the image itself lies at a
//   page-aligned offset of its host file; zero padding in between.
//
// Node 0 is the root directory. A directory's entries are the dirents
// [first, first+count), sorted by name (bytewise, strictly increasing);
// "." and ".." are not stored. A directory is the child of exactly one entry
// (the root of none): the tree has no cycles. A non-directory may be named
// by several entries (hard links; nlink counts them).
//
// Node fields by type (mode's S_IFMT bits: only directory, regular, symlink):
//   directory: a = first dirent, b = dirent count
//   regular:   a = data offset (aligned; 0 when size is 0), b = size in bytes
//   symlink:   a = target's offset in strings, b = its length (1..4095)
// Names: 1..255 bytes, no '/' or NUL, never "." or "..".
//
// Version 1. A reader refuses another version or magic; the kernel checks
// every offset, length, name and the tree shape before the first lookup.
#pragma once

#include <cstdint>

namespace ukp::imagefs::format {

inline constexpr char kMagic[8] = {'U', 'K', 'P', 'I', 'M', 'A', 'G', 'E'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint64_t kDataAlign = 4096;
inline constexpr std::uint32_t kMaxName = 255;
inline constexpr std::uint32_t kMaxLink = 4095;  // PATH_MAX less its NUL
// Bounds a writer keeps and a reader enforces (they keep the kernel's
// per-image tables small and offsets within 48 bits).
inline constexpr std::uint32_t kMaxNodes = 1u << 24;
inline constexpr std::uint64_t kMaxFileSize = 1ull << 40;   // 1 TiB
inline constexpr std::uint64_t kMaxImageSize = 1ull << 47;

// Type bits of Node::mode (Linux's values).
inline constexpr std::uint32_t kTypeMask = 0170000;
inline constexpr std::uint32_t kDir = 0040000;
inline constexpr std::uint32_t kReg = 0100000;
inline constexpr std::uint32_t kLink = 0120000;

struct Header {
    char magic[8];               // kMagic
    std::uint32_t version;       // kVersion
    std::uint32_t header_size;   // sizeof(Header): later versions may grow it
    std::uint64_t image_size;    // the whole image, data included
    std::uint32_t node_count;    // >= 1 (the root)
    std::uint32_t dirent_count;
    std::uint64_t node_offset;
    std::uint64_t dirent_offset;
    std::uint64_t strings_offset;
    std::uint64_t strings_size;
};
static_assert(sizeof(Header) == 64);

struct Node {
    std::uint32_t mode;          // type and permission bits (07777)
    std::uint32_t uid;
    std::uint32_t gid;
    std::uint32_t mtime_nsec;    // < 1e9
    std::int64_t mtime_sec;
    std::uint64_t a;             // by type, see above
    std::uint64_t b;
};
static_assert(sizeof(Node) == 40);

struct Dirent {
    std::uint32_t name_offset;   // in strings
    std::uint16_t name_len;
    std::uint16_t reserved;      // 0
    std::uint32_t node;          // index into the node table
    std::uint32_t reserved2;     // 0
};
static_assert(sizeof(Dirent) == 16);

}  // namespace ukp::imagefs::format
