// Character devices: a device node (in any file system) opens through the
// driver registered for its device number, as on Linux.
#pragma once

#include <cstdint>

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"

namespace ukp::vfs {

using DeviceOpen = Result<Ref<File>> (*)(Ref<Vnode> node, int flags);

// Registers the driver for a character device number; called at boot.
void register_char_device(std::uint64_t rdev, DeviceOpen open);
// ENXIO when no driver has that number.
Result<Ref<File>> open_char_device(std::uint64_t rdev, Ref<Vnode> node, int flags);

}  // namespace ukp::vfs
