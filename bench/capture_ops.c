// The cost of one captured system call against one call of an exported
// name: getppid() (libukp's symbol, a function call into the kernel) vs
// syscall(SYS_getppid) (glibc's raw `syscall`, caught by Syscall User
// Dispatch: SIGSYS, the raw-syscall table, rt_sigreturn) vs a raw call the
// host serves as is (gettid: SIGSYS + the host call from the gate). Run
// under UKP_CAPTURE=trap (the default on Linux) and =off for the host's own.
//
//   capture_ops [ITERS]      prints "OP NS_PER_OP" lines (median of 9 runs)
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile long g_sink;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

#define MEASURE(label, stmt)                                        \
    do {                                                            \
        double r[9];                                                \
        for (int k = 0; k < 9; ++k) {                               \
            long long t0 = now_ns();                                \
            for (long i = 0; i < iters; ++i) stmt;                  \
            r[k] = (double)(now_ns() - t0) / (double)iters;         \
        }                                                           \
        qsort(r, 9, sizeof r[0], cmp);                              \
        printf("%-24s %8.1f\n", label, r[4]);                       \
    } while (0)

int main(int argc, char** argv) {
    long iters = argc > 1 ? atol(argv[1]) : 20000;
    MEASURE("getppid-symbol", g_sink += getppid());
    MEASURE("getppid-raw-syscall", g_sink += syscall(SYS_getppid));
    MEASURE("gettid-raw-syscall", g_sink += syscall(SYS_gettid));
    return 0;
}
