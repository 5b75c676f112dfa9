// access/faccessat as an unprivileged user: owner, group and other bits.
#include "common.h"

int main(void) {
    write_file("f", "x");
    mkdir("d", 0755);
    const int modes[] = {0700, 0070, 0007, 0500, 0300, 0100, 0000, 0777};
    for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; ++i) {
        chmod("f", modes[i]);
        printf("mode %04o: R=%s W=%s X=%s F=%s\n", modes[i],
               access("f", R_OK) ? en(errno) : "ok", access("f", W_OK) ? en(errno) : "ok",
               access("f", X_OK) ? en(errno) : "ok", access("f", F_OK) ? en(errno) : "ok");
    }
    chmod("f", 0600);
    T(faccessat(AT_FDCWD, "f", R_OK | W_OK, AT_EACCESS));
    T(chmod("d", 0));
    T(access("d", X_OK));              // EACCES
    T(access("d/any", F_OK));          // EACCES: no search
    T(chmod("d", 0755));
    T(access("/", X_OK));
    T(access("/dev/null", R_OK | W_OK));
    T(access("/tmp", W_OK));
    int fd = MUST(open("f", O_RDONLY));
    T(chmod("f", 0));
    char c;
    T(read(fd, &c, 1));                // an open fd keeps its access
    T(open("f", O_RDONLY));            // EACCES
    close(fd);
    return 0;
}
