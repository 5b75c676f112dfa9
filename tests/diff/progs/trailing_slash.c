// Trailing slashes: only directories (or links to them) may have one.
#include "common.h"

int main(void) {
    struct stat st;
    write_file("f", "x");
    mkdir("d", 0755);
    symlink("f", "lf");
    symlink("d", "ld");
    T(stat("f/", &st));                       // ENOTDIR
    T(stat("f/.", &st));                      // ENOTDIR
    T(stat("d/", &st));
    T(stat("d/.", &st));
    T(stat("lf/", &st));                      // ENOTDIR
    T(lstat("ld/", &st));                     // follows: dir
    printf("lstat ld/ type=%s\n", ftype(st.st_mode));
    T(lstat("ld", &st));
    printf("lstat ld type=%s\n", ftype(st.st_mode));
    T(open("f/", O_RDONLY));                  // ENOTDIR
    T(open("new/", O_RDWR | O_CREAT, 0644));  // EISDIR
    T(open("d/", O_RDONLY) >= 0);
    T(mkdir("m/", 0755));
    T(mkdir("m2///", 0755));
    T(rmdir("m/"));
    T(unlink("f/"));                          // ENOTDIR
    T(unlink("d/"));                          // EISDIR
    T(rename("f/", "g"));                     // ENOTDIR
    T(rename("f", "g/"));                     // ENOTDIR
    T(rename("d/", "e/"));
    T(link("f", "h/"));                       // ENOENT or ENOTDIR
    T(symlink("f", "s/"));                    // ENOENT
    T(access("f/", F_OK));                    // ENOTDIR
    T(truncate("f/", 0));                     // ENOTDIR
    T(chmod("f/", 0600));                     // ENOTDIR
    T(chmod("e/", 0700));
    show("e");
    T(rmdir("ld/"));                          // ENOTDIR (a link)
    return 0;
}
