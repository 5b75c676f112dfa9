// fstat of pipe ends: a FIFO inode with mode 0600 owned by the caller,
// shared by both ends, different for every pipe; and of FIFO ends.
#include "common.h"

#include <time.h>

static void nap(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static int later(const struct timespec* a, const struct timespec* b) {
    return b->tv_sec > a->tv_sec || (b->tv_sec == a->tv_sec && b->tv_nsec > a->tv_nsec);
}

static void fields(const char* what, int fd) {
    struct stat st;
    if (fstat(fd, &st) < 0) { printf("%s: %s\n", what, en(errno)); return; }
    printf("%s: type=%s mode=%04o nlink=%lu size=%lld blksize=%ld blocks=%lld rdev=%lu own=%d\n", what,
           ftype(st.st_mode), (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink, (long long)st.st_size,
           (long)st.st_blksize, (long long)st.st_blocks, (unsigned long)st.st_rdev,
           st.st_uid == getuid() && st.st_gid == getgid());
}

int main(void) {
    int p[2], q[2];
    MUST(pipe(p));
    MUST(pipe(q));
    fields("read end", p[0]);
    fields("write end", p[1]);
    T(write(p[1], "12345", 5));
    fields("with data", p[0]);
    struct stat a, b, c;
    MUST(fstat(p[0], &a));
    MUST(fstat(p[1], &b));
    MUST(fstat(q[0], &c));
    printf("same inode both ends: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    printf("other pipe: ino differs %d, dev same %d\n", a.st_ino != c.st_ino, a.st_dev == c.st_dev);
    printf("times set: %d\n", a.st_mtime > 0 && a.st_atime > 0 && a.st_ctime > 0);
    // Linux 6.7+ leaves an anonymous pipe's times alone on I/O.
    nap(30);
    T(write(p[1], "x", 1));
    char tmp[8];
    T(read(p[0], tmp, sizeof tmp));
    MUST(fstat(p[1], &b));
    printf("pipe times moved: m=%d c=%d a=%d\n", later(&a.st_mtim, &b.st_mtim), later(&a.st_ctim, &b.st_ctim),
           later(&a.st_atim, &b.st_atim));
    T(fchmod(p[0], 0640));
    fields("after fchmod", p[1]);
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);

    umask(022);
    MUST(mkfifo("f", 0666));
    int r = MUST(open("f", O_RDONLY | O_NONBLOCK));
    int w = MUST(open("f", O_WRONLY));
    T(write(w, "abc", 3));
    fields("fifo read end", r);
    fields("fifo write end", w);
    struct stat s1, s2;
    MUST(fstat(r, &s1));
    MUST(stat("f", &s2));
    printf("fifo fd is the node: %d\n", s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);
    // A FIFO's node does get its mtime and ctime moved by writes.
    nap(30);
    T(write(w, "d", 1));
    MUST(fstat(r, &s2));
    printf("fifo times moved: m=%d c=%d\n", later(&s1.st_mtim, &s2.st_mtim), later(&s1.st_ctim, &s2.st_ctim));
    close(r);
    close(w);
    return 0;
}
