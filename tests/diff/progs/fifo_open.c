// Opening and using a FIFO without blocking: O_NONBLOCK read opens
// succeed, O_NONBLOCK write opens need a reader, O_RDWR always works.
#include "common.h"

int main(void) {
    umask(022);
    T(mkfifo("p", 0666));
    T(mknodat(AT_FDCWD, "p2", S_IFIFO | 0600, 0));
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
    T(unlink("p"));
    return 0;
}
