// Prints what a program sees of ukp's configuration: its argv (with the
// --ukp-* arguments gone), its credentials and umask, and how much the root
// file system takes before ENOSPC.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
    printf("argc=%d", argc);
    for (int i = 1; i < argc; ++i) printf(" [%s]", argv[i]);
    printf("\nargv[argc] is null: %d\n", argv[argc] == NULL);
    printf("uid=%u gid=%u\n", (unsigned)getuid(), (unsigned)getgid());
    mode_t old = umask(0);
    printf("umask=%03o\n", (unsigned)old);

    // Fill the root ramfs in 64 KiB writes until it refuses.
    int fd = open("/fill", O_CREAT | O_WRONLY | O_TRUNC, 0600);
    static char chunk[65536];
    long total = 0;
    int err = 0;
    for (int i = 0; i < 4096; ++i) {  // bounded: 256 MiB at most
        ssize_t n = write(fd, chunk, sizeof chunk);
        if (n < 0) {
            err = errno;
            break;
        }
        total += n;
    }
    printf("root filled: %ld KiB, then %s\n", total / 1024, err ? strerrorname_np(err) : "no error");
    close(fd);
    unlink("/fill");

    // The kernel log is readable inside.
    char log[4096] = {0};
    int lfd = open("/proc/ukp/log", O_RDONLY);
    ssize_t n = lfd >= 0 ? read(lfd, log, sizeof log - 1) : -1;
    printf("kernel log has the boot line: %d\n", n > 0 && strstr(log, "booted") != NULL);
    return 0;
}
