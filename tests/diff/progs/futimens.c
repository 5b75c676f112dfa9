// futimens on fds, including read-only and O_PATH ones.
#include "common.h"

static void times_of(const char* label, int fd) {
    struct stat st;
    if (fstat(fd, &st) < 0) { printf("%s: %s\n", label, en(errno)); return; }
    printf("%s: atime=%lld.%09ld mtime=%lld.%09ld\n", label, (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void) {
    write_file("f", "x");
    int fd = MUST(open("f", O_RDONLY));
    struct timespec ts[2] = {{111, 1}, {222, 2}};
    T(futimens(fd, ts));
    times_of("ro fd", fd);
    struct timespec ts2[2] = {{0, UTIME_OMIT}, {333, 3}};
    T(futimens(fd, ts2));
    times_of("omit atime", fd);
    close(fd);
    T(futimens(fd, ts));                    // EBADF
    fd = MUST(open("f", O_PATH));
    T(futimens(fd, ts));                    // EBADF (O_PATH)
    T(utimensat(fd, "", ts, AT_EMPTY_PATH)); // allowed with AT_EMPTY_PATH? Linux: EINVAL flag
    close(fd);
    mkdir("d", 0755);
    fd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(futimens(fd, ts));
    times_of("dir", fd);
    close(fd);
    return 0;
}
