// Process ids and credentials. The ids are the host process's, read once:
// getppid() is the benchmark's "null kernel call", so it must stay a load.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

namespace ukp::sys {
namespace {

struct HostIds {
    std::int32_t pid;
    std::int32_t ppid;
};

const HostIds& host_ids() {
    static const HostIds ids{host::process_id(), host::parent_process_id()};
    return ids;
}

}  // namespace

std::int32_t getpid() { return host_ids().pid; }
std::int32_t getppid() { return host_ids().ppid; }

// The kernel keeps one set of ids per process: real = effective = saved.
std::uint32_t getuid() { return current().cred().uid; }
std::uint32_t geteuid() { return current().cred().uid; }
std::uint32_t getgid() { return current().cred().gid; }
std::uint32_t getegid() { return current().cred().gid; }

Result<int> getgroups(int size, std::uint32_t* list) {
    if (size < 0) return LX_EINVAL;
    vfs::Cred c = current().cred();
    int n = static_cast<int>(c.ngroups);
    if (size == 0) return n;
    if (size < n) return LX_EINVAL;
    TRY(copy_to_app(list, c.groups, sizeof(std::uint32_t) * c.ngroups));
    return n;
}

Result<void> prlimit64(int resource, const lx_rlimit* app_new, lx_rlimit* app_old) {
    if (resource != LX_RLIMIT_NOFILE) return LX_ENOSYS;
    lx_rlimit want{};
    if (app_new) {
        TRY(copy_in(want, app_new));
        if (want.rlim_cur > want.rlim_max) return LX_EINVAL;
    }
    Process& p = current();
    lx_rlimit old{};
    p.file_limits(&old.rlim_cur, &old.rlim_max);
    if (app_new) {
        // Raising the hard limit is a privilege; nothing goes past nr_open.
        if (want.rlim_max > old.rlim_max && p.cred().uid != 0) return LX_EPERM;
        if (want.rlim_max > LX_NR_OPEN && want.rlim_max != old.rlim_max) return LX_EPERM;
    }
    if (app_old) TRY(copy_out(app_old, old));
    if (app_new) p.set_file_limits(want.rlim_cur, want.rlim_max);
    return success();
}

}  // namespace ukp::sys
