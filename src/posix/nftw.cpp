// nftw(3) and ftw(3) over the kernel: glibc's walk opens, reads and stats
// with its internal calls. This one follows glibc's order and rules: the
// start object is stat'ed by path, entries by name relative to their
// directory's fd; without FTW_PHYS each directory is visited once (cycles
// through symlinks are cut); FTW_ACTIONRETVAL's skip results stop at the
// level they name.
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <string.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/sys/sys.hpp"
#include "posix/dirstream.hpp"
#include "posix/ret.hpp"

namespace sys = ukp::sys;
using ukp::lx_stat;

namespace {

using NftwFn = int (*)(const char*, const struct stat*, int, struct FTW*);
using FtwFn = int (*)(const char*, const struct stat*, int);

// ftw(3) knows fewer kinds: what each nftw kind becomes for it.
constexpr int kFtwKind[] = {FTW_F, FTW_D, FTW_DNR, FTW_NS, FTW_F, FTW_D, FTW_NS};
static_assert(FTW_F == 0 && FTW_D == 1 && FTW_DNR == 2 && FTW_NS == 3 && FTW_SL == 4 && FTW_DP == 5 &&
              FTW_SLN == 6);

struct Walk {
    int flags;
    NftwFn nftw_fn;
    FtwFn ftw_fn;
    std::string path;  // the object being reported, as the caller spelled it
    FTW ftw;
    std::uint64_t dev = 0;
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen;  // (dev, ino) of visited directories

    bool has(int f) const { return (flags & f) != 0; }
};

int report(Walk& w, const lx_stat& st, int kind) {
    auto* s = reinterpret_cast<const struct stat*>(&st);
    ukp::host::AppCall app;  // the application's function
    if (w.ftw_fn) return w.ftw_fn(w.path.c_str(), s, kFtwKind[kind]);
    return w.nftw_fn(w.path.c_str(), s, kind, &w.ftw);
}

int fail(ukp::Errno e) {
    errno = ukp::posix::host_errno(e);
    return -1;
}

// Back to the directory that holds the one just walked.
int change_back(Walk& w, int parent_fd) {
    if (parent_fd >= 0 && sys::fchdir(parent_fd).ok()) return 0;
    auto r = w.ftw.base == 1 ? sys::chdir("/") : sys::chdir("..");
    return r.ok() ? 0 : fail(r.error());
}

int process(Walk& w, int dirfd, const char* name);

// Walks the directory `name` (relative to dirfd) whose stat is `st`.
int walk_dir(Walk& w, int dirfd, const char* name, const lx_stat& st) {
    DIR* d = ukp::posix::open_dir_at(dirfd, name);
    if (!d) return errno == EACCES ? report(w, st, FTW_DNR) : -1;
    int fd = ukp::posix::dir_fd(d);

    int result = 0;
    if (!w.has(FTW_DEPTH)) {
        result = report(w, st, FTW_D);
        if (result != 0) {
            int saved = errno;
            ukp::posix::close_dir(d);
            errno = saved;
            return result;
        }
    }
    if (w.has(FTW_CHDIR)) {
        auto r = sys::fchdir(fd);
        if (!r.ok()) {
            ukp::posix::close_dir(d);
            return fail(r.error());
        }
    }

    // Read the whole directory first: the callback may remove entries.
    std::vector<std::string> names;
    int saved = errno;
    errno = 0;
    while (dirent64* e = ukp::posix::read_dir(d)) {
        const char* n = e->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
        names.emplace_back(n);
    }
    if (errno != 0) result = -1;
    errno = saved;

    const std::size_t dir_len = w.path.size();
    const int prev_base = w.ftw.base;
    if (w.path.empty() || w.path.back() != '/') w.path += '/';
    w.ftw.base = static_cast<int>(w.path.size());
    ++w.ftw.level;
    for (std::size_t i = 0; result == 0 && i < names.size(); ++i) {
        w.path.resize(static_cast<std::size_t>(w.ftw.base));
        w.path += names[i];
        result = process(w, fd, names[i].c_str());
    }
    if (w.has(FTW_ACTIONRETVAL) && result == FTW_SKIP_SIBLINGS) result = 0;
    --w.ftw.level;
    w.ftw.base = prev_base;
    w.path.resize(dir_len);

    if (result == 0 && w.has(FTW_DEPTH)) result = report(w, st, FTW_DP);
    saved = errno;
    ukp::posix::close_dir(d);
    errno = saved;

    // The start directory is left by start(), which restores the caller's cwd.
    if (dirfd != AT_FDCWD) {
        bool go_back = result == 0 || (w.has(FTW_ACTIONRETVAL) && result != -1 && result != FTW_STOP);
        if (w.has(FTW_CHDIR) && go_back && change_back(w, dirfd) != 0) result = -1;
    }
    return result;
}

// One directory entry: classify it, then report or descend.
int process(Walk& w, int dirfd, const char* name) {
    lx_stat st{};
    int kind;
    auto r = sys::newfstatat(dirfd, name, &st, w.has(FTW_PHYS) ? AT_SYMLINK_NOFOLLOW : 0);
    if (!r.ok()) {
        if (r.error() != ukp::LX_EACCES && r.error() != ukp::LX_ENOENT) return fail(r.error());
        kind = FTW_NS;
        // A dangling symlink is reported with the link's own stat.
        if (!w.has(FTW_PHYS) && sys::newfstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW).ok() &&
            ukp::lx_s_islnk(st.st_mode))
            kind = FTW_SLN;
        else
            st = lx_stat{};
    } else {
        kind = ukp::lx_s_isdir(st.st_mode) ? FTW_D : ukp::lx_s_islnk(st.st_mode) ? FTW_SL : FTW_F;
    }

    int result = 0;
    if (kind == FTW_NS || !w.has(FTW_MOUNT) || st.st_dev == w.dev) {
        if (kind == FTW_D) {
            if (w.has(FTW_PHYS) || w.seen.insert({st.st_dev, st.st_ino}).second)
                result = walk_dir(w, dirfd, name, st);
        } else {
            result = report(w, st, kind);
        }
    }
    if (w.has(FTW_ACTIONRETVAL) && result == FTW_SKIP_SUBTREE) result = 0;
    return result;
}

int start(Walk& w, const char* dir) {
    if (!dir || !*dir) return fail(ukp::LX_ENOENT);
    w.path = dir;
    while (w.path.size() > 1 && w.path.back() == '/') w.path.pop_back();
    std::size_t slash = w.path.rfind('/');
    w.ftw.base = slash == std::string::npos ? 0 : static_cast<int>(slash + 1);
    w.ftw.level = 0;

    int cwd = -1;
    int result = 0;
    if (w.has(FTW_CHDIR)) {
        auto c = sys::openat(AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        if (!c.ok()) return fail(c.error());
        cwd = c.value();
        if (w.ftw.base > 0) {
            std::string parent = w.ftw.base == 1 ? "/" : w.path.substr(0, static_cast<std::size_t>(w.ftw.base - 1));
            auto r = sys::chdir(parent.c_str());
            if (!r.ok()) result = fail(r.error());
        }
    }

    if (result == 0) {
        const char* name = w.has(FTW_CHDIR) ? w.path.c_str() + w.ftw.base : w.path.c_str();
        std::string own(name);  // w.path changes during the walk
        lx_stat st{};
        auto r = sys::newfstatat(AT_FDCWD, own.c_str(), &st, w.has(FTW_PHYS) ? AT_SYMLINK_NOFOLLOW : 0);
        if (!r.ok()) {
            if (!w.has(FTW_PHYS) && r.error() == ukp::LX_ENOENT &&
                sys::newfstatat(AT_FDCWD, own.c_str(), &st, AT_SYMLINK_NOFOLLOW).ok() && ukp::lx_s_islnk(st.st_mode))
                result = report(w, st, FTW_SLN);
            else
                result = fail(r.error());  // nothing can be said about the object: no callback
        } else if (ukp::lx_s_isdir(st.st_mode)) {
            w.dev = st.st_dev;
            if (!w.has(FTW_PHYS)) w.seen.insert({st.st_dev, st.st_ino});
            result = walk_dir(w, AT_FDCWD, own.c_str(), st);
        } else {
            w.dev = st.st_dev;
            result = report(w, st, ukp::lx_s_islnk(st.st_mode) ? FTW_SL : FTW_F);
        }
        if (w.has(FTW_ACTIONRETVAL) && (result == FTW_SKIP_SUBTREE || result == FTW_SKIP_SIBLINGS)) result = 0;
    }

    if (cwd >= 0) {
        int saved = errno;
        (void)sys::fchdir(cwd);
        (void)sys::close(cwd);
        errno = saved;
    }
    return result;
}

constexpr int kKnownFlags = FTW_PHYS | FTW_MOUNT | FTW_CHDIR | FTW_DEPTH | FTW_ACTIONRETVAL;

int run_nftw(const char* dir, NftwFn fn, int flags) {
    if (flags & ~kKnownFlags) return fail(ukp::LX_EINVAL);
    Walk w{flags, fn, nullptr, {}, {}, 0, {}};
    return start(w, dir);
}

int run_ftw(const char* dir, FtwFn fn) {
    Walk w{0, nullptr, fn, {}, {}, 0, {}};
    return start(w, dir);
}

}  // namespace

// nopenfd bounds glibc's open streams; this walk keeps one per level.
UKP_EXPORT int nftw(const char* dir, NftwFn fn, int, int flags) {
    UKP_ENTRY_ARGS(libc, dir, fn, flags);
    return run_nftw(dir, fn, flags);
}
UKP_EXPORT int nftw64(const char* dir, int (*fn)(const char*, const struct stat64*, int, struct FTW*), int,
                      int flags) {
    UKP_ENTRY_ARGS(libc, dir, fn, flags);
    return run_nftw(dir, reinterpret_cast<NftwFn>(fn), flags);
}
UKP_EXPORT int ftw(const char* dir, FtwFn fn, int) { UKP_ENTRY_ARGS(libc, dir, fn); return run_ftw(dir, fn); }
UKP_EXPORT int ftw64(const char* dir, int (*fn)(const char*, const struct stat64*, int), int) {
    UKP_ENTRY_ARGS(libc, dir, fn);
    return run_ftw(dir, reinterpret_cast<FtwFn>(fn));
}
