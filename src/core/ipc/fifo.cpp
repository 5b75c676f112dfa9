#include "core/ipc/fifo.hpp"

#include "core/ipc/pipe.hpp"
#include "core/vfs/anon_inode.hpp"

namespace ukp::ipc {

Result<Ref<vfs::File>> fifo_open(vfs::Vnode& node, int flags) {
    Ref<RefCounted> slot = node.endpoint();
    if (!slot) slot = node.endpoint_or(Ref<RefCounted>(make_ref<Pipe>()));
    // A FIFO node's slot only ever holds its pipe (binding a socket there
    // fails with EADDRINUSE), so the cast is safe.
    Ref<Pipe> pipe(static_cast<Pipe*>(slot.get()));
    // Reopening a pipe through /proc/self/fd/N never waits (Linux: is_pipe).
    auto* anon = dynamic_cast<vfs::AnonInode*>(&node);
    const bool fifo = !(anon && anon->kind() == vfs::AnonKind::Pipe);
    const int acc = flags & LX_O_ACCMODE;
    const bool reader = acc == LX_O_RDONLY || acc == LX_O_RDWR;
    const bool writer = acc == LX_O_WRONLY || acc == LX_O_RDWR;
    std::uint32_t hup_after = TRY(pipe->open_end(reader, writer, fifo, flags & LX_O_NONBLOCK));
    return Ref<vfs::File>(make_ref<PipeFile>(Ref<vfs::Vnode>(&node), flags, std::move(pipe), hup_after));
}

}  // namespace ukp::ipc
