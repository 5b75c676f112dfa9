// Host files for hostfs: handle-based calls, one name component at a time.
//
// Linux: every component is opened with openat2(RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS) relative to a directory
// handle, as an O_PATH reference; I/O handles are reopened from a reference
// through /proc/self/fd (the same inode, with the host's access checks), so
// the host never resolves a path the application wrote. Other hosts: openat
// with O_NOFOLLOW, which refuses a final symlink but is the only guard there
// (no O_PATH: references are read-only descriptors, symlinks cannot be held).
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>

#include "../host.hpp"
#include "libc.hpp"

#ifdef __linux__
#include <linux/openat2.h>
#endif

namespace ukp::host {
namespace {

// The host libc's own functions: libukp exports several of these names
// (openat, fstatat, pread, ...), so they are looked up past it.
struct FileLibc {
    int (*openat)(int, const char*, int, ...);
    int (*close)(int);
    int (*fstatat)(int, const char*, struct stat*, int);
    int (*fstatfs)(int, struct statfs*);
    ssize_t (*pread)(int, void*, size_t, off_t);
    ssize_t (*pwrite)(int, const void*, size_t, off_t);
    int (*ftruncate)(int, off_t);
    int (*fsync)(int);
    off_t (*lseek)(int, off_t, int);
    int (*mkdirat)(int, const char*, mode_t);
    int (*mknodat)(int, const char*, mode_t, dev_t);
    int (*unlinkat)(int, const char*, int);
    int (*renameat)(int, const char*, int, const char*);
    int (*symlinkat)(const char*, int, const char*);
    ssize_t (*readlinkat)(int, const char*, char*, size_t);
    int (*linkat)(int, const char*, int, const char*, int);
    int (*fchmodat)(int, const char*, mode_t, int);
    int (*fchownat)(int, const char*, uid_t, gid_t, int);
    int (*utimensat)(int, const char*, const struct timespec*, int);
    long (*syscall)(long, ...);
};

template <typename F>
void resolve(F& slot, const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) p = dlsym(RTLD_DEFAULT, name);
    if (!p) panic("ukp host: cannot find a libc function for host files");
    slot = reinterpret_cast<F>(p);
}

const FileLibc& fl() {
    static const FileLibc table = [] {
        FileLibc t{};
        resolve(t.openat, "openat");
        resolve(t.close, "close");
        resolve(t.fstatat, "fstatat");
        resolve(t.fstatfs, "fstatfs");
        resolve(t.pread, "pread");
        resolve(t.pwrite, "pwrite");
        resolve(t.ftruncate, "ftruncate");
        resolve(t.fsync, "fsync");
        resolve(t.lseek, "lseek");
        resolve(t.mkdirat, "mkdirat");
        resolve(t.mknodat, "mknodat");
        resolve(t.unlinkat, "unlinkat");
        resolve(t.renameat, "renameat");
        resolve(t.symlinkat, "symlinkat");
        resolve(t.readlinkat, "readlinkat");
        resolve(t.linkat, "linkat");
        resolve(t.fchmodat, "fchmodat");
        resolve(t.fchownat, "fchownat");
        resolve(t.utimensat, "utimensat");
        resolve(t.syscall, "syscall");
        return t;
    }();
    return table;
}

// The host's errno in Linux numbering (the same numbers on Linux).
int lx_errno(int e) {
#ifdef __linux__
    return e;
#else
    switch (e) {
        case EPERM: return 1; case ENOENT: return 2; case EIO: return 5; case EBADF: return 9;
        case EAGAIN: return 11; case ENOMEM: return 12; case EACCES: return 13; case EEXIST: return 17;
        case EXDEV: return 18; case ENOTDIR: return 20; case EISDIR: return 21; case EINVAL: return 22;
        case EMFILE: return 24; case EFBIG: return 27; case ENOSPC: return 28; case EROFS: return 30;
        case EMLINK: return 31; case ENAMETOOLONG: return 36; case ENOTEMPTY: return 39;
        case ELOOP: return 40; case EOPNOTSUPP: return 95; case EDQUOT: return 122;
        default: return 5;  // EIO
    }
#endif
}
int fail() { return -lx_errno(errno); }

bool bad_name(const char* name) {
    return !name[0] || (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) || strchr(name, '/');
}

int fd_of(FileHandle h) { return static_cast<int>(h); }

void to_file_stat(const struct stat& s, FileStat* out) {
    out->dev = static_cast<std::uint64_t>(s.st_dev);
    out->ino = static_cast<std::uint64_t>(s.st_ino);
    out->mode = static_cast<std::uint32_t>(s.st_mode);  // S_IF* and permission bits match Linux's
    out->nlink = static_cast<std::uint32_t>(s.st_nlink);
    out->uid = s.st_uid;
    out->gid = s.st_gid;
    out->rdev = static_cast<std::uint64_t>(s.st_rdev);
    out->size = s.st_size;
    out->blocks = s.st_blocks;
    out->blksize = static_cast<std::uint32_t>(s.st_blksize);
#ifdef __APPLE__
    out->atime = {s.st_atimespec.tv_sec, s.st_atimespec.tv_nsec};
    out->mtime = {s.st_mtimespec.tv_sec, s.st_mtimespec.tv_nsec};
    out->ctime = {s.st_ctimespec.tv_sec, s.st_ctimespec.tv_nsec};
#else
    out->atime = {s.st_atim.tv_sec, s.st_atim.tv_nsec};
    out->mtime = {s.st_mtim.tv_sec, s.st_mtim.tv_nsec};
    out->ctime = {s.st_ctim.tv_sec, s.st_ctim.tv_nsec};
#endif
}

int stat_handle(int fd, FileStat* st) {
    struct stat s;
#ifdef __linux__
    if (fl().fstatat(fd, "", &s, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) return fail();
#else
    if (fl().fstatat(fd, ".", &s, 0) != 0 && fstat(fd, &s) != 0) return fail();
#endif
    to_file_stat(s, st);
    return 0;
}

// Opens one component below dir, never following a symlink or leaving dir.
int open_beneath(int dir, const char* name, int flags, std::uint32_t mode = 0) {
#ifdef __linux__
    struct open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.mode = mode;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = fl().syscall(SYS_openat2, dir, name, &how, sizeof how);
    return fd < 0 ? -1 : static_cast<int>(fd);
#else
    return fl().openat(dir, name, flags | O_CLOEXEC | O_NOFOLLOW, mode);
#endif
}

#define TRY_HOST(expr)              \
    do {                            \
        if (int r_ = (expr); r_ < 0) return r_; \
    } while (0)

int reference_flags() {
#ifdef __linux__
    return O_PATH | O_NOFOLLOW;
#else
    return O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
#endif
}

int lookup_fd(int dir, const char* name, FileHandle* out, FileStat* st) {
    int fd = open_beneath(dir, name, reference_flags());
    if (fd < 0) return fail();
    if (int r = stat_handle(fd, st); r < 0) {
        fl().close(fd);
        return r;
    }
    *out = fd;
    return 0;
}

#ifdef __linux__
// /proc/self/fd/N: reaches the inode an O_PATH handle pins, whatever its name is now.
struct FdPath {
    char text[40];
    explicit FdPath(int fd) { snprintf(text, sizeof text, "/proc/self/fd/%d", fd); }
};
#endif

}  // namespace

int file_open_root(const char* path, FileHandle* out, FileStat* st) {
    if (path[0] != '/') return -22;  // EINVAL
#ifdef __linux__
    int fd = fl().openat(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
#else
    int fd = fl().openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
    if (fd < 0) return fail();
    if (int r = stat_handle(fd, st); r < 0) {
        fl().close(fd);
        return r;
    }
    *out = fd;
    return 0;
}

int file_lookup(FileHandle dir, const char* name, FileHandle* out, FileStat* st) {
    if (bad_name(name)) return -22;
    return lookup_fd(fd_of(dir), name, out, st);
}

int file_stat_at(FileHandle dir, const char* name, FileStat* st) {
    if (bad_name(name)) return -22;
    // One component, not followed: nothing here can leave dir.
    struct stat s;
    if (fl().fstatat(fd_of(dir), name, &s, AT_SYMLINK_NOFOLLOW) != 0) return fail();
    to_file_stat(s, st);
    return 0;
}

int file_create(FileHandle dir, const char* name, std::uint32_t mode, FileHandle* out, FileStat* st) {
    if (bad_name(name)) return -22;
    const int d = fd_of(dir);
    const std::uint32_t type = mode & S_IFMT, perm = mode & 07777;
    switch (type) {
        case S_IFREG: {
            // O_CREAT|O_EXCL never follows a symlink in the last component.
            int fd = open_beneath(d, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, perm);
            if (fd < 0) return fail();
            fl().close(fd);
            break;
        }
        case S_IFDIR:
            if (fl().mkdirat(d, name, perm) != 0) return fail();
            break;
        case S_IFIFO:
        case S_IFSOCK:
            if (fl().mknodat(d, name, type | perm, 0) != 0) return fail();
            break;
        default:
            return -1;  // EPERM: no device nodes on the host
    }
    TRY_HOST(lookup_fd(d, name, out, st));
    // The host's umask took bits the kernel meant to keep (it applied its
    // own); set them on the node just made, through its handle: a name
    // swapped meanwhile would have another type and is left alone.
    if ((st->mode & S_IFMT) == type && (st->mode & 07777) != perm) {
        FileSetAttr a{};
        a.mask = FileSetAttr::kMode;
        a.mode = perm;
        if (file_setattr(*out, a) == 0) stat_handle(fd_of(*out), st);
    }
    return 0;
}

int file_symlink(FileHandle dir, const char* name, const char* target, FileHandle* out, FileStat* st) {
    if (bad_name(name)) return -22;
    // The target is only text here; the kernel resolves it in its own namespace.
    if (fl().symlinkat(target, fd_of(dir), name) != 0) return fail();
    return lookup_fd(fd_of(dir), name, out, st);
}

int file_open(FileHandle node, int lx_flags, FileHandle* out) {
    int flags = O_CLOEXEC;
    switch (lx_flags & 3) {
        case 1: flags |= O_WRONLY; break;
        case 2: flags |= O_RDWR; break;
        default: flags |= O_RDONLY; break;
    }
    if (lx_flags & 02000) flags |= O_APPEND;
    if (lx_flags & 0200000) flags |= O_DIRECTORY;
    if ((lx_flags & 04010000) == 04010000) flags |= O_SYNC;
    else if (lx_flags & 010000) flags |= O_DSYNC;
#ifdef __linux__
    int fd;
    if (lx_flags & 0200000) {
        fd = open_beneath(fd_of(node), ".", flags);
    } else {
        FdPath p(fd_of(node));
        fd = fl().openat(AT_FDCWD, p.text, flags);
    }
#else
    int fd = fl().openat(fd_of(node), ".", flags);  // directories; files keep their reference
    if (fd < 0 && errno == ENOTDIR) fd = dup(fd_of(node));
#endif
    if (fd < 0) return fail();
    *out = fd;
    return 0;
}

void file_close(FileHandle h) {
    if (h >= 0) fl().close(fd_of(h));
}

int file_stat(FileHandle h, FileStat* st) { return stat_handle(fd_of(h), st); }

int file_statfs(FileHandle h, FileStatfs* st) {
    struct statfs s;
    if (fl().fstatfs(fd_of(h), &s) != 0) return fail();
    st->type = static_cast<std::int64_t>(s.f_type);
    st->bsize = static_cast<std::int64_t>(s.f_bsize);
#ifdef __linux__
    st->frsize = static_cast<std::int64_t>(s.f_frsize);
    st->namelen = static_cast<std::int64_t>(s.f_namelen);
#else
    st->frsize = static_cast<std::int64_t>(s.f_bsize);
    st->namelen = 255;
#endif
    st->blocks = s.f_blocks;
    st->bfree = s.f_bfree;
    st->bavail = s.f_bavail;
    st->files = s.f_files;
    st->ffree = s.f_ffree;
    return 0;
}

std::ptrdiff_t file_read(FileHandle io, void* buf, std::size_t n, std::int64_t off) {
    ssize_t r = fl().pread(fd_of(io), buf, n, off);
    return r < 0 ? fail() : r;
}

std::ptrdiff_t file_write(FileHandle io, const void* buf, std::size_t n, std::int64_t off) {
    ssize_t r = fl().pwrite(fd_of(io), buf, n, off);
    return r < 0 ? fail() : r;
}

int file_truncate(FileHandle node, std::int64_t size) {
    FileHandle io = -1;
    if (int r = file_open(node, 1, &io); r < 0) return r;
    int r = fl().ftruncate(fd_of(io), size) == 0 ? 0 : fail();
    file_close(io);
    return r;
}

int file_sync(FileHandle io) { return fl().fsync(fd_of(io)) == 0 ? 0 : fail(); }

int file_allocate(FileHandle io, std::int64_t off, std::int64_t len, bool keep_size) {
#ifdef __linux__
    long r = fl().syscall(SYS_fallocate, fd_of(io), keep_size ? FALLOC_FL_KEEP_SIZE : 0, static_cast<off_t>(off),
                          static_cast<off_t>(len));
    return r == 0 ? 0 : fail();
#else
    // posix_fallocate always grows the size; it returns the error.
    if (keep_size) return -95;  // EOPNOTSUPP
    int e = posix_fallocate(fd_of(io), static_cast<off_t>(off), static_cast<off_t>(len));
    return e == 0 ? 0 : -lx_errno(e);
#endif
}

std::ptrdiff_t file_readdir(FileHandle dir, std::uint64_t cookie, void* buf, std::size_t cap) {
    // A handle of its own per call: the position is the cookie, nothing is shared.
    int fd = open_beneath(fd_of(dir), ".", O_RDONLY | O_DIRECTORY);
    if (fd < 0) return fail();
    std::ptrdiff_t r = 0;
    if (cookie && fl().lseek(fd, static_cast<off_t>(cookie), SEEK_SET) < 0) {
        r = fail();
    } else {
#ifdef __linux__
        long n = fl().syscall(SYS_getdents64, fd, buf, cap);
        r = n < 0 ? fail() : n;
#else
        r = -38;  // ENOSYS: TODO(#5) readdir for non-Linux hosts (fdopendir + telldir cookies)
        (void)buf;
        (void)cap;
#endif
    }
    fl().close(fd);
    return r;
}

int file_unlink(FileHandle dir, const char* name, bool is_dir) {
    if (bad_name(name)) return -22;
    return fl().unlinkat(fd_of(dir), name, is_dir ? AT_REMOVEDIR : 0) == 0 ? 0 : fail();
}

int file_rename(FileHandle old_dir, const char* old_name, FileHandle new_dir, const char* new_name,
                unsigned lx_flags) {
    if (bad_name(old_name) || bad_name(new_name)) return -22;
#ifdef __linux__
    long r = fl().syscall(SYS_renameat2, fd_of(old_dir), old_name, fd_of(new_dir), new_name, lx_flags);
    return r == 0 ? 0 : fail();
#else
    if (lx_flags) return -22;
    return fl().renameat(fd_of(old_dir), old_name, fd_of(new_dir), new_name) == 0 ? 0 : fail();
#endif
}

std::ptrdiff_t file_readlink(FileHandle link, char* buf, std::size_t cap) {
#ifdef __linux__
    ssize_t n = fl().readlinkat(fd_of(link), "", buf, cap);
#else
    ssize_t n = -1;
    errno = EINVAL;
    (void)link, (void)buf, (void)cap;
#endif
    return n < 0 ? fail() : n;
}

int file_link(FileHandle node, FileHandle dir, const char* name) {
    if (bad_name(name)) return -22;
#ifdef __linux__
    // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; the magic link followed from
    // the host's own /proc names the same inode without it. Both ends are
    // handles inside the volume.
    FdPath p(fd_of(node));
    return fl().linkat(AT_FDCWD, p.text, fd_of(dir), name, AT_SYMLINK_FOLLOW) == 0 ? 0 : fail();
#else
    (void)node;
    return -1;  // EPERM
#endif
}

int file_setattr(FileHandle node, const FileSetAttr& a) {
    const int fd = fd_of(node);
#ifdef __linux__
    FdPath p(fd);
    const char* path = p.text;
    const int dir = AT_FDCWD;
#else
    const char* path = ".";
    const int dir = fd;
#endif
    if (a.mask & (FileSetAttr::kUid | FileSetAttr::kGid)) {
        uid_t uid = (a.mask & FileSetAttr::kUid) ? a.uid : static_cast<uid_t>(-1);
        gid_t gid = (a.mask & FileSetAttr::kGid) ? a.gid : static_cast<gid_t>(-1);
#ifdef __linux__
        if (fl().fchownat(fd, "", uid, gid, AT_EMPTY_PATH) != 0) return fail();
#else
        if (fl().fchownat(dir, path, uid, gid, 0) != 0) return fail();
#endif
    }
    if (a.mask & FileSetAttr::kMode) {
        if (fl().fchmodat(dir, path, a.mode & 07777, 0) != 0) return fail();
    }
    if (a.mask & (FileSetAttr::kAtime | FileSetAttr::kMtime)) {
        struct timespec ts[2];
        ts[0].tv_sec = a.atime.sec;
        ts[0].tv_nsec = (a.mask & FileSetAttr::kAtime) ? a.atime.nsec : UTIME_OMIT;
        ts[1].tv_sec = a.mtime.sec;
        ts[1].tv_nsec = (a.mask & FileSetAttr::kMtime) ? a.mtime.nsec : UTIME_OMIT;
        if (ts[0].tv_nsec == (1l << 30) - 1) ts[0].tv_nsec = UTIME_NOW;
        if (ts[1].tv_nsec == (1l << 30) - 1) ts[1].tv_nsec = UTIME_NOW;
        if (fl().utimensat(dir, path, ts, 0) != 0) return fail();
    }
    return 0;
}

std::intptr_t file_map(FileHandle io, void* addr, std::size_t len, int prot, int flags, std::int64_t off) {
    // Linux's values, and the host's where they differ; a flag the host
    // lacks only tunes how the mapping is made, so it is dropped.
    struct Bit {
        int lx, host;
    };
    static constexpr Bit kBits[] = {
        {0x01, MAP_SHARED}, {0x02, MAP_PRIVATE}, {0x10, MAP_FIXED}, {0x4000, MAP_NORESERVE},
#ifdef __linux__
        {0x8000, MAP_POPULATE}, {0x2000, MAP_LOCKED}, {0x40, MAP_32BIT}, {0x100000, MAP_FIXED_NOREPLACE},
#endif
    };
    int hflags = 0;
    for (const Bit& b : kBits)
        if (flags & b.lx) hflags |= b.host;
    int hprot = (prot & 0x1 ? PROT_READ : 0) | (prot & 0x2 ? PROT_WRITE : 0) | (prot & 0x4 ? PROT_EXEC : 0);
    void* p = libc::get().mmap(addr, len, hprot, hflags, fd_of(io), static_cast<off_t>(off));
    if (p == MAP_FAILED) return fail();
    return reinterpret_cast<std::intptr_t>(p);
}

}  // namespace ukp::host
