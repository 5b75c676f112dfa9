// F_OFD_SETLKW in a thread waits while another description holds a
// conflicting lock and gets it once that one unlocks; a POSIX F_SETLKW
// waiting behind an OFD lock wakes when that description is closed.
#include "lock_common.h"
#include <pthread.h>

static int lock_fd, lock_cmd;
static volatile int state;  // 1 waiting, 2 got it, 3 failed

static void* locker(void* arg) {
    (void)arg;
    struct flock l = mk(F_WRLCK, SEEK_SET, 5, 10);
    state = 1;
    int r = fcntl(lock_fd, lock_cmd, &l);
    state = r == 0 ? 2 : 3;
    return NULL;
}

static void start(pthread_t* t, int fd, int cmd) {
    lock_fd = fd;
    lock_cmd = cmd;
    state = 0;
    pthread_create(t, NULL, locker, NULL);
    for (int i = 0; i < 1000 && state == 0; ++i) usleep(1000);
    usleep(50000);
}

int main(void) {
    int a = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    int b = MUST(open("f", O_RDWR));
    LK(a, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0, 8);
    LK(a, F_OFD_SETLK, F_WRLCK, SEEK_SET, 12, 1);
    pthread_t t;
    start(&t, b, F_OFD_SETLKW);
    printf("thread blocked: %d\n", state == 1);
    // Freeing one of two conflicting ranges is not enough.
    LK(a, F_OFD_SETLK, F_UNLCK, SEEK_SET, 0, 8);
    usleep(50000);
    printf("still blocked: %d\n", state == 1);
    LK(a, F_OFD_SETLK, F_UNLCK, SEEK_SET, 12, 1);
    pthread_join(t, NULL);
    printf("thread got the lock: %d\n", state == 2);
    getlk(a, F_OFD_GETLK, F_RDLCK, 0, 0);

    start(&t, a, F_SETLKW);
    printf("POSIX waiter blocked: %d\n", state == 1);
    close(b);
    pthread_join(t, NULL);
    printf("woken by the close: %d\n", state == 2);
    int c = MUST(open("f", O_RDWR));
    getlk(c, F_OFD_GETLK, F_RDLCK, 0, 0);
    return 0;
}
