// sendfile and copy_file_range: std::filesystem::copy_file uses them.
#include <sys/sendfile.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

namespace {
// off_t and off64_t are the same 64-bit type on x86-64 and aarch64.
std::int64_t* lx(off64_t* p) { return reinterpret_cast<std::int64_t*>(p); }
}  // namespace

UKP_EXPORT ssize_t sendfile(int out_fd, int in_fd, off_t* offset, size_t count) {
    UKP_ENTRY_ARGS(sendfile, out_fd, in_fd, offset, count);
    return ret<ssize_t>(ukp::sys::sendfile(out_fd, in_fd, lx(offset), count));
}
UKP_EXPORT ssize_t sendfile64(int out_fd, int in_fd, off64_t* offset, size_t count) {
    UKP_ENTRY_ARGS(sendfile, out_fd, in_fd, offset, count);
    return ret<ssize_t>(ukp::sys::sendfile(out_fd, in_fd, lx(offset), count));
}
UKP_EXPORT ssize_t copy_file_range(int in_fd, off64_t* in_off, int out_fd, off64_t* out_off, size_t len,
                                   unsigned int flags) {
    UKP_ENTRY_ARGS(copy_file_range, in_fd, in_off, out_fd, out_off, len, flags);
    return ret<ssize_t>(ukp::sys::copy_file_range(in_fd, lx(in_off), out_fd, lx(out_off), len, flags));
}
