// Which operations change atime, mtime and ctime (relations only).
#include "common.h"
#include <time.h>

static struct stat before;
static const char* target;

static void snap(const char* p) { target = p; usleep(30000); stat(p, &before); usleep(30000); }

static int ts_cmp(struct timespec a, struct timespec b) {
    return a.tv_sec != b.tv_sec ? (a.tv_sec < b.tv_sec ? -1 : 1) : (a.tv_nsec < b.tv_nsec ? -1 : a.tv_nsec > b.tv_nsec);
}

static void report(const char* op) {
    struct stat now;
    stat(target, &now);
    printf("%-26s %s: atime %s mtime %s ctime %s\n", op, target,
           ts_cmp(now.st_atim, before.st_atim) ? "changed" : "same",
           ts_cmp(now.st_mtim, before.st_mtim) ? "changed" : "same",
           ts_cmp(now.st_ctim, before.st_ctim) ? "changed" : "same");
}

int main(void) {
    char buf[8];
    write_file("f", "data");
    mkdir("d", 0755);
    struct stat st;
    stat("f", &st);
    printf("new file: mtime==ctime %d\n", ts_cmp(st.st_mtim, st.st_ctim) == 0);
    int fd = MUST(open("f", O_RDWR));
    snap("f"); T(write(fd, "x", 1)); report("write");
    snap("f"); T(write(fd, "", 0)); report("write 0");
    snap("f"); T(fchmod(fd, 0600)); report("fchmod");
    snap("f"); T(chmod("f", 0600)); report("chmod same mode");
    snap("f"); T(link("f", "d/l")); report("link (file)");
    snap("d"); T(link("f", "d/l2")); report("link (dir)");
    snap("f"); T(rename("d/l2", "d/l3")); report("rename (file)");
    snap("d"); T(rename("d/l3", "d/l4")); report("rename (dir)");
    snap("f"); T(ftruncate(fd, 2)); report("ftruncate shrink");
    snap("f"); T(ftruncate(fd, 2)); report("ftruncate same size");
    snap("f"); T(truncate("f", 10)); report("truncate grow");
    snap("f"); T(unlink("d/l4")); report("unlink one link");
    snap("d"); T(unlink("d/l")); report("unlink (dir)");
    snap("d"); close(MUST(open("d/new", O_RDWR | O_CREAT, 0644))); report("create (dir)");
    snap("d"); T(mkdir("d/sub", 0755)); report("mkdir (dir)");
    snap("f"); T(open("f", O_RDWR | O_TRUNC) >= 0); report("O_TRUNC");
    snap("f"); T(open("f", O_RDWR) >= 0); report("open");
    snap("f"); T(pwrite(fd, "abc", 3, 0)); report("pwrite");
    snap("f"); T(utimensat(AT_FDCWD, "f", NULL, 0)); report("utimensat now");
    snap("f"); T(pread(fd, buf, 1, 0)); report("read (relatime: atime<=mtime)");
    snap("f"); T(pread(fd, buf, 1, 0)); report("read again (relatime)");
    snap("f"); T(fsync(fd)); report("fsync");
    close(fd);
    return 0;
}
