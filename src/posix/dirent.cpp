// Directory streams over the kernel's getdents64. glibc's opendir/readdir
// use its internal __open and __getdents64, which no exported name catches,
// so DIR is ours: a kernel fd and a buffer of getdents64 records, on the
// app heap (it is the application's state, like glibc's).
//
// On x86-64 struct dirent and struct dirent64 are the getdents64 record, so
// readdir returns pointers into the buffer, as glibc does. telldir and
// seekdir use the records' d_off cookies.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/sys/sys.hpp"
#include "posix/dirstream.hpp"
#include "posix/ret.hpp"

namespace sys = ukp::sys;
using ukp::posix::host_errno;

static_assert(sizeof(struct dirent) == sizeof(struct dirent64));
static_assert(offsetof(struct dirent, d_off) == offsetof(ukp::lx_dirent64, d_off));
static_assert(offsetof(struct dirent, d_reclen) == offsetof(ukp::lx_dirent64, d_reclen));
static_assert(offsetof(struct dirent, d_type) == offsetof(ukp::lx_dirent64, d_type));
static_assert(offsetof(struct dirent, d_name) == offsetof(ukp::lx_dirent64, d_name));

// glibc's DIR is an opaque `struct __dirstream`; this is our definition.
struct __dirstream {
    int fd;
    pthread_mutex_t lock;
    size_t size;   // bytes of records in buf
    size_t pos;    // next record in buf
    off64_t filepos;  // telldir: the cookie after the last returned entry
    alignas(8) char buf[32768];
};

namespace {

DIR* make_dir(int fd) {
    auto* d = static_cast<DIR*>(malloc(sizeof(DIR)));
    if (!d) return nullptr;
    d->fd = fd;
    pthread_mutex_init(&d->lock, nullptr);
    d->size = d->pos = 0;
    d->filepos = 0;
    return d;
}

// The next record, or null at the end (errno untouched) or on error (errno set).
dirent64* next_entry(DIR* d) {
    if (d->pos >= d->size) {
        auto n = sys::getdents64(d->fd, d->buf, sizeof d->buf);
        if (!n.ok()) {
            // A directory removed under an open stream reads as ended (glibc).
            if (n.error() != ukp::LX_ENOENT) errno = host_errno(n.error());
            return nullptr;
        }
        if (n.value() == 0) return nullptr;
        d->size = n.value();
        d->pos = 0;
    }
    auto* e = reinterpret_cast<dirent64*>(d->buf + d->pos);
    d->pos += e->d_reclen;
    d->filepos = e->d_off;
    return e;
}

dirent64* read_locked(DIR* d) {
    pthread_mutex_lock(&d->lock);
    dirent64* e = next_entry(d);
    pthread_mutex_unlock(&d->lock);
    return e;
}

// readdir_r: copy the entry out; 0 with *result == null at the end.
template <typename Ent>
int read_into(DIR* d, Ent* entry, Ent** result) {
    pthread_mutex_lock(&d->lock);
    int saved = errno;
    errno = 0;
    dirent64* e = next_entry(d);
    int err = errno;
    errno = saved;
    if (e) {
        size_t len = strnlen(e->d_name, sizeof entry->d_name - 1);
        entry->d_ino = e->d_ino;
        entry->d_off = e->d_off;
        entry->d_reclen = static_cast<unsigned short>(offsetof(Ent, d_name) + len + 1);
        entry->d_type = e->d_type;
        memcpy(entry->d_name, e->d_name, len);
        entry->d_name[len] = '\0';
        *result = entry;
    } else {
        *result = nullptr;
    }
    pthread_mutex_unlock(&d->lock);
    return e ? 0 : err;
}

void close_quietly(int fd) {
    int saved = errno;
    (void)sys::close(fd);
    errno = saved;
}

}  // namespace

namespace ukp::posix {

DIR* open_dir_at(int dirfd, const char* path) {
    auto fd = sys::openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC, 0);
    if (!fd.ok()) {
        errno = host_errno(fd.error());
        return nullptr;
    }
    DIR* d = make_dir(fd.value());
    if (!d) close_quietly(fd.value());
    return d;
}

int close_dir(DIR* d) {
    int fd = d->fd;
    pthread_mutex_destroy(&d->lock);
    free(d);
    return ret<int>(sys::close(fd));
}

dirent64* read_dir(DIR* d) { return read_locked(d); }

int dir_fd(DIR* d) { return d->fd; }

}  // namespace ukp::posix

UKP_EXPORT DIR* opendir(const char* path) {
    UKP_ENTRY_ARGS(libc, path);
    return ukp::posix::ret_ptr(ukp::posix::open_dir_at(AT_FDCWD, path));
}

UKP_EXPORT DIR* fdopendir(int fd) {
    UKP_ENTRY_ARGS(libc, fd);
    ukp::lx_stat st;
    auto r = sys::fstat(fd, &st);
    if (!r.ok()) return ukp::posix::ret_ptr(ukp::posix::fail_null<DIR>(r.error()));
    if (!ukp::lx_s_isdir(st.st_mode)) return ukp::posix::ret_ptr(ukp::posix::fail_null<DIR>(ukp::LX_ENOTDIR));
    // An O_PATH or write-only fd cannot be read (glibc checks the same).
    auto fl = sys::fcntl(fd, F_GETFL, 0);
    if (!fl.ok()) return ukp::posix::ret_ptr(ukp::posix::fail_null<DIR>(fl.error()));
    if ((fl.value() & O_PATH) || (fl.value() & O_ACCMODE) == O_WRONLY)
        return ukp::posix::ret_ptr(ukp::posix::fail_null<DIR>(ukp::LX_EBADF));
    return ukp::posix::ret_ptr(make_dir(fd));
}

UKP_EXPORT int closedir(DIR* d) {
    UKP_ENTRY_ARGS(libc, d);
    // glibc gives EINVAL for a null stream; hide the check from the
    // header's nonnull attribute, which would let the compiler drop it.
    asm("" : "+r"(d));
    if (!d) {
        errno = EINVAL;
        return -1;
    }
    return ukp::posix::close_dir(d);
}

UKP_EXPORT struct dirent* readdir(DIR* d) {
    UKP_ENTRY_ARGS(libc, d);
    return reinterpret_cast<struct dirent*>(read_locked(d));
}
UKP_EXPORT struct dirent64* readdir64(DIR* d) { UKP_ENTRY_ARGS(libc, d); return read_locked(d); }
UKP_EXPORT int readdir_r(DIR* d, struct dirent* entry, struct dirent** result) {
    UKP_ENTRY_ARGS(libc, d, entry, result);
    return read_into(d, entry, result);
}
UKP_EXPORT int readdir64_r(DIR* d, struct dirent64* entry, struct dirent64** result) {
    UKP_ENTRY_ARGS(libc, d, entry, result);
    return read_into(d, entry, result);
}

UKP_EXPORT void seekdir(DIR* d, long pos) {
    UKP_ENTRY_ARGS(libc, d, pos);
    pthread_mutex_lock(&d->lock);
    (void)sys::lseek(d->fd, pos, SEEK_SET);
    d->size = d->pos = 0;
    d->filepos = pos;
    pthread_mutex_unlock(&d->lock);
}

UKP_EXPORT void rewinddir(DIR* d) { UKP_ENTRY_ARGS(libc, d); seekdir(d, 0); }

UKP_EXPORT long telldir(DIR* d) {
    UKP_ENTRY_ARGS(libc, d);
    pthread_mutex_lock(&d->lock);
    long pos = d->filepos;
    pthread_mutex_unlock(&d->lock);
    return pos;
}

UKP_EXPORT int dirfd(DIR* d) { UKP_ENTRY_ARGS(libc, d); return d->fd; }
