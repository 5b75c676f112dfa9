// Superblock: one instance of a file system (what a mount points at).
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/types.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

class Superblock : public RefCounted {
public:
    Superblock();
    std::uint64_t dev() const { return dev_; }
    virtual std::string_view fs_type() const = 0;  // "tmpfs", "devtmpfs", "proc"
    virtual Ref<Vnode> root() = 0;
    virtual lx_statfs statfs() = 0;
    bool read_only() const { return read_only_.load(std::memory_order_relaxed); }
    void set_read_only(bool ro) { read_only_.store(ro, std::memory_order_relaxed); }

private:
    std::uint64_t dev_;
    std::atomic<bool> read_only_{false};
};

}  // namespace ukp::vfs
