// The directories of a process's descriptors: /proc/self/fd (symlinks to
// what each fd has open; following one reopens it by that path) and
// /proc/self/fdinfo (the offset and flags of each).
#pragma once

#include "core/fs/procfs/node.hpp"

namespace ukp::procfs {

class FdDir final : public DirBase {
public:
    // info: /proc/self/fdinfo instead of /proc/self/fd.
    FdDir(Sb& sb, std::uint64_t ino, bool info) : DirBase(sb, ino, info ? 0555 : 0500, true), info_(info) {}
    Result<Ref<vfs::Vnode>> lookup(std::string_view name) override;
    Result<void> readdir(std::uint64_t cookie, vfs::DirSink& sink) override;

private:
    void fill(vfs::Attr& a) override;
    const bool info_;
};

}  // namespace ukp::procfs
