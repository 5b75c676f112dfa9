// The stdio bridge: fopen and friends give the application a real glibc
// FILE whose bytes go through the kernel.
//
// glibc's own fopen opens with its internal __open, which no exported name
// can intercept. We open in the kernel and wrap the fd with fopencookie; the
// cookie functions are kernel calls. The FILE's _fileno is set to the kernel
// fd so that fileno() works: libstdc++'s std::fstream opens with fopen and
// then reads, writes and seeks fileno() directly. This is safe with glibc's
// cookie streams: every vtable slot that would use the fd (read, write,
// seek, close) is a cookie slot, the stat slot is _IO_default_stat (fails,
// so buffer sizing and the SEEK_END shortcut fall back to seeking), and
// fclose/freopen only test _fileno against -1. Append mode is the kernel's
// O_APPEND, exactly as glibc's file streams rely on.
//
// stdin, stdout and stderr stay glibc's streams on the host's fds 0, 1, 2,
// which are also the kernel's fds 0, 1, 2.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"
#include "posix/tempname.hpp"

namespace sys = ukp::sys;
using ukp::posix::host_errno;

namespace {

// glibc's private FILE flag bits (libio/libio.h), needed to change a
// stream's direction in place for freopen.
constexpr int kIoNoReads = 0x0004, kIoNoWrites = 0x0008, kIoEofSeen = 0x0010;
constexpr int kIoErrSeen = 0x0020, kIoIsAppending = 0x1000;

// What a mode string asks for.
struct Mode {
    int flags;               // open(2) flags
    const char* cookie_mode; // normalised mode for fopencookie
    bool seek_end;           // "a" without "+": glibc positions at the end
};

// fopen's mode grammar: r|w|a, then any of + b x e m c, up to ",ccs=".
bool parse_mode(const char* mode, Mode& out) {
    if (!mode) return false;
    int acc;
    int extra;
    char kind = mode[0];
    switch (kind) {
        case 'r': acc = O_RDONLY; extra = 0; break;
        case 'w': acc = O_WRONLY; extra = O_CREAT | O_TRUNC; break;
        case 'a': acc = O_WRONLY; extra = O_CREAT | O_APPEND; break;
        default: return false;
    }
    bool plus = false;
    for (const char* p = mode + 1; *p && *p != ','; ++p) {
        switch (*p) {
            case '+': plus = true; break;
            case 'x': extra |= O_EXCL; break;
            case 'e': extra |= O_CLOEXEC; break;
            default: break;  // b, m, c and unknown letters: ignored, as glibc
        }
    }
    if (plus) acc = O_RDWR;
    out.flags = acc | extra;
    static const char* const kModes[2][3] = {{"r", "w", "a"}, {"r+", "w+", "a+"}};
    out.cookie_mode = kModes[plus][kind == 'r' ? 0 : kind == 'w' ? 1 : 2];
    out.seek_end = kind == 'a' && !plus;
    return true;
}

// FILE flags for a mode, as _IO_file_fopen sets them.
int rw_flags(const Mode& m) {
    switch (m.flags & O_ACCMODE) {
        case O_RDONLY: return kIoNoWrites;
        case O_WRONLY: return kIoNoReads | ((m.flags & O_APPEND) ? kIoIsAppending : 0);
        default: return (m.flags & O_APPEND) ? kIoIsAppending : 0;
    }
}

// The cookie: one per stream, on the app heap (app-side state). Kept in a
// list so freopen can find the cookie behind a FILE.
struct Stream {
    int fd;
    FILE* file;
    Stream* next;
};

pthread_mutex_t g_streams_lock = PTHREAD_MUTEX_INITIALIZER;
Stream* g_streams = nullptr;

void link_stream(Stream* s) {
    pthread_mutex_lock(&g_streams_lock);
    s->next = g_streams;
    g_streams = s;
    pthread_mutex_unlock(&g_streams_lock);
}

void unlink_stream(Stream* s) {
    pthread_mutex_lock(&g_streams_lock);
    for (Stream** p = &g_streams; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            break;
        }
    }
    pthread_mutex_unlock(&g_streams_lock);
}

Stream* find_stream(FILE* f) {
    pthread_mutex_lock(&g_streams_lock);
    Stream* s = g_streams;
    while (s && s->file != f) s = s->next;
    pthread_mutex_unlock(&g_streams_lock);
    return s;
}

template <typename T>
bool failed(const ukp::Result<T>& r) {
    if (r.ok()) return false;
    errno = host_errno(r.error());
    return true;
}

ssize_t stream_read(void* cookie, char* buf, size_t n) {
    UKP_ENTRY;  // glibc calls these from the application's stdio calls
    auto r = sys::read(static_cast<Stream*>(cookie)->fd, buf, n);
    return failed(r) ? -1 : static_cast<ssize_t>(r.value());
}

// glibc marks the stream in error on any short write, so finish the job.
ssize_t stream_write(void* cookie, const char* buf, size_t n) {
    UKP_ENTRY;
    size_t done = 0;
    while (done < n) {
        auto r = sys::write(static_cast<Stream*>(cookie)->fd, buf + done, n - done);
        if (!r.ok() && r.error() == ukp::LX_EINTR) continue;
        if (failed(r)) return done ? static_cast<ssize_t>(done) : -1;
        if (r.value() == 0) break;
        done += r.value();
    }
    return static_cast<ssize_t>(done);
}

int stream_seek(void* cookie, off64_t* pos, int whence) {
    UKP_ENTRY;
    auto r = sys::lseek(static_cast<Stream*>(cookie)->fd, *pos, whence);
    if (failed(r)) return -1;
    *pos = r.value();
    return 0;
}

int stream_close(void* cookie) {
    UKP_ENTRY;
    auto* s = static_cast<Stream*>(cookie);
    unlink_stream(s);
    auto r = sys::close(s->fd);
    free(s);
    return failed(r) ? -1 : 0;
}

constexpr cookie_io_functions_t kStreamIo = {stream_read, stream_write, stream_seek, stream_close};

// Wraps an open kernel fd; on failure the fd stays open (the caller decides).
FILE* wrap_fd(int fd, const Mode& m) {
    auto* s = static_cast<Stream*>(malloc(sizeof(Stream)));
    if (!s) return nullptr;
    s->fd = fd;
    FILE* f = fopencookie(s, m.cookie_mode, kStreamIo);
    if (!f) {
        free(s);
        return nullptr;
    }
    s->file = f;
    f->_fileno = fd;
    // glibc sizes a stream's buffer from fstat, which a cookie stream lacks;
    // keep its one visible rule: a terminal is line-buffered.
    ukp::lx_stat st;
    char termios[64];
    if (sys::fstat(fd, &st).ok() && (st.st_mode & ukp::LX_S_IFMT) == ukp::LX_S_IFCHR &&
        sys::ioctl(fd, ukp::LX_TCGETS, termios).ok())
        setvbuf(f, nullptr, _IOLBF, 0);
    link_stream(s);
    return f;
}

void close_quietly(int fd) {
    int saved = errno;
    (void)sys::close(fd);
    errno = saved;
}

FILE* open_stream(const char* path, const char* mode) {
    Mode m;
    if (!parse_mode(mode, m)) {
        errno = EINVAL;
        return nullptr;
    }
    auto fd = sys::openat(AT_FDCWD, path, m.flags, 0666);
    if (failed(fd)) return nullptr;
    if (m.seek_end) (void)sys::lseek(fd.value(), 0, SEEK_END);
    FILE* f = wrap_fd(fd.value(), m);
    if (!f) close_quietly(fd.value());
    return f;
}

// Puts the stream into the direction `m` asks for, after a flush: unread
// input is dropped, error and end-of-file are cleared, orientation reset.
void reset_stream(FILE* f, const Mode& m, int fd) {
    f->_flags = (f->_flags & ~(kIoNoReads | kIoNoWrites | kIoIsAppending | kIoEofSeen | kIoErrSeen)) |
                rw_flags(m);
    f->_IO_read_end = f->_IO_read_ptr;
    f->_mode = 0;
    f->_fileno = fd;
}

// freopen(NULL, mode, f) where /proc cannot reopen the file: the open file
// description is reused if its access mode allows; O_APPEND follows the
// mode, "w" truncates.
int reuse_same(int fd, const Mode& m) {
    auto fl = sys::fcntl(fd, F_GETFL, 0);
    if (failed(fl)) return -1;
    int have = static_cast<int>(fl.value()) & O_ACCMODE;
    int want = m.flags & O_ACCMODE;
    if (have != O_RDWR && have != want) {
        errno = EBADF;
        return -1;
    }
    long nfl = (fl.value() & ~O_APPEND) | (m.flags & O_APPEND);
    if (failed(sys::fcntl(fd, F_SETFL, static_cast<unsigned long>(nfl)))) return -1;
    if ((m.flags & O_TRUNC) && failed(sys::ftruncate(fd, 0))) return -1;
    if (!(m.flags & O_APPEND)) (void)sys::lseek(fd, 0, SEEK_SET);
    return fd;
}

// Opens `path` and moves it to descriptor number `keep`, as glibc's freopen
// keeps the stream's fd number (freopen on stdout keeps it at 1).
int reopen_path(const char* path, const Mode& m, int keep) {
    auto nfd = sys::openat(AT_FDCWD, path, m.flags, 0666);
    if (failed(nfd)) return -1;
    int fd = nfd.value();
    if (keep >= 0 && fd != keep) {
        auto d = sys::dup3(fd, keep, m.flags & O_CLOEXEC);
        close_quietly(fd);
        if (failed(d)) return -1;
        fd = keep;
    }
    if (m.seek_end) (void)sys::lseek(fd, 0, SEEK_END);
    return fd;
}

// freopen(NULL, mode, f): a new mode on the same file. Like glibc, open
// /proc/self/fd/N again (a new open file description at the new mode).
int reopen_same(int fd, const Mode& m) {
    char proc[32];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    int saved = errno;
    int nfd = reopen_path(proc, m, fd);
    if (nfd >= 0) return nfd;
    errno = saved;
    return reuse_same(fd, m);
}

FILE* reopen_stream(const char* path, const char* mode, FILE* f) {
    Mode m;
    if (!f) {
        errno = EINVAL;
        return nullptr;
    }
    Stream* s = find_stream(f);
    if (!parse_mode(mode, m)) {
        if (s) fclose(f);  // glibc closes the stream whatever failed
        errno = EINVAL;
        return nullptr;
    }
    fflush(f);
    if (!s) {
        // A stream glibc opened (stdin/stdout/stderr): its host fd number is
        // also a kernel fd; redirect that one, as glibc's freopen dup3s onto
        // the old number. glibc's own stream keeps using that number.
        int old = fileno(f);
        if (old < 0) return nullptr;
        int fd = path ? reopen_path(path, m, old) : reopen_same(old, m);
        if (fd < 0) return nullptr;
        clearerr(f);
        return f;
    }
    int fd = path ? reopen_path(path, m, s->fd) : reopen_same(s->fd, m);
    if (fd < 0) {
        // glibc closes the stream when the new file cannot be opened.
        int err = errno;
        fclose(f);
        errno = err;
        return nullptr;
    }
    flockfile(f);
    s->fd = fd;
    reset_stream(f, m, fd);
    funlockfile(f);
    return f;
}

FILE* open_fd(int fd, const char* mode) {
    Mode m;
    if (!parse_mode(mode, m)) {
        errno = EINVAL;
        return nullptr;
    }
    auto fl = sys::fcntl(fd, F_GETFL, 0);
    if (failed(fl)) return nullptr;
    int have = static_cast<int>(fl.value()) & O_ACCMODE;
    int want = m.flags & O_ACCMODE;
    if ((have == O_RDONLY && want != O_RDONLY) || (have == O_WRONLY && want != O_WRONLY)) {
        errno = EINVAL;
        return nullptr;
    }
    if ((m.flags & O_APPEND) && !(fl.value() & O_APPEND)) {
        if (failed(sys::fcntl(fd, F_SETFL, static_cast<unsigned long>(fl.value() | O_APPEND)))) return nullptr;
    } else {
        m.seek_end = false;  // glibc moves to the end only when it added O_APPEND
    }
    if (m.seek_end) (void)sys::lseek(fd, 0, SEEK_END);
    return wrap_fd(fd, m);
}

// Unnamed temporary file in /tmp: O_TMPFILE where the kernel has it,
// otherwise a unique name that is unlinked at once.
FILE* open_tmpfile() {
    Mode m;
    parse_mode("w+", m);
    m.flags = O_RDWR;
    auto fd = sys::openat(AT_FDCWD, P_tmpdir, O_TMPFILE | O_RDWR, 0600);
    int n;
    if (fd.ok()) {
        n = fd.value();
    } else {
        char name[] = P_tmpdir "/tmpfXXXXXX";
        n = ukp::posix::gen_tempname(name, 0, 0, ukp::posix::TempKind::kFile);
        if (n < 0) return nullptr;
        (void)sys::unlinkat(AT_FDCWD, name, 0);
    }
    FILE* f = wrap_fd(n, m);
    if (!f) close_quietly(n);
    return f;
}

}  // namespace

UKP_EXPORT FILE* fopen(const char* path, const char* mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    UKP_HOST_PASSTHROUGH(fopen, path, mode);
    return ukp::posix::ret_ptr(open_stream(path, mode));
}
UKP_EXPORT FILE* fopen64(const char* path, const char* mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    UKP_HOST_PASSTHROUGH(fopen64, path, mode);
    return ukp::posix::ret_ptr(open_stream(path, mode));
}
UKP_EXPORT FILE* fdopen(int fd, const char* mode) {
    UKP_ENTRY_ARGS(libc, fd, mode);
    return ukp::posix::ret_ptr(open_fd(fd, mode));
}
UKP_EXPORT FILE* freopen(const char* path, const char* mode, FILE* f) {
    UKP_ENTRY_ARGS(libc, path, mode, f);
    return ukp::posix::ret_ptr(reopen_stream(path, mode, f));
}
UKP_EXPORT FILE* freopen64(const char* path, const char* mode, FILE* f) {
    UKP_ENTRY_ARGS(libc, path, mode, f);
    return ukp::posix::ret_ptr(reopen_stream(path, mode, f));
}
UKP_EXPORT FILE* tmpfile(void) { UKP_ENTRY_ARGS(libc); return ukp::posix::ret_ptr(open_tmpfile()); }
UKP_EXPORT FILE* tmpfile64(void) { UKP_ENTRY_ARGS(libc); return ukp::posix::ret_ptr(open_tmpfile()); }

// remove(3): glibc's calls its internal unlink/rmdir.
UKP_EXPORT int remove(const char* path) {
    UKP_ENTRY_ARGS(libc, path);
    auto r = sys::unlinkat(AT_FDCWD, path, 0);
    if (!r.ok() && r.error() == ukp::LX_EISDIR) r = sys::unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
    return ukp::posix::ret(r);
}
