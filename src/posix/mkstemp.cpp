// mkstemp, mkdtemp, mktemp and tmpnam: unique names in the kernel's file
// system. glibc's versions probe and create with its internal __open,
// __mkdir and __lstat, so they would touch the host's disk.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sys/sys.hpp"
#include "host/host.hpp"
#include "posix/ret.hpp"
#include "posix/tempname.hpp"

namespace sys = ukp::sys;
using ukp::posix::TempKind;

namespace ukp::posix {

int gen_tempname(char* tmpl, int suffix_len, int flags, TempKind kind) {
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    constexpr unsigned kLetterCount = sizeof kLetters - 1;
    // glibc's bound: every name from 62^3 tries at least once.
    constexpr int kAttempts = 62 * 62 * 62;

    size_t len = tmpl ? strlen(tmpl) : 0;
    if (suffix_len < 0 || len < 6 + static_cast<size_t>(suffix_len) ||
        memcmp(tmpl + len - 6 - suffix_len, "XXXXXX", 6) != 0) {
        errno = EINVAL;
        return -1;
    }
    char* x = tmpl + len - 6 - suffix_len;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        unsigned char rnd[6];
        // The host's random source directly: what the kernel's /dev/urandom
        // serves, without an open/read/close per name. (A sys::getrandom
        // would be the layered spelling once the kernel has one.)
        host::random_fill(rnd, sizeof rnd);
        // 256 is not a multiple of 62; the small bias does not matter for names.
        for (int i = 0; i < 6; ++i) x[i] = kLetters[rnd[i] % kLetterCount];

        Errno err;
        switch (kind) {
            case TempKind::kFile: {
                auto fd = sys::openat(AT_FDCWD, tmpl, (flags & ~O_ACCMODE) | O_RDWR | O_CREAT | O_EXCL, 0600);
                if (fd.ok()) return fd.value();
                err = fd.error();
                break;
            }
            case TempKind::kDir: {
                auto r = sys::mkdirat(AT_FDCWD, tmpl, 0700);
                if (r.ok()) return 0;
                err = r.error();
                break;
            }
            case TempKind::kNoCreate: {
                lx_stat st;
                auto r = sys::newfstatat(AT_FDCWD, tmpl, &st, AT_SYMLINK_NOFOLLOW);
                if (!r.ok() && r.error() == LX_ENOENT) return 0;
                err = r.ok() ? LX_EEXIST : r.error();
                break;
            }
        }
        if (err != LX_EEXIST) {
            errno = host_errno(err);
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

}  // namespace ukp::posix

namespace {
int make_file(char* tmpl, int suffix_len, int flags) {
    return ukp::posix::gen_tempname(tmpl, suffix_len, flags, TempKind::kFile);
}

// tmpnam's rule: a fresh name under P_tmpdir, not created.
bool temp_name(char* out, size_t cap, const char* dir, const char* prefix) {
    if (!prefix) prefix = "file";
    int n = snprintf(out, cap, "%s/%.5sXXXXXX", dir, prefix);
    if (n < 0 || static_cast<size_t>(n) >= cap) {
        errno = EINVAL;
        return false;
    }
    return ukp::posix::gen_tempname(out, 0, 0, TempKind::kNoCreate) == 0;
}

bool is_dir(const char* path) {
    ukp::lx_stat st;
    return path && sys::newfstatat(AT_FDCWD, path, &st, 0).ok() && ukp::lx_s_isdir(st.st_mode);
}
}  // namespace

UKP_EXPORT int mkstemp(char* tmpl) { UKP_ENTRY_ARGS(libc, tmpl); return make_file(tmpl, 0, 0); }
UKP_EXPORT int mkstemp64(char* tmpl) { UKP_ENTRY_ARGS(libc, tmpl); return make_file(tmpl, 0, 0); }
UKP_EXPORT int mkstemps(char* tmpl, int suffix_len) {
    UKP_ENTRY_ARGS(libc, tmpl, suffix_len);
    return make_file(tmpl, suffix_len, 0);
}
UKP_EXPORT int mkstemps64(char* tmpl, int suffix_len) {
    UKP_ENTRY_ARGS(libc, tmpl, suffix_len);
    return make_file(tmpl, suffix_len, 0);
}
UKP_EXPORT int mkostemp(char* tmpl, int flags) { UKP_ENTRY_ARGS(libc, tmpl, flags); return make_file(tmpl, 0, flags); }
UKP_EXPORT int mkostemp64(char* tmpl, int flags) {
    UKP_ENTRY_ARGS(libc, tmpl, flags);
    return make_file(tmpl, 0, flags);
}
UKP_EXPORT int mkostemps(char* tmpl, int suffix_len, int flags) {
    UKP_ENTRY_ARGS(libc, tmpl, suffix_len, flags);
    return make_file(tmpl, suffix_len, flags);
}
UKP_EXPORT int mkostemps64(char* tmpl, int suffix_len, int flags) {
    UKP_ENTRY_ARGS(libc, tmpl, suffix_len, flags);
    return make_file(tmpl, suffix_len, flags);
}

UKP_EXPORT char* mkdtemp(char* tmpl) {
    UKP_ENTRY_ARGS(libc, tmpl);
    return ukp::posix::gen_tempname(tmpl, 0, 0, TempKind::kDir) == 0 ? tmpl : nullptr;
}

// mktemp reports failure by emptying the template.
UKP_EXPORT char* mktemp(char* tmpl) {
    UKP_ENTRY_ARGS(libc, tmpl);
    if (ukp::posix::gen_tempname(tmpl, 0, 0, TempKind::kNoCreate) != 0) tmpl[0] = '\0';
    return tmpl;
}

UKP_EXPORT char* tmpnam(char* s) {
    UKP_ENTRY_ARGS(libc, s);
    static thread_local char buf[L_tmpnam];
    char tmp[L_tmpnam];
    if (!temp_name(tmp, sizeof tmp, P_tmpdir, nullptr)) return nullptr;
    char* out = s ? s : buf;
    memcpy(out, tmp, sizeof tmp);
    return out;
}

UKP_EXPORT char* tmpnam_r(char* s) {
    UKP_ENTRY_ARGS(libc, s);
    if (!s) return nullptr;
    return temp_name(s, L_tmpnam, P_tmpdir, nullptr) ? s : nullptr;
}

// tempnam: $TMPDIR, then dir, then P_tmpdir, then /tmp, as glibc.
UKP_EXPORT char* tempnam(const char* dir, const char* prefix) {
    UKP_ENTRY_ARGS(libc, dir, prefix);
    const char* base = getenv("TMPDIR");
    if (!is_dir(base)) base = is_dir(dir) ? dir : is_dir(P_tmpdir) ? P_tmpdir : "/tmp";
    size_t cap = strlen(base) + 1 + 5 + 6 + 1;
    char* out = static_cast<char*>(malloc(cap));
    if (!out) return nullptr;
    if (!temp_name(out, cap, base, prefix)) {
        free(out);
        return nullptr;
    }
    return out;
}
