// glibc's internals that bypass exported names: freopen() opens with its
// own internal open, and printf writes with its internal write. Under
// capture both are the kernel's: the text lands in the kernel's file (read
// back here through the exported open/read), not on the host.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "raw.h"

int main(int argc, char** argv) {
    EXPECT(argc == 2);
    EXPECT(freopen(argv[1], "w", stdout) != NULL);
    printf("through stdio\n");
    fflush(stdout);
    int fd = open(argv[1], O_RDONLY);
    char buf[64] = {0};
    long n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    fprintf(stderr, "freopen_out: read %ld: %s", n, buf);
    return n == 14 && strcmp(buf, "through stdio\n") == 0 ? 0 : 1;
}
