/* lwIP's platform header for ukp: standard C types, and diagnostics that go
   to the kernel's log instead of printf (the app owns stdout). sys_arch.c
   formats them; the kernel's glue (src/core/net/lwip/glue.cpp) defines the
   ukp_lwip_log/panic/rand hooks. */
#ifndef UKP_LWIP_ARCH_CC_H
#define UKP_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
void ukp_lwip_diag(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void ukp_lwip_assert(const char* msg, const char* file, int line) __attribute__((noreturn));
void ukp_lwip_log(const char* text, size_t len);
void ukp_lwip_panic(const char* text) __attribute__((noreturn));
uint32_t ukp_lwip_rand(void);
#ifdef __cplusplus
}
#endif

#define LWIP_PLATFORM_DIAG(x) do { ukp_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) ukp_lwip_assert((x), __FILE__, __LINE__)
#define LWIP_RAND() ukp_lwip_rand()

#endif
