// A blocking flock in a thread waits until the holder unlocks or closes;
// a shared waiter runs alongside other shared holders.
#include "lock_common.h"
#include <pthread.h>
#include <sys/file.h>

static int wfd, wop;
static volatile int state;  // 1 waiting, 2 got it, 3 failed

static void* waiter(void* arg) {
    (void)arg;
    state = 1;
    state = flock(wfd, wop) == 0 ? 2 : 3;
    return NULL;
}

static void start(pthread_t* t, int fd, int op) {
    wfd = fd;
    wop = op;
    state = 0;
    pthread_create(t, NULL, waiter, NULL);
    for (int i = 0; i < 1000 && state == 0; ++i) usleep(1000);
    usleep(50000);
}

int main(void) {
    write_file("f", "x");
    int a = MUST(open("f", O_RDONLY));
    int b = MUST(open("f", O_RDONLY));
    int c = MUST(open("f", O_RDONLY));
    pthread_t t;

    T(flock(a, LOCK_EX));
    start(&t, b, LOCK_SH);
    printf("shared waiter blocked: %d\n", state == 1);
    T(flock(a, LOCK_UN));
    pthread_join(t, NULL);
    printf("shared waiter got it: %d\n", state == 2);

    start(&t, c, LOCK_SH);
    pthread_join(t, NULL);
    printf("second shared holder at once: %d\n", state == 2);

    start(&t, a, LOCK_EX);
    printf("exclusive waiter blocked: %d\n", state == 1);
    T(flock(b, LOCK_UN));
    usleep(50000);
    printf("still blocked by the other holder: %d\n", state == 1);
    close(c);  // the last close releases
    pthread_join(t, NULL);
    printf("exclusive waiter got it: %d\n", state == 2);
    T(flock(b, LOCK_SH | LOCK_NB));
    return 0;
}
