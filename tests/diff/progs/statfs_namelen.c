// statfs/fstatfs: f_namelen and sanity relations (f_type differs).
#include "common.h"
#include <sys/statfs.h>
#include <sys/statvfs.h>

static int (*statfs_p)(const char*, struct statfs*) = statfs;   // no nonnull check

int main(void) {
    struct statfs s;
    T(statfs(".", &s));
    printf("namelen=%ld bsize>0=%d blocks>=bfree=%d bfree>=bavail=%d\n", (long)s.f_namelen,
           s.f_bsize > 0, s.f_blocks >= s.f_bfree, s.f_bfree >= s.f_bavail);
    write_file("f", "x");
    int fd = MUST(open("f", O_RDONLY));
    struct statfs s2;
    T(fstatfs(fd, &s2));
    printf("same fs: namelen=%ld bsize same=%d\n", (long)s2.f_namelen, s.f_bsize == s2.f_bsize);
    T(statfs("missing", &s));       // ENOENT
    T(statfs("f/x", &s));           // ENOTDIR
    T(statfs_p("f", NULLP));           // EFAULT
    // statvfs on a file only this program created: an escape to the host
    // would see ENOENT.
    struct statvfs v;
    memset(&v, 0, sizeof v);
    T(statvfs("f", &v));
    printf("statvfs namemax=%lu bsize same=%d\n", (unsigned long)v.f_namemax, v.f_bsize == (unsigned long)s2.f_bsize);
    T(fstatvfs(fd, &v));
    printf("fstatvfs namemax=%lu\n", (unsigned long)v.f_namemax);
    close(fd);
    T(fstatfs(fd, &s));             // EBADF
    return 0;
}
