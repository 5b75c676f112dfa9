// The socket families the kernel knows, by domain. A family joins by a
// case here.
#include <atomic>

#include "core/ipc/unix_socket.hpp"
#include "core/net/host/host_socket.hpp"
#include "core/net/inet/family.hpp"
#include "core/kernel/kernel.hpp"
#include "core/net/socket.hpp"
#include "core/vfs/anon_inode.hpp"

namespace ukp::net {

const Family* find_family(int domain) {
    switch (domain) {
        case LX_AF_UNIX: return &ipc::unix_family;
        // UKP_NET=host: the host's own sockets instead of lwIP's.
        case LX_AF_INET: return kernel().config().net_host ? &host::host_inet_family : &inet::inet_family;
        case LX_AF_INET6: return kernel().config().net_host ? &host::host_inet6_family : &inet::inet6_family;
        default: return nullptr;
    }
}

namespace {
std::atomic<const vfs::Superblock*> g_sockfs{nullptr};
}

Ref<vfs::Vnode> socket_vnode() {
    Ref<vfs::Vnode> v = vfs::make_anon_inode(vfs::AnonKind::Socket, current().cred());
    g_sockfs.store(&v->sb(), std::memory_order_release);
    return v;
}

Socket* as_socket(vfs::File& f) {
    const Ref<vfs::Vnode>& v = f.vnode();
    if (!v || &v->sb() != g_sockfs.load(std::memory_order_acquire)) return nullptr;
    return static_cast<Socket*>(&f);
}

}  // namespace ukp::net
