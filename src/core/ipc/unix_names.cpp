// AF_UNIX names: socket nodes in the kernel's file system, the abstract
// namespace (a kernel-wide table) and autobind.
#include <cstring>
#include <map>
#include <string>

#include "core/ipc/unix_socket.hpp"
#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::ipc {
namespace {

constexpr std::uint32_t kPathOff = 2;  // offsetof(sockaddr_un, sun_path)

using AbstractKey = std::pmr::string;

// Abstract names: bytes after the leading NUL -> the bound endpoint. An
// endpoint is in the table from bind to release(), which removes it, so a
// raw pointer here always points at a live endpoint.
struct AbstractTable : ArenaObject {
    Mutex lock;
    std::pmr::map<AbstractKey, UnixEndpoint*> names{mem::resource()};
    std::uint32_t next_auto = 0;
};

AbstractTable& abstract_table() {
    static AbstractTable* t = new AbstractTable;
    return *t;
}

AbstractKey key_of(const net::SockAddr& a) {
    return AbstractKey(reinterpret_cast<const char*>(a.bytes) + kPathOff + 1, a.len - kPathOff - 1,
                       mem::resource());
}

// The path of a path address, NUL-terminated (Linux's unix_mkname_bsd:
// the path ends at its first NUL or at addrlen).
std::size_t path_of(const net::SockAddr& a, char (&out)[LX_UNIX_PATH_MAX + 1]) {
    std::size_t n = a.len - kPathOff;
    const char* p = reinterpret_cast<const char*>(a.bytes) + kPathOff;
    std::size_t len = strnlen(p, n);
    std::memcpy(out, p, len);
    out[len] = 0;
    return len;
}

Result<Ref<UnixEndpoint>> check_type(Ref<UnixEndpoint> ep, int type) {
    if (ep->type != type) return LX_EPROTOTYPE;
    return ep;
}

}  // namespace

Result<void> validate_addr(const net::SockAddr& a) {
    if (a.len < kPathOff || a.len > sizeof(lx_sockaddr_un)) return LX_EINVAL;
    if (a.family() != LX_AF_UNIX) return LX_EINVAL;
    return success();
}

Result<Ref<UnixEndpoint>> resolve(const net::SockAddr& a, int type) {
    TRY(validate_addr(a));
    if (a.len == kPathOff) return LX_EINVAL;
    if (a.bytes[kPathOff] == 0) {
        AbstractTable& t = abstract_table();
        LockGuard g(t.lock);
        auto it = t.names.find(key_of(a));
        if (it == t.names.end()) return LX_ECONNREFUSED;
        return check_type(Ref<UnixEndpoint>(it->second), type);
    }
    char path[LX_UNIX_PATH_MAX + 1];
    path_of(a, path);
    // The path is in kernel memory: walk it directly.
    Process::WalkCtx ctx;
    TRY(current().walk_from(LX_AT_FDCWD, path, ctx));
    vfs::PathRef p = TRY(vfs::resolve(ctx.walk, path, vfs::kFollow));
    TRY(p.vnode->permission(ctx.cred, vfs::kMayWrite));
    if (p.vnode->type() != LX_S_IFSOCK) return LX_ECONNREFUSED;
    Ref<RefCounted> e = p.vnode->endpoint();
    if (!e) return LX_ECONNREFUSED;
    return check_type(Ref<UnixEndpoint>(static_cast<UnixEndpoint*>(e.get())), type);
}

Result<void> bind_name(UnixEndpoint& ep, const net::SockAddr& a) {
    const bool is_path = a.len > kPathOff && a.bytes[kPathOff] != 0;
    if (!is_path) {
        // A path bind makes its node first (EADDRINUSE wins), as Linux does.
        LockGuard g(ep.lock);
        if (ep.name) return a.len == kPathOff ? Result<void>() : Result<void>(LX_EINVAL);
    }
    Ref<UnixName> name = make_ref<UnixName>();
    AbstractTable& t = abstract_table();
    if (a.len == kPathOff) {
        // Autobind: "\0" and five hex digits, the first free one.
        LockGuard g(t.lock);
        for (std::uint32_t tries = 0;; ++tries) {
            if (tries > 0xfffff) return LX_ENOSPC;
            char hex[6];
            std::uint32_t n = t.next_auto++ & 0xfffff;
            for (int i = 4; i >= 0; --i, n >>= 4) hex[i] = "0123456789abcdef"[n & 15];
            name->addr.len = kPathOff + 6;
            name->addr.bytes[0] = LX_AF_UNIX;
            name->addr.bytes[1] = 0;
            name->addr.bytes[kPathOff] = 0;
            std::memcpy(name->addr.bytes + kPathOff + 1, hex, 5);
            AbstractKey k = key_of(name->addr);
            if (t.names.count(k)) continue;
            LockGuard eg(ep.lock);
            if (ep.name) return success();  // someone bound it meanwhile
            t.names.emplace(std::move(k), &ep);
            ep.name = name;
            return success();
        }
    }
    name->addr = a;
    if (a.bytes[kPathOff] == 0) {
        LockGuard g(t.lock);
        AbstractKey k = key_of(a);
        if (t.names.count(k)) return LX_EADDRINUSE;
        LockGuard eg(ep.lock);
        if (ep.name) return LX_EINVAL;
        t.names.emplace(std::move(k), &ep);
        ep.name = name;
        return success();
    }
    char path[LX_UNIX_PATH_MAX + 1];
    std::size_t len = path_of(a, path);
    name->addr.len = static_cast<std::uint32_t>(kPathOff + len + 1);
    std::memset(name->addr.bytes + kPathOff + len, 0, sizeof(name->addr.bytes) - kPathOff - len);
    // mknodat applies the umask to the socket inode's 0777, as Linux's bind.
    Result<void> made = sys::mknodat(LX_AT_FDCWD, path, LX_S_IFSOCK | 0777, 0);
    if (!made.ok()) return made.error() == LX_EEXIST ? LX_EADDRINUSE : made.error();
    Process::WalkCtx ctx;
    TRY(current().walk_from(LX_AT_FDCWD, path, ctx));
    vfs::PathRef p = TRY(vfs::resolve(ctx.walk, path, 0));
    if (p.vnode->type() != LX_S_IFSOCK) return LX_EADDRINUSE;
    name->node = p.vnode;
    {
        LockGuard eg(ep.lock);
        if (!ep.name) {
            p.vnode->endpoint_or(Ref<RefCounted>(&ep));
            ep.name = name;
            return success();
        }
    }
    (void)sys::unlinkat(LX_AT_FDCWD, path, 0);  // bound already: undo the node
    return LX_EINVAL;
}

void unbind_name(UnixEndpoint& ep, UnixName& name) {
    if (name.node) {
        name.node->clear_endpoint(&ep);
        return;
    }
    if (!name.abstract()) return;
    AbstractTable& t = abstract_table();
    LockGuard g(t.lock);
    auto it = t.names.find(key_of(name.addr));
    if (it != t.names.end() && it->second == &ep) t.names.erase(it);
}

}  // namespace ukp::ipc
