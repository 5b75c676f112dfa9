// The dirfd argument of the *at calls.
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    mkdir("d/e", 0755);
    write_file("d/f", "in d");
    write_file("f", "top");
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    int ffd = MUST(open("f", O_RDONLY));
    int fd = MUST(openat(dfd, "f", O_RDONLY));
    char buf[16] = {0};
    T(read(fd, buf, sizeof buf - 1));
    printf("read: %s\n", buf);
    close(fd);
    T(openat(ffd, "x", O_RDONLY));            // ENOTDIR
    T(openat(-1, "f", O_RDONLY));             // EBADF
    T(openat(12345, "f", O_RDONLY));          // EBADF
    T(openat(AT_FDCWD, "f", O_RDONLY) >= 0);
    T(openat(dfd, "e/../f", O_RDONLY) >= 0);
    T(openat(dfd, "..", O_RDONLY | O_DIRECTORY) >= 0);
    int pfd = MUST(open("d", O_PATH));
    T(openat(pfd, "f", O_RDONLY) >= 0);      // O_PATH dirfds are fine
    T(mkdirat(dfd, "new", 0755));
    show("d/new");
    T(symlinkat("f", dfd, "ln"));
    cat("d/ln");
    T(renameat(dfd, "new", AT_FDCWD, "moved"));
    show("moved");
    T(linkat(dfd, "f", dfd, "f2", 0));
    show("d/f");
    T(fchmodat(dfd, "f", 0600, 0));
    show("d/f");
    T(unlinkat(dfd, "f2", 0));
    // dirfd stays attached to the directory after a rename
    T(rename("d", "d2"));
    T(openat(dfd, "f", O_RDONLY) >= 0);
    T(mkdirat(dfd, "after", 0755));
    show("d2/after");
    close(dfd);
    T(openat(dfd, "f", O_RDONLY));            // EBADF
    return 0;
}
