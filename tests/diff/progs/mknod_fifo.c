// mknod/mkfifo: regular files and FIFOs (no device nodes).
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
    int rd = open("p", O_RDONLY | O_NONBLOCK);
    printf("open fifo read nonblock: %s\n", rd >= 0 ? "ok" : en(errno));
    T(open("p2", O_WRONLY | O_NONBLOCK)); // ENXIO: no reader
    int wr = open("p", O_WRONLY | O_NONBLOCK);
    printf("open fifo write with reader: %s\n", wr >= 0 ? "ok" : en(errno));
    if (rd >= 0 && wr >= 0) {
        T(write(wr, "hi", 2));
        char buf[8] = {0};
        T(read(rd, buf, sizeof buf));
        printf("buf=%s\n", buf);
        T(read(rd, buf, sizeof buf));     // EAGAIN: writer still open
        T(lseek(rd, 0, SEEK_SET));        // ESPIPE
        close(wr);
        T(read(rd, buf, sizeof buf));     // 0: no writer
    }
    T(truncate("p", 0));                  // EINVAL? Linux: EINVAL for FIFOs? (printed)
    T(unlink("p"));
    return 0;
}
