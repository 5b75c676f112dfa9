// Truncation seen through other open descriptors.
#include "common.h"

int main(void) {
    write_file("f", "0123456789abcdef");
    int r = MUST(open("f", O_RDONLY));
    int w = MUST(open("f", O_WRONLY));
    char buf[32] = {0};
    T(lseek(r, 12, SEEK_SET));
    T(lseek(w, 14, SEEK_SET));
    int t = MUST(open("f", O_WRONLY | O_TRUNC));
    T(read(r, buf, 8));                 // offset past the new EOF: 0
    T(lseek(r, 0, SEEK_CUR));
    T(write(w, "XY", 2));               // extends with a hole of 14 zeros
    struct stat st;
    fstat(r, &st);
    printf("size=%lld\n", (long long)st.st_size);
    T(pread(r, buf, sizeof buf, 0));
    for (int i = 0; i < 16; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    T(write(t, "ab", 2));               // t's offset is 0
    T(pread(r, buf, sizeof buf, 0));
    for (int i = 0; i < 16; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    T(ftruncate(t, 1));
    T(read(r, buf, 4));                 // r at 12, EOF at 1
    close(r); close(w); close(t);
    return 0;
}
