// unlink/unlinkat and AT_REMOVEDIR.
#include "common.h"

int main(void) {
    write_file("f", "x");
    mkdir("d", 0755);
    write_file("d/g", "y");
    symlink("d", "ld");
    T(unlink("d"));                            // EISDIR
    T(unlink("missing"));                      // ENOENT
    T(unlink("f/"));                           // ENOTDIR
    T(unlink("ld"));                           // the link, not the dir
    show("ld");
    show("d");
    T(unlink("f"));
    show("f");
    T(unlink(""));                             // ENOENT
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(unlinkat(dfd, "g", AT_REMOVEDIR));       // ENOTDIR
    T(unlinkat(dfd, "g", 0));
    T(unlinkat(dfd, "g", 0));                  // ENOENT
    T(unlinkat(dfd, "x", 0x1));                // EINVAL: unknown flag
    T(mkdirat(dfd, "sub", 0755));
    T(unlinkat(dfd, "sub", 0));                // EISDIR
    T(unlinkat(dfd, "sub", AT_REMOVEDIR));
    T(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
    T(unlinkat(dfd, ".", AT_REMOVEDIR));       // EINVAL
    T(mkdirat(dfd, "z", 0755));                // ENOENT: dir was removed
    show("d");
    close(dfd);
    return 0;
}
