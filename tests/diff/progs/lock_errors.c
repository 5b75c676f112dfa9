// fcntl lock error paths: EBADF for the access mode, EINVAL for whence,
// type and l_pid, EOVERFLOW and EINVAL for ranges, bad fds and pointers.
#include "lock_common.h"

static void getlk_ret(int fd, int cmd, struct flock l) {
    errno = 0;
    int r = fcntl(fd, cmd, &l);
    printf("  -> %s type=%s\n", r < 0 ? en(errno) : "ok", ltype(l.l_type));
}

int main(void) {
    write_file("f", "0123456789");
    int r = MUST(open("f", O_RDONLY));
    int w = MUST(open("f", O_WRONLY));
    int rw = MUST(open("f", O_RDWR));
    int p = MUST(open("f", O_PATH));
    printf("access modes:\n");
    LK(r, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
    LK(r, F_SETLK, F_RDLCK, SEEK_SET, 0, 1);
    LK(w, F_SETLK, F_RDLCK, SEEK_SET, 0, 1);
    LK(w, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1);
    LK(w, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0, 1);
    LK(r, F_OFD_SETLKW, F_WRLCK, SEEK_SET, 0, 1);
    LK(r, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    LK(w, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    getlk(w, F_GETLK, F_RDLCK, 0, 0);
    getlk(r, F_OFD_GETLK, F_WRLCK, 0, 0);
    LK(p, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    LK(p, F_GETLK, F_RDLCK, SEEK_SET, 0, 0);
    LK(99, F_SETLK, F_RDLCK, SEEK_SET, 0, 0);
    LK(-1, F_GETLK, F_RDLCK, SEEK_SET, 0, 0);

    printf("types and whence:\n");
    LK(rw, F_SETLK, 7, SEEK_SET, 0, 1);
    LK(rw, F_OFD_SETLK, -1, SEEK_SET, 0, 1);
    LK(rw, F_GETLK, F_UNLCK, SEEK_SET, 0, 1);
    LK(rw, F_GETLK, 7, SEEK_SET, 0, 1);
    LK(rw, F_SETLK, F_RDLCK, 3, 0, 1);
    LK(rw, F_SETLK, F_RDLCK, -1, 0, 1);
    LK(rw, F_GETLK, F_RDLCK, SEEK_DATA, 0, 1);
    LK(rw, F_SETLK, 7, 9, 0, 1);

    printf("OFD l_pid must be 0:\n");
    struct flock l = mk(F_RDLCK, SEEK_SET, 0, 1);
    l.l_pid = getpid();
    errno = 0;
    printf("  OFD_SETLK pid=self: %s\n", fcntl(rw, F_OFD_SETLK, &l) < 0 ? en(errno) : "ok");
    l.l_pid = -1;
    errno = 0;
    printf("  OFD_GETLK pid=-1: %s\n", fcntl(rw, F_OFD_GETLK, &l) < 0 ? en(errno) : "ok");
    l.l_pid = 5;
    l.l_type = F_WRLCK;
    errno = 0;
    printf("  OFD_SETLK WR pid=5 on O_RDONLY: %s\n", fcntl(r, F_OFD_SETLK, &l) < 0 ? en(errno) : "ok");
    l.l_pid = 12345;
    l.l_type = F_RDLCK;
    errno = 0;
    printf("  POSIX SETLK ignores l_pid: %s\n", fcntl(rw, F_SETLK, &l) < 0 ? en(errno) : "ok");
    LK(rw, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);

    printf("ranges:\n");
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, -1, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 0, -1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 5, -5);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 5, -6);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 5, INT64_MIN);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, INT64_MAX, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, INT64_MAX, 2);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, INT64_MAX, 0);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 1, INT64_MAX);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, 0, INT64_MAX);
    LK(rw, F_SETLK, F_RDLCK, SEEK_END, INT64_MAX, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_END, INT64_MAX - 10, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_END, -10, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_END, -11, 1);
    LK(rw, F_SETLK, F_RDLCK, SEEK_SET, INT64_MIN, 1);
    lseek(rw, 4, SEEK_SET);
    LK(rw, F_SETLK, F_RDLCK, SEEK_CUR, -4, 0);
    LK(rw, F_SETLK, F_RDLCK, SEEK_CUR, -5, 1);
    LK(rw, F_GETLK, F_RDLCK, SEEK_CUR, INT64_MAX, 1);
    LK(rw, F_OFD_GETLK, F_RDLCK, SEEK_SET, INT64_MAX, 2);
    LK(rw, F_SETLK, F_UNLCK, SEEK_SET, INT64_MAX, 2);
    LK(rw, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);

    printf("GETLK leaves the struct alone but for l_type when free:\n");
    struct flock g = mk(F_WRLCK, SEEK_END, -3, 2);
    g.l_pid = 77;
    errno = 0;
    int ok = fcntl(rw, F_GETLK, &g);
    printf("  %s type=%s whence=%d start=%lld len=%lld pid=%d\n", ok < 0 ? en(errno) : "ok", ltype(g.l_type),
           g.l_whence, (long long)g.l_start, (long long)g.l_len, g.l_pid);
    getlk_ret(rw, F_OFD_GETLK, mk(F_RDLCK, SEEK_SET, 0, 0));

    printf("bad pointers:\n");
    T(fcntl(rw, F_SETLK, NULLP));
    T(fcntl(rw, F_GETLK, NULLP));
    T(fcntl(rw, F_OFD_SETLKW, BADP));
    return 0;
}
