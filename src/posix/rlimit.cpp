// Resource limits: RLIMIT_NOFILE belongs to the kernel (its fd table);
// every other limit is the host process's and goes to the host libc.
#include <dlfcn.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

namespace {

template <typename Fn>
Fn host_fn(const char* name) {
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

using PrlimitFn = int (*)(pid_t, int, const struct rlimit*, struct rlimit*);

int limits(pid_t pid, int resource, const struct rlimit* new_limit, struct rlimit* old_limit) {
    if (resource == RLIMIT_NOFILE && (pid == 0 || pid == static_cast<pid_t>(ukp::sys::getpid()))) {
        return ret(ukp::sys::prlimit64(resource, reinterpret_cast<const ukp::lx_rlimit*>(new_limit),
                                       reinterpret_cast<ukp::lx_rlimit*>(old_limit)));
    }
    static const auto host = host_fn<PrlimitFn>("prlimit64");
    return host(pid, resource, new_limit, old_limit);
}

}  // namespace

UKP_EXPORT int getrlimit(__rlimit_resource_t resource, struct rlimit* rl) { return limits(0, resource, nullptr, rl); }
UKP_EXPORT int getrlimit64(__rlimit_resource_t resource, struct rlimit64* rl) {
    return limits(0, resource, nullptr, reinterpret_cast<struct rlimit*>(rl));
}
UKP_EXPORT int setrlimit(__rlimit_resource_t resource, const struct rlimit* rl) {
    return limits(0, resource, rl, nullptr);
}
UKP_EXPORT int setrlimit64(__rlimit_resource_t resource, const struct rlimit64* rl) {
    return limits(0, resource, reinterpret_cast<const struct rlimit*>(rl), nullptr);
}
UKP_EXPORT int prlimit(pid_t pid, enum __rlimit_resource resource, const struct rlimit* new_limit,
                       struct rlimit* old_limit) {
    return limits(pid, resource, new_limit, old_limit);
}
UKP_EXPORT int prlimit64(pid_t pid, enum __rlimit_resource resource, const struct rlimit64* new_limit,
                         struct rlimit64* old_limit) {
    return limits(pid, resource, reinterpret_cast<const struct rlimit*>(new_limit),
                  reinterpret_cast<struct rlimit*>(old_limit));
}
