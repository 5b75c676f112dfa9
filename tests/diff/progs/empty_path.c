// The empty path is ENOENT everywhere (without AT_EMPTY_PATH).
#include "common.h"

int main(void) {
    struct stat st;
    char buf[16];
    T(open("", O_RDONLY));
    T(open("", O_RDWR | O_CREAT, 0644));
    T(stat("", &st));
    T(lstat("", &st));
    T(access("", F_OK));
    T(mkdir("", 0755));
    T(rmdir(""));
    T(unlink(""));
    T(rename("", "x"));
    write_file("f", "x");
    T(rename("f", ""));
    T(link("f", ""));
    T(link("", "g"));
    T(symlink("f", ""));
    T(readlink("", buf, sizeof buf));
    T(chmod("", 0644));
    T(truncate("", 0));
    T(chdir(""));
    T(utimensat(AT_FDCWD, "", NULL, 0));
    T(openat(AT_FDCWD, "", O_RDONLY));
    return 0;
}
