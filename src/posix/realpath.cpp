// realpath(3) resolved in the kernel's name space: component by component,
// with lstat and readlink, like glibc (whose own calls its internal
// __readlink and __getcwd).
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

namespace sys = ukp::sys;

extern "C" [[noreturn]] void __chk_fail(void);

namespace {

constexpr size_t kPathMax = PATH_MAX;

// Resolves `name` into `out` (kPathMax bytes). On failure returns the errno
// and leaves the resolved prefix in `out`, as glibc does.
int resolve(const char* name, char* out) {
    if (!name) return EINVAL;
    if (!*name) return ENOENT;
    char* dest;
    if (name[0] != '/') {
        auto n = sys::getcwd(out, kPathMax);
        if (!n.ok()) {
            out[0] = '\0';
            return ukp::posix::host_errno(n.error());
        }
        dest = out + strlen(out);
    } else {
        out[0] = '/';
        dest = out + 1;
    }
    *dest = '\0';

    // The rest of the path still to walk; a symlink's target is spliced in.
    // Not bounded by PATH_MAX: "." and ".." may shrink it (glibc agrees).
    std::string rest(name);
    char link[kPathMax];
    int links = 0;
    for (std::size_t i = 0; i < rest.size();) {
        while (i < rest.size() && rest[i] == '/') ++i;
        std::size_t endi = rest.find('/', i);
        if (endi == std::string::npos) endi = rest.size();
        const char* p = rest.data() + i;
        std::size_t len = endi - i;
        if (len == 0) break;
        if (len == 1 && p[0] == '.') {
            i = endi;
            continue;
        }
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            // What is resolved so far holds no symlink: ".." is lexical.
            if (dest > out + 1)
                while ((--dest)[-1] != '/') {
                }
            *dest = '\0';
            i = endi;
            continue;
        }
        if (dest[-1] != '/') *dest++ = '/';
        if (static_cast<size_t>(dest - out) + len >= kPathMax) {
            *dest = '\0';
            return ENAMETOOLONG;
        }
        memcpy(dest, p, len);
        dest += len;
        *dest = '\0';

        ukp::lx_stat st;
        auto r = sys::newfstatat(AT_FDCWD, out, &st, AT_SYMLINK_NOFOLLOW);
        if (!r.ok()) return ukp::posix::host_errno(r.error());
        if (ukp::lx_s_islnk(st.st_mode)) {
            if (++links > ukp::LX_SYMLOOP_MAX) return ELOOP;
            auto n = sys::readlinkat(AT_FDCWD, out, link, kPathMax - 1);
            if (!n.ok()) return ukp::posix::host_errno(n.error());
            std::size_t tlen = n.value();
            // rest := target + what followed the link
            rest.replace(0, endi, link, tlen);
            i = 0;
            if (tlen > 0 && link[0] == '/') {
                dest = out + 1;
            } else {
                while ((--dest)[-1] != '/') {
                }
                if (dest > out + 1) --dest;  // drop the slash too, unless it is the root
            }
            *dest = '\0';
            continue;
        }
        if (!ukp::lx_s_isdir(st.st_mode) && endi < rest.size()) return ENOTDIR;
        i = endi;
    }
    if (dest > out + 1 && dest[-1] == '/') *--dest = '\0';
    return 0;
}

char* real_path(const char* name, char* resolved) {
    char buf[kPathMax];
    buf[0] = '\0';
    int err = resolve(name, buf);
    if (err) {
        if (resolved && name) strcpy(resolved, buf);
        errno = err;
        return nullptr;
    }
    if (resolved) return strcpy(resolved, buf);
    char* out = strdup(buf);
    if (!out) errno = ENOMEM;
    return out;
}

}  // namespace

UKP_EXPORT char* realpath(const char* name, char* resolved) {
    UKP_ENTRY_ARGS(libc, name, resolved);
    return ukp::posix::ret_ptr(real_path(name, resolved));
}
UKP_EXPORT char* canonicalize_file_name(const char* name) {
    UKP_ENTRY_ARGS(libc, name);
    return ukp::posix::ret_ptr(real_path(name, nullptr));
}
UKP_EXPORT char* __realpath_chk(const char* name, char* resolved, size_t resolved_len) {
    UKP_ENTRY_ARGS(libc, name, resolved, resolved_len);
    if (resolved_len < kPathMax) __chk_fail();
    return ukp::posix::ret_ptr(real_path(name, resolved));
}
