// Tells ThreadSanitizer about synchronisation it cannot see: our locks park
// on raw futexes, which TSan does not model.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define UKP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UKP_TSAN 1
#endif
#endif

#ifdef UKP_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace ukp {
inline void tsan_acquire([[maybe_unused]] void* addr) {
#ifdef UKP_TSAN
    __tsan_acquire(addr);
#endif
}
inline void tsan_release([[maybe_unused]] void* addr) {
#ifdef UKP_TSAN
    __tsan_release(addr);
#endif
}
}  // namespace ukp
