// POSIX record locks of one process: merging of adjacent and overlapping
// locks of the same kind, splitting by another kind and by unlocks, as an
// OFD on the same file sees them through F_OFD_GETLK.
#include "lock_common.h"

int main(void) {
    int a = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    int probe = MUST(open("f", O_RDWR));
    MUST(write(a, "0123456789abcdefghij", 20));
    dump("empty", probe);
    LK(a, F_SETLK, F_RDLCK, SEEK_SET, 0, 10);
    LK(a, F_SETLK, F_RDLCK, SEEK_SET, 10, 10);
    dump("adjacent read locks merge", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 5, 1);
    dump("a write lock splits", probe);
    LK(a, F_SETLK, F_RDLCK, SEEK_SET, 5, 1);
    dump("read again merges back", probe);
    LK(a, F_SETLK, F_UNLCK, SEEK_SET, 3, 2);
    dump("unlock makes a hole", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 2, 4);
    dump("write over the hole", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 6, 2);
    dump("adjacent write merges", probe);
    LK(a, F_SETLK, F_RDLCK, SEEK_SET, 0, 30);
    dump("read over everything", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 100, 0);
    dump("to EOF and beyond", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 50, 0);
    dump("extended to EOF", probe);
    LK(a, F_SETLK, F_UNLCK, SEEK_SET, 60, 10);
    dump("hole in the EOF lock", probe);
    LK(a, F_SETLK, F_UNLCK, SEEK_SET, 40, 0);
    dump("unlock to EOF", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_SET, 35, -5);
    dump("negative length", probe);
    lseek(a, 12, SEEK_SET);
    LK(a, F_SETLK, F_WRLCK, SEEK_CUR, -2, 3);
    dump("SEEK_CUR", probe);
    LK(a, F_SETLK, F_UNLCK, SEEK_END, -1, 1);
    dump("SEEK_END unlock", probe);
    LK(a, F_SETLK, F_WRLCK, SEEK_END, 0, 0);
    dump("SEEK_END to EOF", probe);
    getlk(probe, F_OFD_GETLK, F_RDLCK, 0, 0);
    getlk(probe, F_OFD_GETLK, F_RDLCK, 10, 5);
    getlk(probe, F_OFD_GETLK, F_WRLCK, 10, 5);
    getlk(probe, F_OFD_GETLK, F_WRLCK, 1000, 1);
    // The process never conflicts with itself.
    getlk(a, F_GETLK, F_WRLCK, 0, 0);
    getlk(probe, F_GETLK, F_WRLCK, 0, 0);
    LK(probe, F_SETLK, F_WRLCK, SEEK_SET, 0, 0);
    dump("own POSIX locks replaced through another fd", probe);
    LK(a, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    dump("all unlocked", probe);
    return 0;
}
