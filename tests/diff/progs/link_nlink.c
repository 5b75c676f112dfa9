// link/linkat and nlink counts.
#include "common.h"

int main(void) {
    write_file("f", "data");
    show("f");
    T(link("f", "g"));
    T(link("f", "h"));
    show("f");
    T(link("f", "g"));                 // EEXIST
    T(link("missing", "x"));           // ENOENT
    mkdir("d", 0755);
    T(link("d", "d2"));                // EPERM
    T(link("f", "d/inner"));
    show("f");
    T(link("f", "nodir/x"));           // ENOENT
    T(link("f", "f/x"));               // ENOTDIR
    T(link("f/", "y"));                // ENOTDIR
    T(unlink("g"));
    show("f");
    T(unlink("f"));
    show("h");
    cat("h");
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(linkat(dfd, "inner", AT_FDCWD, "back", 0));
    show("back");
    T(linkat(dfd, "inner", AT_FDCWD, "x", 0x1));   // EINVAL
    int fd = MUST(open("h", O_RDONLY));
    T(linkat(fd, "", AT_FDCWD, "by_fd", AT_EMPTY_PATH));
    show("by_fd");
    int o = MUST(open("gone", O_RDWR | O_CREAT, 0644));
    unlink("gone");
    T(linkat(o, "", AT_FDCWD, "revive", AT_EMPTY_PATH));  // ENOENT: nlink 0
    close(o); close(fd); close(dfd);
    show("d");
    return 0;
}
