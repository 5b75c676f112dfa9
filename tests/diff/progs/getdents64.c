// getdents64: sorted names and types; small buffers; not a dir.
#include "common.h"

struct d64 { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; };

static int list(int fd, size_t bufsz, char names[][64], unsigned char* types) {
    char buf[4096];
    int n = 0;
    for (;;) {
        ssize_t got = getdents64(fd, buf, bufsz);
        if (got < 0) { printf("getdents64(%zu): %s\n", bufsz, en(errno)); return n; }
        if (got == 0) break;
        for (ssize_t o = 0; o < got;) {
            struct d64* e = (struct d64*)(buf + o);
            snprintf(names[n], 64, "%s", e->name);
            types[n++] = e->type;
            o += e->reclen;
        }
    }
    return n;
}

static void print(int n, char names[][64], unsigned char* types) {
    int idx[128];
    for (int i = 0; i < n; ++i) idx[i] = i;
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (strcmp(names[idx[i]], names[idx[j]]) > 0) { int t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
    for (int i = 0; i < n; ++i) printf(" %s:%d", names[idx[i]], types[idx[i]]);
    printf(" (%d)\n", n);
}

int main(void) {
    static char names[128][64];
    unsigned char types[128];
    mkdir("d", 0755);
    write_file("d/file", "x");
    mkdir("d/sub", 0755);
    symlink("file", "d/link");
    for (int i = 0; i < 30; ++i) {
        char p[64];
        snprintf(p, sizeof p, "d/entry-with-a-longer-name-%02d", i);
        write_file(p, "");
    }
    int fd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    int n = list(fd, 4096, names, types);
    printf("big buffer:");
    print(n, names, types);
    T(getdents64(fd, names, 4096));         // at end: 0
    T(lseek(fd, 0, SEEK_SET));
    n = list(fd, 80, names, types);          // one or two entries per call
    printf("small buffer:");
    print(n, names, types);
    T(lseek(fd, 0, SEEK_SET));
    char tiny[16];
    T(getdents64(fd, tiny, sizeof tiny));    // EINVAL: too small for one
    close(fd);
    fd = MUST(open("d/file", O_RDONLY));
    T(getdents64(fd, names, 4096));          // ENOTDIR
    close(fd);
    T(getdents64(fd, names, 4096));          // EBADF
    mkdir("empty", 0755);
    fd = MUST(open("empty", O_RDONLY | O_DIRECTORY));
    n = list(fd, 4096, names, types);
    printf("empty:");
    print(n, names, types);
    T(lseek(fd, 0, SEEK_SET));
    T(getdents64(fd, BADP, 4096));       // EFAULT
    close(fd);
    return 0;
}
