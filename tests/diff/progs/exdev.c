// rename/link between two file systems: EXDEV. The scratch dir and /tmp
// (natively: tmpfs /dev/shm vs the disk's /tmp; under ukp: the root ramfs
// vs its own /tmp mount) are different file systems in both worlds.
#include "common.h"

int main(void) {
    struct stat a, b;
    stat(".", &a);
    stat("/tmp", &b);
    printf("different fs: %d\n", a.st_dev != b.st_dev);
    if (a.st_dev == b.st_dev) return 0;   // would really move files into /tmp
    write_file("f", "x");
    mkdir("d", 0755);
    T(rename("f", "/tmp/ukp-diff-exdev-never-created"));
    T(link("f", "/tmp/ukp-diff-exdev-never-created"));
    T(rename("d", "/tmp/ukp-diff-exdev-never-created"));
    show("f");
    return 0;
}
