/* lwIP's platform header for ukp: standard C types, and diagnostics that go
   to the kernel's log instead of printf (the app owns stdout). ukp's net
   glue defines the two functions. */
#ifndef UKP_LWIP_ARCH_CC_H
#define UKP_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
void ukp_lwip_diag(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void ukp_lwip_assert(const char* msg, const char* file, int line) __attribute__((noreturn));
uint32_t ukp_lwip_rand(void);
#ifdef __cplusplus
}
#endif

#define LWIP_PLATFORM_DIAG(x) do { ukp_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) ukp_lwip_assert((x), __FILE__, __LINE__)
#define LWIP_RAND() ukp_lwip_rand()

/* The kernel has no errno of lwIP's kind: sockets map err_t themselves. */
#define LWIP_ERRNO_INCLUDE <errno.h>

#endif
