// Interface enumeration: getifaddrs/freeifaddrs, if_nametoindex,
// if_indextoname, if_nameindex/if_freenameindex. glibc asks the host
// kernel over netlink; here the in-process kernel's interfaces answer
// (core/net/inet/ifaces.hpp). The lists are the application's memory, one
// malloc'ed block each, as glibc makes them.
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "core/net/inet/ifaces.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

namespace inet = ukp::net::inet;

namespace {

std::vector<inet::IfAddr> snapshot() {
    std::vector<inet::IfAddr> v(8);
    for (;;) {
        std::size_t n = inet::interface_addresses(v.data(), v.size());
        if (n <= v.size()) {
            v.resize(n);
            return v;
        }
        v.resize(n);
    }
}

// One entry of getifaddrs's block: the node, then its names and addresses.
struct Node {
    struct ifaddrs ifa;
    char name[inet::kIfNameSize];
    struct sockaddr_storage addr, mask, broad;
};

void fill(struct sockaddr_storage* ss, int family, const std::uint8_t* bytes) {
    memset(ss, 0, sizeof *ss);
    if (family == AF_INET) {
        auto* s = reinterpret_cast<struct sockaddr_in*>(ss);
        s->sin_family = AF_INET;
        memcpy(&s->sin_addr, bytes, 4);
    } else {
        auto* s = reinterpret_cast<struct sockaddr_in6*>(ss);
        s->sin6_family = AF_INET6;
        memcpy(&s->sin6_addr, bytes, 16);
    }
}

}  // namespace

UKP_EXPORT int getifaddrs(struct ifaddrs** out) {
    UKP_ENTRY_ARGS(libc, out);
    std::vector<inet::IfAddr> v = snapshot();
    std::size_t n = 0;
    for (const auto& a : v) n += a.family != 0;
    if (n == 0) {
        *out = nullptr;
        return 0;
    }
    auto* nodes = static_cast<Node*>(calloc(n, sizeof(Node)));
    if (!nodes) {
        errno = ENOMEM;
        return -1;
    }
    std::size_t i = 0;
    for (const auto& a : v) {
        if (a.family == 0) continue;
        Node& d = nodes[i];
        memcpy(d.name, a.name, sizeof d.name);
        d.ifa.ifa_name = d.name;
        d.ifa.ifa_flags = a.flags;
        fill(&d.addr, a.family, a.addr);
        fill(&d.mask, a.family, a.mask);
        d.ifa.ifa_addr = reinterpret_cast<struct sockaddr*>(&d.addr);
        d.ifa.ifa_netmask = reinterpret_cast<struct sockaddr*>(&d.mask);
        if (a.family == AF_INET) {
            // The broadcast address; without IFF_BROADCAST glibc puts the
            // interface's own address in the same union (ifa_dstaddr).
            std::uint8_t b[4];
            bool bc = a.flags & IFF_BROADCAST;
            for (int k = 0; k < 4; ++k) b[k] = static_cast<std::uint8_t>(bc ? a.addr[k] | ~a.mask[k] : a.addr[k]);
            fill(&d.broad, AF_INET, b);
            d.ifa.ifa_broadaddr = reinterpret_cast<struct sockaddr*>(&d.broad);
        }
        d.ifa.ifa_next = i + 1 < n ? &nodes[i + 1].ifa : nullptr;
        ++i;
    }
    *out = &nodes[0].ifa;
    return 0;
}

UKP_EXPORT void freeifaddrs(struct ifaddrs* ifa) { UKP_ENTRY_ARGS(libc, ifa); free(ifa); }

UKP_EXPORT unsigned int if_nametoindex(const char* name) {
    UKP_ENTRY_ARGS(libc, name);
    UKP_HOST_PASSTHROUGH(if_nametoindex, name);
    for (const auto& a : snapshot())
        if (strncmp(a.name, name, IF_NAMESIZE) == 0) return a.index;
    errno = ENODEV;
    return 0;
}

UKP_EXPORT char* if_indextoname(unsigned int index, char* name) {
    UKP_ENTRY_ARGS(libc, index, name);
    for (const auto& a : snapshot()) {
        if (a.index == index) {
            memcpy(name, a.name, IF_NAMESIZE);
            return name;
        }
    }
    errno = ENXIO;
    return nullptr;
}

UKP_EXPORT struct if_nameindex* if_nameindex(void) {
    UKP_ENTRY_ARGS(libc);
    std::vector<inet::IfAddr> v = snapshot();
    // One entry per interface (the snapshot has one per address), the
    // names after the array, a zero entry at the end.
    std::vector<const inet::IfAddr*> ifs;
    for (const auto& a : v)
        if (ifs.empty() || ifs.back()->index != a.index) ifs.push_back(&a);
    std::size_t head = (ifs.size() + 1) * sizeof(struct if_nameindex);
    auto* block = static_cast<char*>(malloc(head + ifs.size() * inet::kIfNameSize));
    if (!block) {
        errno = ENOBUFS;
        return nullptr;
    }
    auto* list = reinterpret_cast<struct if_nameindex*>(block);
    for (std::size_t i = 0; i < ifs.size(); ++i) {
        char* nm = block + head + i * inet::kIfNameSize;
        memcpy(nm, ifs[i]->name, inet::kIfNameSize);
        list[i].if_index = ifs[i]->index;
        list[i].if_name = nm;
    }
    list[ifs.size()] = {0, nullptr};
    return list;
}

UKP_EXPORT void if_freenameindex(struct if_nameindex* list) { UKP_ENTRY_ARGS(libc, list); free(list); }
