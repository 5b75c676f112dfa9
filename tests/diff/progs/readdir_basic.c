// opendir/readdir/rewinddir/telldir/seekdir/fdopendir.
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    write_file("d/a", "x");
    write_file("d/b", "x");
    mkdir("d/c", 0755);
    ls("d");
    ls("missing");
    ls("d/a");
    DIR* dir = opendir("d");
    if (!dir) { printf("opendir: %s\n", en(errno)); return 1; }
    int n = 0, dots = 0, types_ok = 1;
    struct dirent* e;
    while ((e = readdir(dir))) {
        ++n;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) { ++dots; continue; }
        unsigned char want = !strcmp(e->d_name, "c") ? DT_DIR : DT_REG;
        if (e->d_type != want) types_ok = 0;
    }
    printf("entries=%d dots=%d types_ok=%d\n", n, dots, types_ok);
    errno = 0;
    printf("readdir at end: %s errno=%s\n", readdir(dir) ? "entry" : "NULL", errno ? en(errno) : "0");
    rewinddir(dir);
    n = 0;
    while (readdir(dir)) ++n;
    printf("after rewind entries=%d\n", n);
    rewinddir(dir);
    readdir(dir);
    long pos = telldir(dir);
    struct dirent* second = readdir(dir);
    char name[256];
    snprintf(name, sizeof name, "%s", second->d_name);
    readdir(dir);
    seekdir(dir, pos);
    e = readdir(dir);
    printf("seekdir returns same entry: %d\n", e && !strcmp(e->d_name, name));
    printf("dirfd valid: %d\n", dirfd(dir) >= 0);
    T(closedir(dir));
    int fd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    dir = fdopendir(fd);
    n = 0;
    while (dir && readdir(dir)) ++n;
    printf("fdopendir entries=%d\n", n);
    if (dir) closedir(dir);
    T(fcntl(fd, F_GETFD));     // closedir closed it: EBADF
    fd = MUST(open("d/a", O_RDONLY));
    dir = fdopendir(fd);
    printf("fdopendir on file: %s\n", dir ? "ok" : en(errno));
    close(fd);
    return 0;
}
