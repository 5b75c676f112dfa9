/* Built by a separate meson project with dependency('ukp'): the program
 * talks to the kernel through <ukp/ukp.h> and through plain open/read. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ukp/ukp.h>

int main(void) {
    if (!ukp_booted()) {
        fprintf(stderr, "ukp did not boot\n");
        return 1;
    }
    int fd = open("/ukp-usage-test.txt", O_CREAT | O_EXCL | O_WRONLY, 0600);
    if (fd < 0 || write(fd, "meson", 5) != 5 || close(fd) != 0) {
        perror("create /ukp-usage-test.txt");
        return 1;
    }
    char buf[8] = {0};
    fd = open("/ukp-usage-test.txt", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) != 5 || strcmp(buf, "meson") != 0) {
        perror("read back");
        return 1;
    }
    printf("ok: ukp %s on the %s host\n", ukp_version(), ukp_host());
    return 0;
}
