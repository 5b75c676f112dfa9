// symlink/readlink/readlinkat.
#include "common.h"

int main(void) {
    char buf[64];
    write_file("f", "x");
    T(symlink("f", "ln"));
    T(symlink("f", "ln"));                     // EEXIST
    T(symlink("anything/at/all", "weird"));
    T(symlink("", "empty"));                   // ENOENT
    T(symlink("f", "nodir/ln"));               // ENOENT
    T(symlink("f", "f/ln"));                   // ENOTDIR
    memset(buf, 0, sizeof buf);
    T(readlink("ln", buf, sizeof buf));
    printf("ln -> %s\n", buf);
    memset(buf, 0, sizeof buf);
    T(readlink("weird", buf, 5));              // truncated, no NUL
    printf("weird(5) -> %s\n", buf);
    T(readlink("f", buf, sizeof buf));         // EINVAL
    T(readlink("missing", buf, sizeof buf));   // ENOENT
    T(readlink("ln", buf, 0));                 // EINVAL
    mkdir("d", 0755);
    T(symlink("../f", "d/up"));
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    memset(buf, 0, sizeof buf);
    T(readlinkat(dfd, "up", buf, sizeof buf));
    printf("d/up -> %s\n", buf);
    cat("d/up");
    T(symlinkat("../ln", dfd, "up2"));
    cat("d/up2");
    int p = MUST(open("ln", O_PATH | O_NOFOLLOW));
    memset(buf, 0, sizeof buf);
    T(readlinkat(p, "", buf, sizeof buf));     // empty path on an O_PATH link
    printf("via O_PATH -> %s\n", buf);
    show("ln");                                // size = strlen(target)
    show("weird");
    char longt[1000];
    memset(longt, 'a', sizeof longt - 1);
    longt[999] = 0;
    T(symlink(longt, "long"));
    show("long");
    T(readlink("ln/", buf, sizeof buf));       // follows then: EINVAL
    T(symlink("d", "ldir"));
    T(readlink("ldir/", buf, sizeof buf));     // EINVAL (dir)
    return 0;
}
