// F_SETLKW and lockf(F_LOCK) in a thread wait behind another description's
// OFD lock; a process's threads share its POSIX locks and never wait for
// each other.
#include "lock_common.h"
#include <pthread.h>

static int fd;
static volatile int state;  // 1 waiting, 2 got it, 3 failed
static int use_lockf;

static void* locker(void* arg) {
    (void)arg;
    state = 1;
    int r;
    if (use_lockf) {
        r = lockf(fd, F_LOCK, 4);
    } else {
        struct flock l = mk(F_RDLCK, SEEK_SET, 0, 4);
        r = fcntl(fd, F_SETLKW, &l);
    }
    state = r == 0 ? 2 : 3;
    return NULL;
}

static void start(pthread_t* t) {
    state = 0;
    pthread_create(t, NULL, locker, NULL);
    for (int i = 0; i < 1000 && state == 0; ++i) usleep(1000);
    usleep(50000);
}

int main(void) {
    fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    int o = MUST(open("f", O_RDWR));
    int probe = MUST(open("f", O_RDWR));
    pthread_t t;

    LK(o, F_OFD_SETLK, F_WRLCK, SEEK_SET, 2, 1);
    start(&t);
    printf("F_SETLKW blocked: %d\n", state == 1);
    LK(o, F_OFD_SETLK, F_RDLCK, SEEK_SET, 2, 1);  // a downgrade lets a reader in
    pthread_join(t, NULL);
    printf("F_SETLKW got it after the downgrade: %d\n", state == 2);
    dump("POSIX read lock", probe);

    use_lockf = 1;
    start(&t);
    printf("lockf F_LOCK blocked: %d\n", state == 1);
    LK(o, F_OFD_SETLK, F_UNLCK, SEEK_SET, 0, 0);
    pthread_join(t, NULL);
    printf("lockf got it: %d\n", state == 2);
    dump("POSIX write lock", probe);

    // Another thread of the process: its own locks, no waiting.
    start(&t);
    printf("second thread at once: %d\n", state == 2);
    pthread_join(t, NULL);
    LK(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 0);
    dump("whole file", probe);
    return 0;
}
