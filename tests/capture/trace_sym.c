// Calls through libukp's exported names, for the trace test
// (run_capture.py): each "sym" line must show its decoded arguments.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define EXPECT(c)                                                  \
    do {                                                           \
        if (!(c)) {                                                \
            printf("trace_sym: %s failed (%s)\n", #c, strerror(errno)); \
            return 1;                                              \
        }                                                          \
    } while (0)

static char g_path[256];

static void* thread_main(void* arg) {
    (void)arg;
    struct stat st;
    stat(g_path, &st);
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    snprintf(g_path, sizeof g_path, "/tmp/%s", argv[1]);
    int fd = openat(AT_FDCWD, g_path, O_RDWR | O_CREAT, 0644);
    EXPECT(fd >= 0);
    EXPECT(write(fd, "x", 1) == 1);
    EXPECT(close(fd) == 0);
    EXPECT(open("/tmp/no/such/file", O_RDONLY) == -1 && errno == ENOENT);
    FILE* f = fopen(g_path, "r");
    EXPECT(f != NULL);
    fclose(f);
    EXPECT(fopen("/tmp/no/such/file", "r") == NULL);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    EXPECT(s >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    strcpy(sa.sun_path, "/tmp/no-such-socket");
    EXPECT(connect(s, (struct sockaddr*)&sa, sizeof sa) == -1);
    close(s);
    pthread_t t;
    EXPECT(pthread_create(&t, NULL, thread_main, NULL) == 0);
    pthread_join(t, NULL);
    EXPECT(unlink(g_path) == 0);
    printf("trace_sym: ok\n");
    return 0;
}
