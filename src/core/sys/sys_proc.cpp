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

Result<void> capget(void* app_header, void* app_data) {
    constexpr std::uint32_t kV1 = 0x19980330, kV2 = 0x20071026, kV3 = 0x20080522;
    constexpr int kLastCap = 40;  // CAP_CHECKPOINT_RESTORE
    struct Header {
        std::uint32_t version;
        std::int32_t pid;
    } h;
    TRY(copy_in(h, app_header));
    if (h.version != kV1 && h.version != kV2 && h.version != kV3) {
        // Linux tells the caller the version it prefers.
        h.version = kV3;
        TRY(copy_out(app_header, h));
        if (!app_data) return success();
        return LX_EINVAL;
    }
    if (h.pid < 0) return LX_EINVAL;
    if (h.pid != 0 && h.pid != getpid()) return LX_ESRCH;
    if (!app_data) return success();
    struct Data {
        std::uint32_t effective, permitted, inheritable;
    } d[2] = {};
    if (current().cred().uid == 0) {
        d[0].effective = d[0].permitted = ~0u;
        d[1].effective = d[1].permitted = (1u << (kLastCap - 31)) - 1;
    }
    return copy_to_app(app_data, d, h.version == kV1 ? sizeof d[0] : sizeof d);
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
