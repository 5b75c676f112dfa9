// Linux's mmap vocabulary (x86-64 values): PROT_*, MAP_*, MREMAP_*, MS_*, MADV_*.
#pragma once

namespace ukp {

inline constexpr int LX_PROT_NONE = 0x0;
inline constexpr int LX_PROT_READ = 0x1;
inline constexpr int LX_PROT_WRITE = 0x2;
inline constexpr int LX_PROT_EXEC = 0x4;
inline constexpr int LX_PROT_GROWSDOWN = 0x01000000;
inline constexpr int LX_PROT_GROWSUP = 0x02000000;

inline constexpr int LX_MAP_SHARED = 0x01;
inline constexpr int LX_MAP_PRIVATE = 0x02;
inline constexpr int LX_MAP_SHARED_VALIDATE = 0x03;
inline constexpr int LX_MAP_TYPE = 0x0f;
inline constexpr int LX_MAP_FIXED = 0x10;
inline constexpr int LX_MAP_ANONYMOUS = 0x20;
inline constexpr int LX_MAP_32BIT = 0x40;
inline constexpr int LX_MAP_GROWSDOWN = 0x100;
inline constexpr int LX_MAP_DENYWRITE = 0x800;
inline constexpr int LX_MAP_EXECUTABLE = 0x1000;
inline constexpr int LX_MAP_LOCKED = 0x2000;
inline constexpr int LX_MAP_NORESERVE = 0x4000;
inline constexpr int LX_MAP_POPULATE = 0x8000;
inline constexpr int LX_MAP_NONBLOCK = 0x10000;
inline constexpr int LX_MAP_STACK = 0x20000;
inline constexpr int LX_MAP_HUGETLB = 0x40000;
inline constexpr int LX_MAP_SYNC = 0x80000;
inline constexpr int LX_MAP_FIXED_NOREPLACE = 0x100000;
inline constexpr int LX_MAP_UNINITIALIZED = 0x4000000;
// The flags MAP_SHARED (not _VALIDATE) and MAP_PRIVATE quietly accept.
inline constexpr int LX_LEGACY_MAP_MASK = LX_MAP_SHARED | LX_MAP_PRIVATE | LX_MAP_FIXED | LX_MAP_ANONYMOUS |
                                          LX_MAP_DENYWRITE | LX_MAP_EXECUTABLE | LX_MAP_UNINITIALIZED |
                                          LX_MAP_GROWSDOWN | LX_MAP_LOCKED | LX_MAP_NORESERVE |
                                          LX_MAP_POPULATE | LX_MAP_NONBLOCK | LX_MAP_STACK | LX_MAP_HUGETLB;

inline constexpr int LX_MREMAP_MAYMOVE = 1;
inline constexpr int LX_MREMAP_FIXED = 2;
inline constexpr int LX_MREMAP_DONTUNMAP = 4;

inline constexpr int LX_MS_ASYNC = 1;
inline constexpr int LX_MS_INVALIDATE = 2;
inline constexpr int LX_MS_SYNC = 4;

inline constexpr int LX_MADV_DONTNEED = 4;

}  // namespace ukp
