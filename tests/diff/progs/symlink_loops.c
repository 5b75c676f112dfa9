// Dangling symlinks and loops.
#include "common.h"

int main(void) {
    struct stat st;
    T(symlink("nowhere", "dang"));
    T(stat("dang", &st));                // ENOENT
    T(lstat("dang", &st));
    T(open("dang", O_RDONLY));           // ENOENT
    T(access("dang", F_OK));
    T(symlink("self", "self"));
    T(stat("self", &st));                // ELOOP
    T(open("self", O_RDONLY));           // ELOOP
    T(open("self", O_RDONLY | O_CREAT, 0644)); // ELOOP
    T(symlink("b", "a"));
    T(symlink("a", "b"));
    T(stat("a", &st));                   // ELOOP
    T(stat("a/x", &st));                 // ELOOP
    T(mkdir("a/x", 0755));               // ELOOP
    T(chdir("a"));                       // ELOOP
    T(unlink("a"));                      // unlink does not follow
    T(stat("b", &st));                   // ENOENT now
    // a chain of 40 links resolves, 41 does not
    mkdir("c", 0755);
    write_file("c/end", "end");
    char from[32], to[32];
    for (int i = 0; i < 41; ++i) {
        snprintf(from, sizeof from, "c/l%d", i);
        if (i == 0) snprintf(to, sizeof to, "end");
        else snprintf(to, sizeof to, "l%d", i - 1);
        symlink(to, from);
    }
    T(stat("c/l39", &st));               // 40 links
    T(stat("c/l40", &st));               // 41: ELOOP
    T(lstat("c/l40", &st));
    // a loop through a directory
    mkdir("d", 0755);
    T(symlink("..", "d/up"));
    T(stat("d/up/d/up/d/up/d/up/c/end", &st));
    show("d/up/d/up/c/end");
    return 0;
}
