// Permission checks, as Linux does them for a process without capabilities
// other than root's CAP_DAC_OVERRIDE / CAP_FOWNER when uid is 0.
#pragma once

#include "core/base/result.hpp"
#include "core/vfs/types.hpp"

namespace ukp::vfs {

inline constexpr int kMayExec = 1, kMayWrite = 2, kMayRead = 4;

// EACCES unless cred may do `mask` (kMay* bits) on a node with these attrs.
Result<void> permission(const Attr& a, const Cred& cred, int mask);
Result<void> permission(std::uint32_t mode, std::uint32_t uid, std::uint32_t gid, const Cred& cred, int mask);
// May cred remove or rename `victim` out of directory `dir` (sticky bit)?
Result<void> may_delete(const Attr& dir, const Attr& victim, const Cred& cred);
// Owner or root (chmod, utimensat with explicit times): EPERM otherwise.
Result<void> owner_or_root(const Attr& a, const Cred& cred);

}  // namespace ukp::vfs
