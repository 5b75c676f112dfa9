#include "core/kernel/boot_etc.hpp"

#include <string_view>

#include "core/vfs/vnode.hpp"

namespace ukp {
namespace {

// Debian's layout of these files (without a hostname line: the kernel has
// no host name of its own yet).
constexpr std::string_view kHosts =
    "127.0.0.1\tlocalhost\n"
    "::1\t\tlocalhost ip6-localhost ip6-loopback\n"
    "ff02::1\t\tip6-allnodes\n"
    "ff02::2\t\tip6-allrouters\n";
// The user network's DNS proxies, IPv4 first: libslirp relays 10.0.2.3 to
// the host's IPv4 nameserver and fd00::3 to its IPv6 one, so a host with
// only one kind still resolves (the second is asked only when the first
// fails; the kernel's resolver speaks DNS over either family).
constexpr std::string_view kResolvConf = "nameserver 10.0.2.3\nnameserver fd00::3\n";

Result<void> write_if_absent(vfs::Vnode& dir, std::string_view name, std::string_view text,
                             const vfs::Cred& owner) {
    if (dir.lookup(name).ok()) return success();
    Ref<vfs::Vnode> f = TRY(dir.create(name, LX_S_IFREG | 0644, owner, 0));
    // The text is in the library's read-only data, outside the arena, so the
    // file system copies it like application bytes.
    std::size_t done = TRY(f->write(0, text.data(), text.size()));
    if (done != text.size()) return LX_EIO;
    return success();
}

}  // namespace

Result<void> write_etc_defaults(const vfs::PathRef& root, const vfs::Cred& owner,
                               std::string_view resolv_conf) {
    Result<Ref<vfs::Vnode>> etc = root.vnode->lookup("etc");
    if (!etc.ok()) etc = root.vnode->create("etc", LX_S_IFDIR | 0755, owner, 0);
    if (!etc.ok()) return etc.error();
    TRY(write_if_absent(**etc, "hosts", kHosts, owner));
    TRY(write_if_absent(**etc, "resolv.conf", resolv_conf.empty() ? kResolvConf : resolv_conf, owner));
    return success();
}

}  // namespace ukp
