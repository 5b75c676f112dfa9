// rename(2): every rule.
#include "common.h"

int main(void) {
    write_file("a", "A");
    write_file("b", "B");
    T(rename("a", "b"));               // replace file
    cat("b");
    show("a");
    mkdir("d1", 0755);
    mkdir("d2", 0755);
    T(rename("d1", "d2"));             // replace empty dir
    show("d1");
    show("d2");
    mkdir("full", 0755);
    write_file("full/x", "x");
    mkdir("e", 0755);
    T(rename("e", "full"));            // ENOTEMPTY
    T(rename("b", "e"));               // EISDIR
    T(rename("e", "b"));               // ENOTDIR
    T(rename("e", "e/sub"));           // EINVAL: own subtree
    mkdir("e/in", 0755);
    T(rename("e", "e/in/deeper"));     // EINVAL
    T(rename("b", "b"));               // same file: ok
    link("b", "b2");
    T(rename("b", "b2"));              // hard links to one inode: no-op, both stay
    show("b");
    show("b2");
    T(rename("missing", "x"));         // ENOENT
    T(rename("b", "nodir/x"));         // ENOENT
    T(rename("b", "b2/x"));            // ENOTDIR
    T(rename("", "x"));                // ENOENT
    T(rename(".", "x"));               // EBUSY on Linux... or EINVAL
    T(rename("e", "."));
    T(rename("e/in", "e/in/.."));
    T(rename("full/x", "e/in/moved")); // across directories
    cat("e/in/moved");
    show("full");
    show("e");
    T(rename("e/in", "top"));          // dir move: nlink of parents
    show("e");
    show("top");
    symlink("top", "lt");
    T(rename("lt", "lt2"));            // renames the link
    show("lt2");
    T(rename("b/", "c"));              // ENOTDIR
    T(rename("top/", "top2/"));        // ok for dirs
    show("top2");
    int fd = MUST(open("b2", O_RDONLY));
    T(rename("b2", "renamed"));        // open fd still valid
    char buf[4];
    T(read(fd, buf, 4));
    close(fd);
    return 0;
}
