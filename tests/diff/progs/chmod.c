// chmod/fchmod/fchmodat.
#include "common.h"

int main(void) {
    umask(022);
    write_file("f", "x");
    mkdir("d", 0755);
    symlink("f", "ln");
    T(chmod("f", 0600));
    show("f");
    T(chmod("f", 07777));
    show("f");
    T(chmod("f", 0170644));    // file type bits ignored
    show("f");
    T(chmod("ln", 0640));      // follows
    show("f");
    show("ln");
    T(chmod("missing", 0644)); // ENOENT
    T(chmod("f/x", 0644));     // ENOTDIR
    int fd = MUST(open("f", O_RDONLY));
    T(fchmod(fd, 0400));
    show("f");
    close(fd);
    T(fchmod(fd, 0644));       // EBADF
    fd = MUST(open("f", O_PATH));
    T(fchmod(fd, 0644));       // EBADF (O_PATH)
    close(fd);
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    write_file("d/g", "y");
    T(fchmodat(dfd, "g", 0711, 0));
    show("d/g");
    T(fchmodat(dfd, "g", 0711, 0x1));     // EINVAL
    T(fchmodat(AT_FDCWD, "ln", 0600, AT_SYMLINK_NOFOLLOW)); // EOPNOTSUPP
    T(fchmod(dfd, 0700));
    show("d");
    T(chmod(".", 0755));
    close(dfd);
    return 0;
}
