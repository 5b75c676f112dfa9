/* ukp: a kernel inside the application's process.
 *
 * Linking with libukp is all an application needs: its POSIX calls
 * (open, read, stat, ...) go to the in-process kernel. This header is only
 * for programs that want to talk to ukp itself. */
#ifndef UKP_UKP_H
#define UKP_UKP_H

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, e.g. "0.1.0". */
const char* ukp_version(void);

/* Nonzero once the kernel is up (it boots before main). */
int ukp_booted(void);

/* The host implementation in use: "linux" or "posix". */
const char* ukp_host(void);

#ifdef __cplusplus
}
#endif

#endif
