// ".." after a symlink is the parent of the link's target (physical walk).
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    mkdir("d/e", 0755);
    write_file("x", "top x");
    write_file("d/x", "d x");
    write_file("d/e/x", "e x");
    symlink("d/e", "ln");
    symlink("../x", "d/e/up");
    cat("ln/x");
    cat("ln/../x");                  // d/x, not ./x
    cat("ln/../../x");
    cat("d/e/up");                   // relative to the link's directory
    cat("ln/up");
    struct stat a, b;
    stat("ln/..", &a);
    stat("d", &b);
    printf("ln/.. is d: %d\n", a.st_ino == b.st_ino);
    T(chdir("ln"));
    cat("../x");
    T(chdir(".."));
    cat("x");
    T(chdir(".."));
    cat("x");
    stat("/..", &a);
    stat("/", &b);
    printf("/.. is /: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    T(stat("/../../../tmp", &a));
    printf("type=%s\n", ftype(a.st_mode));
    symlink(".", "dot");
    cat("dot/dot/dot/x");
    T(mkdir("ln/new", 0755));
    show("d/e/new");
    T(rmdir("ln/new/"));
    T(rename("ln/x", "ln/../moved"));
    cat("d/moved");
    return 0;
}
