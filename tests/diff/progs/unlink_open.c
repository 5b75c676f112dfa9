// A file unlinked while open keeps its data; nlink drops to 0.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "still here", 10));
    int fd2 = MUST(open("f", O_RDONLY));
    T(unlink("f"));
    struct stat st;
    T(fstat(fd, &st));
    pstat("fstat after unlink", &st);
    T(stat("f", &st));                  // ENOENT
    char buf[32] = {0};
    T(pread(fd2, buf, 32, 0));
    printf("buf=%s\n", buf);
    T(write(fd, " more", 5));
    T(ftruncate(fd, 12));
    T(fstat(fd2, &st));
    pstat("fd2", &st);
    close(fd);
    memset(buf, 0, sizeof buf);
    T(read(fd2, buf, 32));
    printf("buf=%s\n", buf);
    close(fd2);
    // a new file with the same name is a different file
    int fd3 = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(fstat(fd3, &st));
    pstat("new f", &st);
    // a directory removed while open
    mkdir("d", 0755);
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(rmdir("d"));
    T(fstat(dfd, &st));
    pstat("removed dir", &st);
    // rename over an open file
    write_file("a", "AAA");
    write_file("b", "BBB");
    int fa = MUST(open("b", O_RDONLY));
    T(rename("a", "b"));
    memset(buf, 0, sizeof buf);
    T(read(fa, buf, 32));
    printf("old b still reads=%s\n", buf);
    T(fstat(fa, &st));
    pstat("old b", &st);
    cat("b");
    return 0;
}
