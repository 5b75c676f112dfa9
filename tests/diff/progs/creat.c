// creat(2): O_CREAT|O_WRONLY|O_TRUNC.
#include "common.h"

int main(void) {
    umask(022);
    int fd = MUST(creat("c", 0666));
    show("c");
    T(write(fd, "0123456789", 10));
    char buf[4];
    OK(read(fd, buf, 4));                  // EBADF: write-only
    printf("F_GETFL accmode=%d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    close(fd);
    show("c");
    fd = MUST(creat("c", 0600));           // existing: truncated, mode unchanged
    show("c");
    close(fd);
    mkdir("d", 0755);
    OK(creat("d", 0644));                  // EISDIR
    OK(creat("none/x", 0644));             // ENOENT
    OK(creat("c/x", 0644));                // ENOTDIR
    chmod("c", 0444);
    fd = creat("c", 0644);                 // root bypasses, else EACCES
    printf("creat on 0444 as %s: %s\n", geteuid() == 0 ? "root" : "user", fd >= 0 ? "ok" : en(errno));
    return 0;
}
