/* hello: an ordinary C program. Linked with libukp, its files live in the
 * kernel inside this process: nothing below touches the host's disk. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare(const void* a, const void* b) {
    return strcmp(*(char* const*)a, *(char* const*)b);
}

/* Prints the names in `path`, sorted, like `ls -a`. */
static int list(const char* path) {
    DIR* dir = opendir(path);
    if (!dir) {
        perror(path);
        return -1;
    }
    char* names[256];
    size_t count = 0;
    struct dirent* e;
    while ((e = readdir(dir)) && count < 256) names[count++] = strdup(e->d_name);
    closedir(dir);
    qsort(names, count, sizeof names[0], compare);
    printf("%s:", path);
    for (size_t i = 0; i < count; ++i) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    return 0;
}

/* Copies a (small) kernel file to stdout. */
static int cat(const char* path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
    close(fd);
    return 0;
}

int main(void) {
    printf("Hello from a process with its own kernel!\n");

    static const char text[] = "this file lives in the kernel's ramfs\n";
    int fd = open("/hello.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0 || write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1) || close(fd) != 0) {
        perror("/hello.txt");
        return 1;
    }
    struct stat st;
    if (stat("/hello.txt", &st) != 0) {
        perror("stat /hello.txt");
        return 1;
    }
    printf("wrote /hello.txt: %lld bytes\n", (long long)st.st_size);
    if (cat("/hello.txt") != 0) {
        perror("read /hello.txt");
        return 1;
    }

    if (list("/") != 0) return 1;

    /* procfs may not be mounted (or built) in every configuration. */
    if (access("/proc/mounts", R_OK) == 0) {
        printf("/proc/mounts:\n");
        cat("/proc/mounts");
    } else {
        printf("no /proc/mounts\n");
    }
    return 0;
}
