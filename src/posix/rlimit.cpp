// Resource limits: RLIMIT_NOFILE belongs to the kernel (its fd table);
// every other limit is the host process's and goes to the host libc.
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

// The sanitizer runtimes call getrlimit/setrlimit from their own start-up,
// before their shadow memory exists: nothing on that path may be instrumented.
#define UKP_EARLY __attribute__((no_sanitize("address", "undefined", "thread")))

namespace {

UKP_EARLY int limits(pid_t pid, int resource, const struct rlimit* new_limit, struct rlimit* old_limit) {
    // Sanitizer runtimes set limits before anything is initialised (dlsym
    // included), so the host's limits are reached with the plain syscall,
    // as glibc itself does, and the kernel only once it is up.
    bool ours = resource == RLIMIT_NOFILE && ukp::booted() &&
                (pid == 0 || pid == static_cast<pid_t>(ukp::sys::getpid()));
    if (ours) {
        return ret(ukp::sys::prlimit64(resource, reinterpret_cast<const ukp::lx_rlimit*>(new_limit),
                                       reinterpret_cast<ukp::lx_rlimit*>(old_limit)));
    }
    return static_cast<int>(syscall(SYS_prlimit64, pid, resource, new_limit, old_limit));
}

}  // namespace

UKP_EXPORT UKP_EARLY int getrlimit(__rlimit_resource_t resource, struct rlimit* rl) { return limits(0, resource, nullptr, rl); }
UKP_EXPORT UKP_EARLY int getrlimit64(__rlimit_resource_t resource, struct rlimit64* rl) {
    return limits(0, resource, nullptr, reinterpret_cast<struct rlimit*>(rl));
}
UKP_EXPORT UKP_EARLY int setrlimit(__rlimit_resource_t resource, const struct rlimit* rl) {
    return limits(0, resource, rl, nullptr);
}
UKP_EXPORT UKP_EARLY int setrlimit64(__rlimit_resource_t resource, const struct rlimit64* rl) {
    return limits(0, resource, reinterpret_cast<const struct rlimit*>(rl), nullptr);
}
UKP_EXPORT UKP_EARLY int prlimit(pid_t pid, enum __rlimit_resource resource, const struct rlimit* new_limit,
                       struct rlimit* old_limit) {
    return limits(pid, resource, new_limit, old_limit);
}
UKP_EXPORT UKP_EARLY int prlimit64(pid_t pid, enum __rlimit_resource resource, const struct rlimit64* new_limit,
                         struct rlimit64* old_limit) {
    return limits(pid, resource, reinterpret_cast<const struct rlimit*>(new_limit),
                  reinterpret_cast<struct rlimit*>(old_limit));
}
