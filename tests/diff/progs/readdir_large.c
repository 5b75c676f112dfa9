// A directory of 3000 entries: every name listed once, before and after
// deleting every other one.
#include "common.h"

#define N 3000

static int count(int* dup) {
    DIR* d = opendir("d");
    if (!d) { printf("opendir: %s\n", en(errno)); return -1; }
    static unsigned char seen[N];
    memset(seen, 0, sizeof seen);
    int n = 0;
    *dup = 0;
    struct dirent* e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        int i = atoi(e->d_name + 1);
        if (seen[i]++) ++*dup;
        ++n;
    }
    closedir(d);
    return n;
}

int main(void) {
    mkdir("d", 0755);
    char p[32];
    for (int i = 0; i < N; ++i) {
        snprintf(p, sizeof p, "d/f%d", i);
        int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) { printf("create %d: %s\n", i, en(errno)); return 1; }
        close(fd);
    }
    int dup;
    int n = count(&dup);
    printf("entries=%d duplicates=%d\n", n, dup);
    for (int i = 0; i < N; i += 2) { snprintf(p, sizeof p, "d/f%d", i); unlink(p); }
    n = count(&dup);
    printf("after deleting half: entries=%d duplicates=%d\n", n, dup);
    T(rmdir("d"));                     // ENOTEMPTY
    for (int i = 1; i < N; i += 2) { snprintf(p, sizeof p, "d/f%d", i); unlink(p); }
    n = count(&dup);
    printf("after deleting all: entries=%d\n", n);
    T(rmdir("d"));
    return 0;
}
