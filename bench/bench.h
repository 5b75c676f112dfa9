// The timing harness the micro-benchmarks share: each program is built
// natively and linked with libukp, and a runner script compares the two.
//
// An operation runs in a timed loop: a warm-up that also sizes the loop,
// then R repetitions; the median ns/op is printed as one line
// "OP NS_PER_OP" ("OP n/a" when the build cannot run it). Lines starting
// with '#' are comments for humans. Repetitions are short (~2 ms by
// default) so that on a loaded machine the ones the scheduler interrupted
// are outliers the median ignores.
#pragma once
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BENCH_UKP
#define BENCH_UKP 0
#endif

#define MAX_REPS 31

static volatile long g_sink;

// While an operation is measured, a failure abandons that operation only
// (reported as n/a with the reason) so that one broken call does not hide
// the others; during set-up it ends the program.
static jmp_buf* g_op_failed;
static char g_failure[256];

static void die(const char* what, const char* detail) {
    snprintf(g_failure, sizeof g_failure, "%s %s: %s", what, detail ? detail : "", strerror(errno));
    if (g_op_failed) longjmp(*g_op_failed, 1);
    fprintf(stderr, "bench: %s\n", g_failure);
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// ---- which library serves a libc name ------------------------------------
// In the ukp build a name the posix layer does not export still resolves to
// the host libc and would measure the host: such operations are n/a.

static int served_by_ukp(void* fn) {
    Dl_info info;
    if (!fn || !dladdr(fn, &info) || !info.dli_fname) return 0;
    return strstr(info.dli_fname, "libukp") != NULL;
}

static int bridged(void* const* fns) {
    if (!BENCH_UKP) return 1;
    for (; *fns; ++fns)
        if (!served_by_ukp(*fns)) return 0;
    return 1;
}

#define BRIDGED(...) bridged((void* const[]){__VA_ARGS__, NULL})

// ---- timing -------------------------------------------------------------------

struct Op {
    const char* name;
    void (*run)(long);
    int available;
    const char* why;  // when not available: the names that are missing
};

static int cmp_i64(const void* a, const void* b) {
    int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
    return (x > y) - (x < y);
}

// Warm-up doubles the loop until it takes ~2 ms, which also sizes the timed
// loop so that reps repetitions fit into the budget.
static double measure(const struct Op* op, int64_t budget_ns, int reps, long fixed_iters) {
    long iters = fixed_iters;
    if (iters <= 0) {
        long n = 1;
        int64_t took;
        for (;;) {
            int64_t t0 = now_ns();
            op->run(n);
            took = now_ns() - t0;
            if (took >= 2000000 || n >= (1L << 30)) break;
            n *= 2;
        }
        double per_op = (double)took / (double)n;
        iters = (long)((double)budget_ns / reps / per_op);
        if (iters < 1) iters = 1;
    } else {
        op->run(iters < 100 ? iters : 100);  // warm caches without blowing up a callgrind run
    }
    int64_t samples[MAX_REPS];
    for (int r = 0; r < reps; ++r) {
        int64_t t0 = now_ns();
        op->run(iters);
        samples[r] = now_ns() - t0;
    }
    qsort(samples, (size_t)reps, sizeof samples[0], cmp_i64);
    int64_t med = reps % 2 ? samples[reps / 2] : (samples[reps / 2 - 1] + samples[reps / 2]) / 2;
    return (double)med / (double)iters;
}

struct BenchOptions {
    long budget_ms, fixed_iters;
    int reps;
    const char* only;
};

// Parses [--budget-ms N] [--reps R] [--iters N] [--only OP] from argv[first] on.
static struct BenchOptions bench_options(int argc, char** argv, int first) {
    struct BenchOptions o = {60, 0, 31, NULL};
    for (int i = first; i < argc; i += 2) {
        if (i + 1 >= argc) {
            fprintf(stderr, "bench: %s needs a value\n", argv[i]);
            exit(2);
        }
        if (!strcmp(argv[i], "--budget-ms")) o.budget_ms = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--reps")) o.reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--iters")) o.fixed_iters = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--only")) o.only = argv[i + 1];
        else {
            fprintf(stderr, "bench: unknown option %s\n", argv[i]);
            exit(2);
        }
    }
    if (o.reps < 1) o.reps = 1;
    if (o.reps > MAX_REPS) o.reps = MAX_REPS;
    return o;
}

// Measures each operation and prints its line; `recover` (may be null) puts
// back what later operations expect after one failed.
static void bench_run(const struct Op* ops, size_t n, struct BenchOptions o, void (*recover)(void)) {
    fflush(stdout);
    for (size_t i = 0; i < n; ++i) {
        const struct Op* op = &ops[i];
        if (o.only && strcmp(o.only, op->name) != 0) continue;
        if (!op->available) {
            printf("%s n/a\n# %s: not bridged by libukp yet (%s)\n", op->name, op->name, op->why);
        } else {
            jmp_buf env;
            if (setjmp(env) == 0) {
                g_op_failed = &env;
                double ns = measure(op, o.budget_ms * 1000000, o.reps, o.fixed_iters);
                printf("%s %.1f\n", op->name, ns);
            } else {
                printf("%s n/a\n# %s: failed: %s\n", op->name, op->name, g_failure);
                g_op_failed = NULL;
                if (recover) recover();
            }
            g_op_failed = NULL;
        }
        fflush(stdout);
    }
}
