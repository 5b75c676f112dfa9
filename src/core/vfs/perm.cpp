#include "core/vfs/perm.hpp"

namespace ukp::vfs {

Result<void> permission(std::uint32_t mode, std::uint32_t uid, std::uint32_t gid, const Cred& cred, int mask) {
    if (cred.uid == 0) {
        // Root reads and writes anything; it executes only what someone may
        // execute, but may always search directories.
        if (!(mask & kMayExec) || lx_s_isdir(mode) || (mode & 0111)) return success();
        return LX_EACCES;
    }
    std::uint32_t bits;
    if (cred.uid == uid)
        bits = (mode >> 6) & 7;
    else if (cred.in_group(gid))
        bits = (mode >> 3) & 7;
    else
        bits = mode & 7;
    if ((bits & static_cast<std::uint32_t>(mask)) == static_cast<std::uint32_t>(mask)) return success();
    return LX_EACCES;
}

Result<void> permission(const Attr& a, const Cred& cred, int mask) {
    return permission(a.mode, a.uid, a.gid, cred, mask);
}

Result<void> may_delete(const Attr& dir, const Attr& victim, const Cred& cred) {
    TRY(permission(dir, cred, kMayWrite | kMayExec));
    if ((dir.mode & LX_S_ISVTX) && cred.uid != 0 && cred.uid != dir.uid && cred.uid != victim.uid)
        return LX_EPERM;
    return success();
}

Result<void> owner_or_root(const Attr& a, const Cred& cred) {
    if (cred.uid == 0 || cred.uid == a.uid) return success();
    return LX_EPERM;
}

}  // namespace ukp::vfs
