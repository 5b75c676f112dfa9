// The /dev tree: a ramfs of type "devtmpfs" holding the device nodes.
#include "core/fs/devfs/devfs.hpp"

#include "core/fs/devfs/drivers.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "host/host.hpp"

namespace ukp::devfs {
namespace {

struct NodeSpec {
    const char* name;
    std::uint64_t rdev;
};
constexpr NodeSpec kNodes[] = {
    {"null", kNull}, {"zero", kZero}, {"full", kFull}, {"random", kRandom},
    {"urandom", kUrandom}, {"tty", kTty},
};

struct LinkSpec {
    const char* name;
    const char* target;
};
constexpr LinkSpec kLinks[] = {
    {"fd", "/proc/self/fd"},
    {"stdin", "/proc/self/fd/0"},
    {"stdout", "/proc/self/fd/1"},
    {"stderr", "/proc/self/fd/2"},
};

}  // namespace

void register_drivers() {
    register_mem_drivers();
    register_console_drivers();
}

Ref<vfs::Superblock> make(std::uint64_t max_bytes) {
    vfs::Cred root{};
    // Linux sizes devtmpfs like tmpfs; /dev holds no data anyway.
    return make_ref<ramfs::Sb>(max_bytes, 0755, root, "devtmpfs");
}

Result<void> populate(const vfs::PathRef& dev_root, const vfs::Cred& root, const vfs::Cred& user) {
    vfs::Vnode& dir = *dev_root.vnode;
    for (const NodeSpec& n : kNodes) TRY(dir.create(n.name, LX_S_IFCHR | 0666, root, n.rdev));
    // The console belongs to the user at it, like a login terminal (crw--w----),
    // so /dev/stdout and /proc/self/fd/1 can be opened again by that user.
    TRY(dir.create("console", LX_S_IFCHR | 0620, user, kConsole));
    for (const LinkSpec& l : kLinks) TRY(dir.symlink(l.name, l.target, root));
    return success();
}

}  // namespace ukp::devfs
