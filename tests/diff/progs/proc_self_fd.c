// /proc/self/fd lists the open descriptors; links name the files.
#include "common.h"

static void list_fds(const char* label) {
    DIR* d = opendir("/proc/self/fd");
    if (!d) { printf("%s: opendir %s\n", label, en(errno)); return; }
    int fds[64], n = 0, self = dirfd(d);
    struct dirent* e;
    while ((e = readdir(d)) && n < 64) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd != self) fds[n++] = fd;
    }
    closedir(d);
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (fds[j] < fds[i]) { int t = fds[i]; fds[i] = fds[j]; fds[j] = t; }
    printf("%s:", label);
    for (int i = 0; i < n; ++i) printf(" %d", fds[i]);
    printf("\n");
}

static void link_of(int fd) {
    char p[64], target[4096];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(p, target, sizeof target - 1);
    if (n < 0) { printf("fd %d: %s\n", fd, en(errno)); return; }
    target[n] = 0;
    const char* slash = strrchr(target, '/');
    printf("fd %d: absolute=%d last=%s\n", fd, target[0] == '/', slash ? slash + 1 : target);
}

int main(void) {
    list_fds("start");
    write_file("file-a", "a");
    int a = MUST(open("file-a", O_RDONLY));
    mkdir("dir-b", 0755);
    int b = MUST(open("dir-b", O_RDONLY | O_DIRECTORY));
    int c = MUST(dup2(a, 9));
    list_fds("opened");
    link_of(a);
    link_of(b);
    link_of(c);
    T(unlink("file-a"));
    link_of(a);                       // "file-a (deleted)"
    close(b);
    list_fds("closed b");
    struct stat st1, st2;
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", a);
    T(stat(p, &st1));
    T(fstat(a, &st2));
    printf("stat through /proc is the file: %d\n", st1.st_ino == st2.st_ino);
    return 0;
}
