// Raw openat/write/read/getdents64/close see the kernel's files: a file
// made in the kernel's /tmp is listed there (and the runner checks it is
// absent on the host); /proc/ukp exists. Also from a pthread_create'd
// thread, and from a signal handler (whose return is a raw rt_sigreturn).
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "raw.h"

static const char* g_name;
static char g_path[256];

static int listed(const char* dir, const char* name) {
    long fd = raw4(SYS_openat, AT_FDCWD, (long)dir, O_RDONLY | O_DIRECTORY, 0);
    EXPECT(fd >= 0);
    char buf[4096] __attribute__((aligned(8)));
    int found = 0;
    for (;;) {
        long n = raw3(SYS_getdents64, fd, (long)buf, sizeof buf);
        EXPECT(n >= 0);
        if (n == 0) break;
        for (long off = 0; off < n;) {
            unsigned short reclen = *(unsigned short*)(buf + off + 16);
            if (strcmp(buf + off + 19, name) == 0) found = 1;
            off += reclen;
        }
    }
    EXPECT(raw_call(SYS_close, fd) == 0);
    return found;
}

static void check_file(void) {
    long fd = raw4(SYS_openat, AT_FDCWD, (long)g_path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    EXPECT(fd >= 0);
    EXPECT(raw3(SYS_write, fd, (long)"kernel data", 11) == 11);
    EXPECT(raw_call(SYS_close, fd) == 0);
    fd = raw4(SYS_openat, AT_FDCWD, (long)g_path, O_RDONLY, 0);
    EXPECT(fd >= 0);
    char buf[32] = {0};
    EXPECT(raw3(SYS_read, fd, (long)buf, sizeof buf) == 11);
    EXPECT(memcmp(buf, "kernel data", 11) == 0);
    EXPECT(raw_call(SYS_close, fd) == 0);
    EXPECT(listed("/tmp", g_name));
}

static void* thread_main(void* arg) {
    (void)arg;
    check_file();
    return NULL;
}

static volatile long g_handler_fd = -100;
static void on_usr1(int sig) {
    (void)sig;
    g_handler_fd = raw4(SYS_openat, AT_FDCWD, (long)"/proc/ukp", O_RDONLY | O_DIRECTORY, 0);
}

int main(int argc, char** argv) {
    EXPECT(argc == 2);
    g_name = argv[1];
    snprintf(g_path, sizeof g_path, "/tmp/%s", g_name);
    check_file();
    long fd = raw4(SYS_openat, AT_FDCWD, (long)"/proc/ukp", O_RDONLY | O_DIRECTORY, 0);
    EXPECT(fd >= 0);
    raw_call(SYS_close, fd);

    pthread_t t;
    EXPECT(pthread_create(&t, NULL, thread_main, NULL) == 0);
    EXPECT(pthread_join(t, NULL) == 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigfillset(&sa.sa_mask);  // SIGSYS must stay deliverable all the same
    EXPECT(sigaction(SIGUSR1, &sa, NULL) == 0);
    EXPECT(raw2(SYS_kill, raw_call(SYS_getpid, 0), SIGUSR1) == 0);
    EXPECT(g_handler_fd >= 0);
    // Still captured after the handler returned.
    EXPECT(listed("/tmp", g_name));

    // A raw rt_sigprocmask outlives the capture's own signal frame:
    // blocked SIGUSR1 stays pending until unblocked; SIGSYS cannot be blocked.
    unsigned long usr1 = 1UL << (SIGUSR1 - 1), all = ~0UL, now = 0, pend = 0;
    g_handler_fd = -100;
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&usr1, 0, 8) == 0);
    EXPECT(raw2(SYS_kill, raw_call(SYS_getpid, 0), SIGUSR1) == 0);
    EXPECT(g_handler_fd == -100);
    EXPECT(raw2(SYS_rt_sigpending, (long)&pend, 8) == 0);
    EXPECT(pend & usr1);
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&usr1, (long)&now, 8) == 0);
    EXPECT(now & usr1);
    EXPECT(g_handler_fd >= 0);
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&all, 0, 8) == 0);
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_SETMASK, 0, (long)&now, 8) == 0);
    EXPECT(!(now & (1UL << (SIGSYS - 1))));
    EXPECT(listed("/tmp", g_name));  // a captured call with "everything" blocked
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&pend /* anything */, 0, 8) == 0);
    unsigned long none = 0;
    EXPECT(raw4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&none, 0, 8) == 0);
    printf("raw_files: ok\n");
    return 0;
}
