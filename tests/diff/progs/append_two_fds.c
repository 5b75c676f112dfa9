// O_APPEND: every write lands at the end, even with another writer.
#include "common.h"

int main(void) {
    int a = MUST(open("f", O_WRONLY | O_CREAT | O_APPEND, 0644));
    int b = MUST(open("f", O_WRONLY | O_APPEND));
    int c = MUST(open("f", O_RDWR));  // no O_APPEND: overwrites at its offset
    T(write(a, "aaa", 3));
    T(write(b, "bb", 2));
    T(write(a, "A", 1));
    T(lseek(a, 0, SEEK_CUR));
    T(lseek(b, 0, SEEK_CUR));
    T(write(c, "c", 1));
    T(lseek(b, 0, SEEK_SET));
    T(write(b, "B", 1));         // still at the end
    T(lseek(b, 0, SEEK_CUR));
    cat("f");
    char buf[4];
    T(read(a, buf, 1));          // EBADF (write-only)
    int r = MUST(open("f", O_RDWR | O_APPEND));
    T(lseek(r, 0, SEEK_SET));
    T(read(r, buf, 2));          // reads honour the offset
    T(write(r, "R", 1));
    T(lseek(r, 0, SEEK_CUR));
    close(a); close(b); close(c); close(r);
    cat("f");
    return 0;
}
