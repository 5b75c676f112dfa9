// flock(2) between open file descriptions: shared and exclusive,
// EWOULDBLOCK, dup'd fds sharing one lock, upgrade and downgrade, release
// on the last close, independence from fcntl locks, error paths.
#include "lock_common.h"
#include <sys/file.h>

int main(void) {
    write_file("f", "data");
    int a = MUST(open("f", O_RDONLY));
    int b = MUST(open("f", O_WRONLY));
    T(flock(a, LOCK_SH));
    T(flock(b, LOCK_SH | LOCK_NB));
    T(flock(b, LOCK_EX | LOCK_NB));
    printf("EWOULDBLOCK is EAGAIN: %d\n", EWOULDBLOCK == EAGAIN);
    T(flock(b, LOCK_UN));
    T(flock(a, LOCK_EX | LOCK_NB));  // upgrade: nobody else holds it
    T(flock(b, LOCK_SH | LOCK_NB));
    T(flock(a, LOCK_EX));  // already held: nothing changes
    T(flock(a, LOCK_SH));  // downgrade
    T(flock(b, LOCK_SH | LOCK_NB));
    // An upgrade that cannot be granted has already dropped the shared lock.
    T(flock(a, LOCK_EX | LOCK_NB));
    T(flock(b, LOCK_EX | LOCK_NB));
    T(flock(b, LOCK_UN));
    T(flock(b, LOCK_UN));  // unlocking nothing is fine

    // A dup shares the description and its lock.
    T(flock(a, LOCK_EX));
    int a2 = MUST(dup(a));
    T(flock(a2, LOCK_EX | LOCK_NB));
    T(flock(b, LOCK_SH | LOCK_NB));
    close(a);
    T(flock(b, LOCK_SH | LOCK_NB));
    close(a2);  // the last fd of the description
    T(flock(b, LOCK_EX | LOCK_NB));

    // flock locks and fcntl locks do not see each other.
    int c = MUST(open("f", O_RDWR));
    LK(c, F_SETLK, F_WRLCK, SEEK_SET, 0, 0);
    LK(c, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0, 0);
    getlk(c, F_OFD_GETLK, F_WRLCK, 0, 0);
    T(flock(c, LOCK_SH | LOCK_NB));
    T(flock(b, LOCK_UN));
    T(flock(c, LOCK_EX | LOCK_NB));

    // Directories can be locked too, whatever the open mode.
    MUST(mkdir("d", 0755));
    int d = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(flock(d, LOCK_EX | LOCK_NB));

    // Errors.
    T(flock(a, LOCK_SH | LOCK_EX));
    T(flock(c, 0));
    T(flock(c, LOCK_NB));
    T(flock(c, 16));
    T(flock(99, LOCK_SH));
    T(flock(99, 99));  // the operation is checked first
    T(flock(-1, LOCK_UN));
    int p = MUST(open("f", O_PATH));
    T(flock(p, LOCK_SH));
    T(flock(p, LOCK_UN));
    return 0;
}
