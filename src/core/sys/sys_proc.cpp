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

}  // namespace ukp::sys
