#include "core/kernel/kernel.hpp"

#include <atomic>

#include "core/base/log.hpp"
#include "core/fs/hostfs/hostfs.hpp"
#include "core/fs/imagefs/imagefs.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/kernel/boot_mounts.hpp"
#include "core/net/netdev.hpp"
#include "host/host.hpp"

namespace ukp {

Kernel* g_kernel = nullptr;

namespace {

std::atomic<int> g_boot_state{0};  // 0 not started, 1 booting, 2 up

}  // namespace

std::uint64_t Kernel::default_fs_size() const {
    // Half the host's memory, as Linux sizes tmpfs, but never more than a
    // quarter of the arena each: /, /tmp and /dev together then leave room
    // for the kernel's own objects, so a full file system is ENOSPC, never
    // an exhausted arena.
    std::uint64_t half_ram = host::memory_total() / 2;
    std::uint64_t quarter_arena = mem::stats().reserved / 4;
    return half_ram < quarter_arena ? half_ram : quarter_arena;
}

namespace {
// docker's -w: the working directory, made (owned by the app's user) if
// missing. A failure is logged; the app then starts in the root.
void enter_workdir(const char* path, vfs::MountTable& mounts, Process& p, const vfs::PathRef& root,
                   const vfs::Cred& user) {
    vfs::Cred boot{};  // root's search rights while making it
    vfs::Walk walk{&mounts, root, root, &boot};
    Result<vfs::PathRef> dir = vfs::make_dirs(walk, path, user);
    if (!dir.ok()) {
        UKP_LOG(error, "workdir {}: {}; starting in /", path, errno_name(dir.error()));
        return;
    }
    p.set_cwd(*dir);
}
}  // namespace

namespace {
// The networks start threads and call host libraries (libslirp, glib,
// io_uring) that allocate with the app's malloc and take its locks. A lazy
// boot may run inside that malloc (jemalloc reads /etc/malloc.conf with
// readlink while it initializes, holding its init lock: redis-server), so
// there they wait for libukp's constructor, which still runs before main:
// forwarded ports then listen on the host before main runs.
std::atomic<bool> g_networks_started{false};

void start_networks(const Config& config) {
    if (g_networks_started.exchange(true, std::memory_order_acq_rel)) return;
    if (config.net_user) {
        if (Result<void> r = net::start_user_network(config); !r.ok())
            UKP_LOG(error, "net: no user network ({}): check --ukp-publish", errno_name(r.error()));
    } else if (config.forward_count) {
        UKP_LOG(warn, "net: --ukp-publish needs --ukp-net=user; nothing is forwarded");
    }
    // After the user network, which keeps the default route when present.
    for (std::size_t i = 0; i < config.tap_count; ++i) {
        if (Result<void> r = net::start_tap_network(config.taps[i], i); !r.ok())
            UKP_LOG(error, "net: no tap{} on host device {} ({}): does it exist, as a TAP, owned by this user?",
                    i, config.taps[i].name, errno_name(r.error()));
    }
}
}  // namespace

Result<void> Kernel::start(bool lazy) {
    boot_ns_ = host::clock_monotonic();
    vfs::Cred root_cred{};  // uid 0: what owns /, /tmp, /dev, /proc on Linux
    vfs::Cred user{};
    user.uid = config_.uid;
    user.gid = config_.gid;

    // The root belongs to the kernel's user: a unikernel's single user owns
    // its file system, so the app can create files where it starts ("/").
    std::uint64_t root_size = config_.root_size ? config_.root_size : default_fs_size();
    auto root_sb = ramfs::make(root_size, 0755, user);
    TRY(imagefs::lay_image_under_root(config_, *root_sb));  // a packed root tree
    Ref<vfs::Mount> root_mount = TRY(mounts_.mount(root_sb, {}, "rootfs", 0));
    vfs::PathRef root{root_mount.get(), root_mount->root()};

    process_ = new Process;
    process_->set_root(root);
    process_->set_cwd(root);
    process_->exchange_umask(config_.umask);
    process_->set_cred(user);
    std::uint64_t soft, hard;
    host::file_limits(&soft, &hard);
    if (config_.nofile) soft = config_.nofile;
    if (hard < soft) hard = soft;
    process_->set_file_limits(soft, hard);

    TRY(mount_boot_filesystems(*this, root, root_cred));
    memfd_sb_ = ramfs::make(root_size, 0, root_cred);
    hostfs::mount_volumes(config_, mounts_, root, user);  // -v: after /tmp, which a volume may be under
    imagefs::mount_image(config_, mounts_, root, user);  // an image elsewhere (read-only)
    if (config_.workdir[0]) enter_workdir(config_.workdir, mounts_, *process_, root, user);
    if (!lazy) start_networks(config_);
    UKP_LOG(info, "booted on host {} in {} us", host::name(), (host::clock_monotonic() - boot_ns_) / 1000);
    return success();
}

namespace {
// Set while this thread boots: a kernel call from inside the boot (a host
// library calling an exported libc name) would otherwise wait for itself.
thread_local bool t_booting = false;
}  // namespace

Kernel& boot(const Config* cfg) {
    int state = g_boot_state.load(std::memory_order_acquire);
    if (state == 2) {
        if (cfg) start_networks(g_kernel->config());  // the constructor after a lazy boot
        return *g_kernel;
    }
    int expected = 0;
    if (g_boot_state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
        t_booting = true;
        if (host::version() != host::kVersion) host::panic("ukp: host layer version mismatch");
        Config config = cfg ? *cfg : Config{};
        if (!cfg && fill_lazy_boot_config) fill_lazy_boot_config(config);
        if (config.uid == UINT32_MAX) config.uid = host::user_id();
        if (config.gid == UINT32_MAX) config.gid = host::group_id();
        log::set_level(static_cast<log::Level>(config.log_level));
        if (!mem::init(config.arena_size)) host::panic("ukp: cannot reserve the kernel arena");
        auto* k = new Kernel(config);
        if (Result<void> r = k->start(/*lazy=*/cfg == nullptr); !r.ok()) {
            UKP_LOG(error, "boot failed: {}", errno_name(r.error()));
            host::panic("ukp: the kernel failed to boot");
        }
        g_kernel = k;
        g_boot_state.store(2, std::memory_order_release);
        return *k;
    }
    if (t_booting) host::panic("ukp: a kernel call re-entered the boot on the booting thread");
    // Another thread is booting: wait for it.
    while (g_boot_state.load(std::memory_order_acquire) != 2) host::thread_yield();
    return *g_kernel;
}

}  // namespace ukp
