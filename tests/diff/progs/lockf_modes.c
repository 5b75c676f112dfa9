// lockf: F_LOCK, F_TLOCK, F_ULOCK, F_TEST relative to the file offset, with
// positive, negative and zero lengths; observed through an OFD.
#include "lock_common.h"

int main(void) {
    int a = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    int probe = MUST(open("f", O_RDWR));
    T(lockf(a, F_LOCK, 10));
    dump("F_LOCK 10 at 0", probe);
    lseek(a, 20, SEEK_SET);
    T(lockf(a, F_TLOCK, -5));
    dump("F_TLOCK -5 at 20", probe);
    T(lockf(a, F_TLOCK, 0));
    dump("F_TLOCK 0 at 20", probe);
    lseek(a, 30, SEEK_SET);
    T(lockf(a, F_ULOCK, 5));
    dump("F_ULOCK 5 at 30", probe);
    // F_TEST: 0 if free or held by this process.
    T(lockf(a, F_TEST, 0));
    lseek(probe, 100, SEEK_SET);
    T(lockf(probe, F_TEST, 0));
    lseek(a, 0, SEEK_SET);
    T(lockf(a, F_ULOCK, 0));
    dump("F_ULOCK 0 at 0", probe);
    // Against another description's OFD lock.
    LK(probe, F_OFD_SETLK, F_RDLCK, SEEK_SET, 50, 10);
    lseek(a, 55, SEEK_SET);
    T(lockf(a, F_TEST, 1));
    T(lockf(a, F_TLOCK, 1));
    lseek(a, 60, SEEK_SET);
    T(lockf(a, F_TEST, 1));
    T(lockf(a, F_TLOCK, 1));
    lseek(a, 61, SEEK_SET);
    T(lockf(a, F_TEST, -2));
    dump("after", probe);
    // Errors.
    T(lockf(a, 99, 0));
    T(lockf(99, F_TLOCK, 0));
    T(lockf(99, F_TEST, 0));
    lseek(a, 5, SEEK_SET);
    T(lockf(a, F_LOCK, -10));
    int r = MUST(open("f", O_RDONLY));
    T(lockf(r, F_TLOCK, 1));
    T(lockf(r, F_TEST, 1));
    T(lockf(r, F_ULOCK, 1));
    return 0;
}
