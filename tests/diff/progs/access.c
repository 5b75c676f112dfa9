// access/faccessat as root (non-root variants in nonroot_access).
#include "common.h"

int main(void) {
    write_file("f", "x");
    chmod("f", 0644);
    write_file("x", "#!/bin/sh\n");
    chmod("x", 0755);
    write_file("none", "");
    chmod("none", 0);
    mkdir("d", 0700);
    symlink("missing", "dang");
    T(access("f", F_OK));
    T(access("f", R_OK | W_OK));
    T(access("f", X_OK));            // EACCES even for root: no x bit
    T(access("x", X_OK));
    T(access("none", R_OK | W_OK));  // root: ok
    T(access("none", X_OK));         // EACCES
    T(access("d", X_OK));
    T(access("missing", F_OK));      // ENOENT
    T(access("dang", F_OK));         // ENOENT
    T(access("f/x", F_OK));          // ENOTDIR
    T(access("f", 0x10));            // EINVAL
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    write_file("d/g", "");
    T(faccessat(dfd, "g", R_OK, 0));
    T(faccessat(dfd, "g", R_OK, AT_EACCESS));
    T(faccessat(dfd, "g", R_OK, 0x1));           // EINVAL
    T(faccessat(AT_FDCWD, "dang", F_OK, AT_SYMLINK_NOFOLLOW));
    T(faccessat(dfd, "", F_OK, AT_EMPTY_PATH));
    T(faccessat(dfd, "", F_OK, 0));              // ENOENT
    close(dfd);
    return 0;
}
