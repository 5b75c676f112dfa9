// OFD locks between two open file descriptions of one file: conflicts,
// what F_OFD_GETLK and F_GETLK report, sharing through dup, release on the
// description's last close, and POSIX locks in the same lock space.
#include "lock_common.h"

int main(void) {
    int a = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    int b = MUST(open("f", O_RDWR));
    LK(a, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 10);
    LK(b, F_OFD_SETLK, F_RDLCK, SEEK_SET, 5, 1);
    LK(b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 9, 100);
    LK(b, F_OFD_SETLK, F_RDLCK, SEEK_SET, 10, 0);
    getlk(b, F_OFD_GETLK, F_RDLCK, 0, 0);
    getlk(b, F_OFD_GETLK, F_WRLCK, 20, 5);
    getlk(a, F_OFD_GETLK, F_WRLCK, 0, 0);
    getlk(b, F_GETLK, F_RDLCK, 3, 1);
    // Shared read locks do not conflict; a write does.
    LK(a, F_OFD_SETLK, F_RDLCK, SEEK_SET, 40, 10);
    getlk(b, F_OFD_GETLK, F_RDLCK, 40, 10);
    getlk(b, F_OFD_GETLK, F_WRLCK, 45, 1);
    // The process's POSIX locks and OFD locks conflict both ways.
    LK(b, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
    LK(b, F_SETLK, F_RDLCK, SEEK_SET, 45, 1);
    LK(b, F_SETLK, F_WRLCK, SEEK_SET, 200, 10);
    LK(a, F_OFD_SETLK, F_RDLCK, SEEK_SET, 205, 1);
    getlk(a, F_OFD_GETLK, F_WRLCK, 100, 0);
    LK(b, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    // A dup shares the description: same owner, no conflict.
    int a2 = MUST(dup(a));
    LK(a2, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 20);  // b's read lock from 10 on
    LK(a2, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0, 5);   // a's own lock: no conflict
    LK(a2, F_OFD_SETLK, F_UNLCK, SEEK_SET, 40, 10);
    close(a);
    getlk(b, F_OFD_GETLK, F_WRLCK, 0, 0);
    close(a2);
    getlk(b, F_OFD_GETLK, F_WRLCK, 0, 0);
    LK(b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 0);
    return 0;
}
