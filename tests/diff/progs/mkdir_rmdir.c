// mkdir/rmdir and their errors.
#include "common.h"

int main(void) {
    umask(022);
    T(mkdir("a", 0777));
    show("a");
    T(mkdir("a", 0777));          // EEXIST
    T(mkdir("a/b", 0700));
    show("a");                    // nlink 3
    T(mkdir("a/b/c/d", 0700));    // ENOENT
    write_file("f", "x");
    T(mkdir("f", 0700));          // EEXIST
    T(mkdir("f/x", 0700));        // ENOTDIR
    T(mkdir("", 0700));           // ENOENT
    T(mkdir(".", 0700));          // EEXIST
    T(mkdir("..", 0700));         // EEXIST
    T(mkdir("s", 07777));         // sticky/setgid kept, setuid dropped on Linux
    show("s");
    T(rmdir("a"));                // ENOTEMPTY
    T(rmdir("a/b/."));            // EINVAL
    T(rmdir("a/b/.."));           // ENOTEMPTY
    T(rmdir("."));                // EINVAL
    T(rmdir("f"));                // ENOTDIR
    T(rmdir("missing"));          // ENOENT
    T(rmdir(""));                 // ENOENT
    symlink("a", "la");
    T(rmdir("la"));               // ENOTDIR
    T(rmdir("a/b"));
    show("a");
    T(rmdir("a/"));
    show("a");
    T(rmdir("s"));
    T(mkdir("t/", 0755));         // trailing slash fine
    show("t");
    T(rmdir("t//"));
    return 0;
}
