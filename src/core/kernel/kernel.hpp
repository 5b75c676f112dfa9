// The kernel instance: boot, configuration, global tables. One per process
// today; it lives in the arena.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/result.hpp"
#include "core/kernel/config.hpp"
#include "core/kernel/process.hpp"
#include "core/vfs/mount.hpp"

namespace ukp {

class Kernel : public ArenaObject {
public:
    explicit Kernel(const Config& cfg) : config_(cfg) {}
    const Config& config() const { return config_; }
    vfs::MountTable& mounts() { return mounts_; }
    Process& process() { return *process_; }
    std::int64_t boot_time_ns() const { return boot_ns_; }
    // The size limit of a ramfs that was given none.
    std::uint64_t default_fs_size() const;
    // The internal file system memfd_create's files live in (Linux's shmem
    // mount): never mounted, so they have no path.
    vfs::Superblock& memfd_fs() { return *memfd_sb_; }

    // Builds the root file system, /dev, /proc, /tmp and the first process,
    // then starts the networks unless `lazy` (a boot before the library's
    // constructor: boot(cfg) from the constructor starts them).
    Result<void> start(bool lazy = false);

private:
    Config config_;
    vfs::MountTable mounts_;
    Process* process_ = nullptr;
    std::int64_t boot_ns_ = 0;
    Ref<vfs::Superblock> memfd_sb_;
};

// Boots the kernel (once; later calls return at once) with the configuration
// given, or the defaults. Safe to race from several threads.
Kernel& boot(const Config* cfg = nullptr);

// Fills the configuration of a boot that had none given (a call came before
// the library's constructor could read it). Defined by the posix layer;
// absent (weak) where only the kernel is linked, which boots with defaults.
__attribute__((weak)) void fill_lazy_boot_config(Config& cfg);

// Set once, when boot completes.
extern Kernel* g_kernel;
inline bool booted() { return g_kernel != nullptr; }

// The running kernel, booting it with defaults first if needed.
inline Kernel& kernel() {
    if (__builtin_expect(g_kernel != nullptr, 1)) return *g_kernel;
    return boot();
}

// The calling thread's process.
inline Process& current() { return kernel().process(); }

}  // namespace ukp
