// mknod/mkfifo: regular files and FIFOs (no device nodes). Opening FIFOs:
// fifo_open.c and fifo_block.c.
#include "common.h"

int main(void) {
    umask(022);
    T(mknod("r", S_IFREG | 0640, 0));
    show("r");
    T(mknod("r2", 0640, 0));            // type 0 means regular
    show("r2");
    T(mknod("r", S_IFREG | 0640, 0));   // EEXIST
    T(mknod("dir", S_IFDIR | 0755, 0)); // EPERM on Linux
    T(mknod("bad", 0170000 | 0644, 0)); // EINVAL
    T(mkfifo("p", 0666));
    show("p");
    T(mkfifo("p", 0666));               // EEXIST
    T(mknodat(AT_FDCWD, "p2", S_IFIFO | 0600, 0));
    show("p2");
    T(truncate("p", 0));                  // EINVAL? Linux: EINVAL for FIFOs? (printed)
    T(unlink("p"));
    return 0;
}
