#include "core/vfs/superblock.hpp"

#include <atomic>

namespace ukp::vfs {
namespace {
// Anonymous device numbers (major 0), as Linux gives tmpfs and proc.
std::atomic<std::uint32_t> g_next_minor{16};
}  // namespace

Superblock::Superblock() : dev_(lx_makedev(0, g_next_minor.fetch_add(1))) {}

}  // namespace ukp::vfs
