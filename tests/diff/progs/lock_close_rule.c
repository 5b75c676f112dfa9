// POSIX's odd rule: closing ANY fd of a file drops all of the process's
// record locks on it, also through dup2 over such an fd; OFD and flock
// locks stay until their own description closes.
#include "lock_common.h"

int main(void) {
    write_file("f", "data");
    write_file("g", "other");
    int a = MUST(open("f", O_RDWR));
    int probe = MUST(open("f", O_RDWR));
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 0, 2);
    LK(a, F_SETLK, F_RDLCK, SEEK_SET, 10, 0);
    dump("locked", probe);
    // Another file's fd closing changes nothing.
    int g = MUST(open("g", O_RDONLY));
    close(g);
    dump("after closing another file", probe);
    int c = MUST(open("f", O_RDONLY));
    close(c);
    dump("after closing an unrelated fd of the file", probe);

    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 0, 2);
    int d = MUST(dup(a));
    close(d);
    dump("after closing a dup", probe);

    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 3, 1);
    c = MUST(open("f", O_RDONLY));
    g = MUST(open("g", O_RDONLY));
    dump("before dup2", probe);
    MUST(dup2(g, c));  // c (the file) is closed by dup2
    dump("after dup2 over an fd of the file", probe);

    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 3, 1);
    c = MUST(open("f", O_RDONLY));
    MUST(dup3(c, g, O_CLOEXEC));  // g was the other file: locks stay
    dump("after dup3 over another file's fd", probe);
    MUST(dup2(c, c));  // nothing is closed
    dump("after dup2 onto itself", probe);
    close(g);
    dump("after closing the dup3 copy", probe);

    // OFD and flock locks belong to their descriptions.
    int o = MUST(open("f", O_RDWR));
    LK(o, F_OFD_SETLK, F_WRLCK, SEEK_SET, 7, 1);
    OK(flock(o, LOCK_EX));
    c = MUST(open("f", O_RDONLY));
    close(c);
    dump("OFD lock after closing another fd", probe);
    OK(flock(probe, LOCK_EX | LOCK_NB));
    close(o);
    dump("after closing the OFD's description", probe);
    OK(flock(probe, LOCK_EX | LOCK_NB));
    return 0;
}
