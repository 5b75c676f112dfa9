// renameat2: RENAME_NOREPLACE and RENAME_EXCHANGE.
#include "common.h"
#include <stdio.h>

int main(void) {
    write_file("a", "A");
    write_file("b", "B");
    mkdir("d", 0755);
    write_file("d/x", "X");
    T(renameat2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE));   // EEXIST
    T(renameat2(AT_FDCWD, "a", AT_FDCWD, "c", RENAME_NOREPLACE));
    show("a");
    cat("c");
    T(renameat2(AT_FDCWD, "b", AT_FDCWD, "c", RENAME_EXCHANGE));
    cat("b");
    cat("c");
    T(renameat2(AT_FDCWD, "b", AT_FDCWD, "nope", RENAME_EXCHANGE)); // ENOENT
    T(renameat2(AT_FDCWD, "b", AT_FDCWD, "d", RENAME_EXCHANGE));    // file <-> dir ok
    show("b");
    show("d");
    cat("b/x");
    T(renameat2(AT_FDCWD, "b", AT_FDCWD, "d", RENAME_EXCHANGE | RENAME_NOREPLACE)); // EINVAL
    T(renameat2(AT_FDCWD, "b", AT_FDCWD, "d", 0x80));               // EINVAL
    int dfd = MUST(open("b", O_RDONLY | O_DIRECTORY));
    T(renameat2(dfd, "x", AT_FDCWD, "top", RENAME_NOREPLACE));
    T(renameat2(AT_FDCWD, "top", dfd, "x", 0));
    cat("b/x");
    T(renameat2(AT_FDCWD, "b", dfd, "x", RENAME_EXCHANGE));          // EINVAL: ancestor
    T(renameat2(AT_FDCWD, "c", AT_FDCWD, "c", RENAME_EXCHANGE));     // same: ok
    T(renameat2(AT_FDCWD, "c", AT_FDCWD, "c", RENAME_NOREPLACE));    // EEXIST
    close(dfd);
    return 0;
}
