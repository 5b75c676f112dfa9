#include "core/vfs/device.hpp"

#include "core/base/lock.hpp"

namespace ukp::vfs {
namespace {

struct Driver {
    std::uint64_t rdev;
    DeviceOpen open;
};
constexpr int kMaxDrivers = 64;
Driver g_drivers[kMaxDrivers];
int g_count = 0;
Mutex g_lock;

}  // namespace

void register_char_device(std::uint64_t rdev, DeviceOpen open) {
    LockGuard g(g_lock);
    for (int i = 0; i < g_count; ++i) {
        if (g_drivers[i].rdev == rdev) {
            g_drivers[i].open = open;
            return;
        }
    }
    UKP_ASSERT(g_count < kMaxDrivers, "the character device table has room");
    g_drivers[g_count++] = {rdev, open};
}

Result<Ref<File>> open_char_device(std::uint64_t rdev, Ref<Vnode> node, int flags) {
    DeviceOpen open = nullptr;
    {
        LockGuard g(g_lock);
        for (int i = 0; i < g_count; ++i)
            if (g_drivers[i].rdev == rdev) open = g_drivers[i].open;
    }
    if (!open) return LX_ENXIO;
    return open(std::move(node), flags);
}

}  // namespace ukp::vfs
