// close_range(2) and closefrom(3): which descriptors close, CLOSE_RANGE_CLOEXEC,
// bad ranges and flags, holes in the range.
#include "common.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static void show_fds(const char* when) {
    printf("%s:", when);
    for (int fd = 3; fd < 20; ++fd)
        if (fcntl(fd, F_GETFD) >= 0) printf(" %d%s", fd, fcntl(fd, F_GETFD) & FD_CLOEXEC ? "e" : "");
    printf("\n");
}

int main(void) {
    write_file("f", "x");
    for (int i = 0; i < 12; ++i) open("f", O_RDONLY);  // 3..14
    close(7);                                          // a hole
    show_fds("start");
    T(close_range(5, 9, 0));
    show_fds("after 5..9");
    T(close_range(11, 12, CLOSE_RANGE_CLOEXEC));
    show_fds("11..12 cloexec");
    T(close_range(9, 3, 0));                            // first > last
    T(close_range(3, 4, 0x80));                         // unknown flag
    T(close_range(100, 200, 0));                        // nothing open there
    T(close_range(3, 3, 0));
    show_fds("3..3");
    closefrom(13);
    show_fds("closefrom 13");
    T(close_range(0, ~0U, CLOSE_RANGE_CLOEXEC));
    show_fds("all cloexec");
    T(write(1, "stdout still open\n", 18));
    return 0;
}
