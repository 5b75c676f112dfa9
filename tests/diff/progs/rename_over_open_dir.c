// Renaming a directory over an open empty directory.
#include "common.h"

int main(void) {
    mkdir("a", 0755);
    write_file("a/in", "x");
    mkdir("b", 0755);
    int bfd = MUST(open("b", O_RDONLY | O_DIRECTORY));
    T(rename("a", "b"));
    struct stat st;
    T(fstat(bfd, &st));
    printf("replaced dir nlink=%lu\n", (unsigned long)st.st_nlink);
    T(openat(bfd, "new", O_RDWR | O_CREAT, 0644));   // ENOENT: dead directory
    cat("b/in");
    show("a");
    char buf[1024];
    T(getdents64(bfd, buf, sizeof buf));              // 0 entries
    close(bfd);
    // the moved directory's ".." is its new parent
    mkdir("p1", 0755);
    mkdir("p2", 0755);
    mkdir("p1/c", 0755);
    write_file("p2/marker", "p2");
    T(rename("p1/c", "p2/c"));
    cat("p2/c/../marker");
    show("p1");
    show("p2");
    return 0;
}
