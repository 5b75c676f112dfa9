// statvfs/fstatvfs: glibc builds them from statfs with internal calls, so
// they are rebuilt here from the kernel's statfs.
#include <sys/statvfs.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

namespace {

template <typename Out>
void fill(const ukp::lx_statfs& s, Out* out) {
    *out = Out{};
    out->f_bsize = static_cast<unsigned long>(s.f_bsize);
    out->f_frsize = static_cast<unsigned long>(s.f_frsize ? s.f_frsize : s.f_bsize);
    out->f_blocks = s.f_blocks;
    out->f_bfree = s.f_bfree;
    out->f_bavail = s.f_bavail;
    out->f_files = s.f_files;
    out->f_ffree = s.f_ffree;
    out->f_favail = s.f_ffree;
    out->f_fsid = static_cast<unsigned int>(s.f_fsid[0]) |
                  (static_cast<unsigned long>(static_cast<unsigned int>(s.f_fsid[1])) << 32);
    // statfs's f_flags carry ST_VALID (0x20) in Linux; statvfs does not.
    out->f_flag = static_cast<unsigned long>(s.f_flags) & ~0x20ul;
    out->f_namemax = static_cast<unsigned long>(s.f_namelen);
}

template <typename Out>
int by_path(const char* path, Out* out) {
    ukp::lx_statfs s;
    if (int r = ret(ukp::sys::statfs(path, &s)); r != 0) return r;
    fill(s, out);
    return 0;
}

template <typename Out>
int by_fd(int fd, Out* out) {
    ukp::lx_statfs s;
    if (int r = ret(ukp::sys::fstatfs(fd, &s)); r != 0) return r;
    fill(s, out);
    return 0;
}

}  // namespace

UKP_EXPORT int statvfs(const char* path, struct statvfs* out) {
    UKP_ENTRY_ARGS(libc, path, out);
    return by_path(path, out);
}
UKP_EXPORT int statvfs64(const char* path, struct statvfs64* out) {
    UKP_ENTRY_ARGS(libc, path, out);
    return by_path(path, out);
}
UKP_EXPORT int fstatvfs(int fd, struct statvfs* out) { UKP_ENTRY_ARGS(libc, fd, out); return by_fd(fd, out); }
UKP_EXPORT int fstatvfs64(int fd, struct statvfs64* out) { UKP_ENTRY_ARGS(libc, fd, out); return by_fd(fd, out); }
