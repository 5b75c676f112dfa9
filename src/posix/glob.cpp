// glob(3): glibc's own matcher, pointed at the kernel's directories.
// glibc's glob reads directories and stats names with its internal calls
// unless GLOB_ALTDIRFUNC hands it functions; ours are the kernel's. An
// application that passes its own GLOB_ALTDIRFUNC functions keeps them.
#include <dlfcn.h>
#include <fcntl.h>
#include <glob.h>

#include "core/sys/sys.hpp"
#include "posix/dirstream.hpp"
#include "posix/ret.hpp"

namespace sys = ukp::sys;

namespace {

using ErrFn = int (*)(const char*, int);
using GlobFn = int (*)(const char*, int, ErrFn, void*);
using GlobFreeFn = void (*)(void*);

void* open_dir(const char* path) { return ukp::posix::open_dir_at(AT_FDCWD, path); }
void close_dir(void* d) { ukp::posix::close_dir(static_cast<DIR*>(d)); }
void* read_dir(void* d) { return ukp::posix::read_dir(static_cast<DIR*>(d)); }
int stat_path(const char* path, void* st) {
    return ukp::posix::ret(sys::newfstatat(AT_FDCWD, path, static_cast<ukp::lx_stat*>(st), 0));
}
int lstat_path(const char* path, void* st) {
    return ukp::posix::ret(sys::newfstatat(AT_FDCWD, path, static_cast<ukp::lx_stat*>(st), AT_SYMLINK_NOFOLLOW));
}

// glob_t and glob64_t differ only in the types of the function pointers.
template <typename G>
int run(const char* name, const char* pattern, int flags, ErrFn errfunc, G* g) {
    static_assert(sizeof(G) == sizeof(glob_t));
    auto real = reinterpret_cast<GlobFn>(dlsym(RTLD_NEXT, name));
    if (!real) return GLOB_NOSYS;
    const bool ours = !(flags & GLOB_ALTDIRFUNC);
    if (ours) {
        using Readdir = decltype(g->gl_readdir);
        using Stat = decltype(g->gl_stat);
        g->gl_opendir = open_dir;
        g->gl_closedir = close_dir;
        g->gl_readdir = reinterpret_cast<Readdir>(read_dir);
        g->gl_stat = reinterpret_cast<Stat>(stat_path);
        g->gl_lstat = reinterpret_cast<Stat>(lstat_path);
        flags |= GLOB_ALTDIRFUNC;
    }
    int r = real(pattern, flags, errfunc, g);
    if (ours) g->gl_flags &= ~GLOB_ALTDIRFUNC;  // the caller did not ask for it
    return r;
}

void free_with(const char* name, void* g) {
    auto real = reinterpret_cast<GlobFreeFn>(dlsym(RTLD_NEXT, name));
    if (real) real(g);
}

}  // namespace

UKP_EXPORT int glob(const char* pattern, int flags, ErrFn errfunc, glob_t* g) {
    UKP_ENTRY_ARGS(libc, pattern, flags, errfunc, g);
    return run("glob", pattern, flags, errfunc, g);
}
UKP_EXPORT int glob64(const char* pattern, int flags, ErrFn errfunc, glob64_t* g) {
    UKP_ENTRY_ARGS(libc, pattern, flags, errfunc, g);
    return run("glob64", pattern, flags, errfunc, g);
}
UKP_EXPORT void globfree(glob_t* g) { UKP_ENTRY_ARGS(libc, g); free_with("globfree", g); }
UKP_EXPORT void globfree64(glob64_t* g) { UKP_ENTRY_ARGS(libc, g); free_with("globfree64", g); }
