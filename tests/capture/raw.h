// Raw `syscall` instructions, bypassing every libc function (and so every
// name libukp exports): what capture must catch.
#pragma once
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline long raw6(long n, long a, long b, long c, long d, long e, long f) {
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}
#define RAW(n, ...) raw_call(n, __VA_ARGS__ + 0)
static inline long raw_call(long n, long a) { return raw6(n, a, 0, 0, 0, 0, 0); }
static inline long raw2(long n, long a, long b) { return raw6(n, a, b, 0, 0, 0, 0); }
static inline long raw3(long n, long a, long b, long c) { return raw6(n, a, b, c, 0, 0, 0); }
static inline long raw4(long n, long a, long b, long c, long d) { return raw6(n, a, b, c, d, 0, 0); }

#define EXPECT(cond)                                                              \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond);   \
            exit(1);                                                              \
        }                                                                         \
    } while (0)
