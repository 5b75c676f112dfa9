// Frame-level fuzz of lwIP's input path: Ethernet frames carrying ARP,
// IPv4, IPv6, TCP, UDP, ICMP and fragments, built valid (checksums right)
// and then mutated (bit flips, truncated headers, wrong lengths, wrong
// checksums, random bytes), fed to a test interface's input under the net
// lock. Nothing may crash, and once the interface is gone and the timers
// have expired what it left (reassembly, SYN_RCVD pcbs, ARP queues) the
// kernel's memory is back where it was.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <vector>

#include "core/mem/arena.hpp"
#include "core/net/lwip/stack.hpp"

extern "C" {
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/ip4_frag.h"
#include "lwip/ip6_frag.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
#include "netif/ethernet.h"
}

using ukp::net::lwip::NetGuard;
using ukp::net::lwip::Stack;

namespace {

using Bytes = std::vector<std::uint8_t>;

const std::uint8_t kOurMac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
const std::uint8_t kPeerMac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const std::uint8_t kOurIp[4] = {10, 9, 0, 2}, kPeerIp[4] = {10, 9, 0, 1};
const std::uint8_t kOurIp6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
const std::uint8_t kPeerIp6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

unsigned g_sent = 0;

err_t link_output(netif*, pbuf*) {
    ++g_sent;  // replies (RST, ICMP errors, ARP) go nowhere
    return ERR_OK;
}

err_t test_netif_init(netif* n) {
    n->name[0] = 't';
    n->name[1] = 'f';
    n->mtu = 1500;
    n->hwaddr_len = 6;
    std::memcpy(n->hwaddr, kOurMac, 6);
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
    n->output = etharp_output;
    n->output_ip6 = ethip6_output;
    n->linkoutput = link_output;
    return ERR_OK;
}

std::uint16_t sum16(const std::uint8_t* d, std::size_t n, std::uint32_t acc = 0) {
    for (std::size_t i = 0; i + 1 < n; i += 2) acc += static_cast<std::uint32_t>(d[i] << 8 | d[i + 1]);
    if (n & 1) acc += static_cast<std::uint32_t>(d[n - 1] << 8);
    while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
    return static_cast<std::uint16_t>(~acc);
}

void put16(std::uint8_t* p, unsigned v) {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}

Bytes ether(unsigned type, const Bytes& payload, bool broadcast = false) {
    Bytes f(14);
    if (broadcast) std::memset(f.data(), 0xff, 6);
    else std::memcpy(f.data(), kOurMac, 6);
    std::memcpy(f.data() + 6, kPeerMac, 6);
    put16(f.data() + 12, type);
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

// TCP (proto 6) or UDP (17) or ICMP (1) segment with its checksum, given
// the pseudo-header's addresses (4 or 16 bytes).
Bytes transport(unsigned proto, const std::uint8_t* src, const std::uint8_t* dst, std::size_t alen,
                std::mt19937& rng, unsigned dport) {
    Bytes t;
    std::size_t data = rng() % 64;
    if (proto == 6) {
        t.assign(20 + data, 0);
        put16(&t[0], 40000 + rng() % 100);
        put16(&t[2], dport);
        std::uint32_t seq = rng();
        std::memcpy(&t[4], &seq, 4);
        std::uint32_t ack = rng();
        std::memcpy(&t[8], &ack, 4);
        t[12] = 5 << 4;
        static const std::uint8_t flags[] = {0x02, 0x10, 0x18, 0x11, 0x04, 0x12, 0x3f};
        t[13] = flags[rng() % 7];
        put16(&t[14], 65535);
    } else if (proto == 17) {
        t.assign(8 + data, 0);
        put16(&t[0], 40000 + rng() % 100);
        put16(&t[2], dport);
        put16(&t[4], static_cast<unsigned>(t.size()));
    } else {  // ICMP / ICMPv6 echo request
        t.assign(8 + data, 0);
        t[0] = alen == 4 ? 8 : 128;
    }
    for (std::size_t i = t.size() - data; i < t.size(); ++i) t[i] = static_cast<std::uint8_t>(rng());
    std::uint32_t acc = 0;
    if (proto != 1 || alen == 16) {  // pseudo header (ICMPv4 has none)
        Bytes ph(src, src + alen);
        ph.insert(ph.end(), dst, dst + alen);
        ph.push_back(0);
        ph.push_back(static_cast<std::uint8_t>(alen == 16 && proto == 1 ? 58 : proto));
        ph.push_back(static_cast<std::uint8_t>(t.size() >> 8));
        ph.push_back(static_cast<std::uint8_t>(t.size()));
        acc = static_cast<std::uint16_t>(~sum16(ph.data(), ph.size()));
    }
    std::size_t off = proto == 6 ? 16 : proto == 17 ? 6 : 2;
    put16(&t[off], sum16(t.data(), t.size(), acc));
    return t;
}

Bytes ipv4(unsigned proto, const Bytes& payload, std::mt19937& rng) {
    Bytes h(20, 0);
    h[0] = 0x45;
    put16(&h[2], static_cast<unsigned>(20 + payload.size()));
    put16(&h[4], rng() & 0xffff);
    if (rng() % 8 == 0) put16(&h[6], (rng() % 2 ? 0x2000 : 0) | (rng() % 4));  // a fragment
    h[8] = 64;
    h[9] = static_cast<std::uint8_t>(proto);
    std::memcpy(&h[12], kPeerIp, 4);
    std::memcpy(&h[16], kOurIp, 4);
    put16(&h[10], sum16(h.data(), 20));
    h.insert(h.end(), payload.begin(), payload.end());
    return h;
}

Bytes ipv6(unsigned next, const Bytes& payload, std::mt19937& rng) {
    Bytes h(40, 0);
    h[0] = 0x60;
    put16(&h[4], static_cast<unsigned>(payload.size()));
    h[6] = static_cast<std::uint8_t>(next);
    h[7] = 255;
    std::memcpy(&h[8], kPeerIp6, 16);
    std::memcpy(&h[24], kOurIp6, 16);
    if (rng() % 8 == 0) {  // a fragment header in front
        Bytes fh = {static_cast<std::uint8_t>(next), 0, 0, static_cast<std::uint8_t>(rng() % 2), 0, 0, 0, 1};
        h[6] = 44;
        put16(&h[4], static_cast<unsigned>(payload.size() + 8));
        h.insert(h.end(), fh.begin(), fh.end());
    }
    h.insert(h.end(), payload.begin(), payload.end());
    return h;
}

Bytes arp(std::mt19937& rng) {
    Bytes a(28, 0);
    put16(&a[0], 1);
    put16(&a[2], 0x0800);
    a[4] = 6;
    a[5] = 4;
    put16(&a[6], rng() % 2 ? 1 : 2);
    std::memcpy(&a[8], kPeerMac, 6);
    std::memcpy(&a[14], kPeerIp, 4);
    std::memcpy(&a[24], kOurIp, 4);
    return a;
}

// A valid frame of a random kind.
Bytes valid_frame(std::mt19937& rng) {
    static const unsigned ports[] = {80, 53, 9};  // listener, bound UDP, nobody
    unsigned port = ports[rng() % 3];
    switch (rng() % 7) {
    case 0: return ether(0x0806, arp(rng), rng() % 2);
    case 1: return ether(0x0800, ipv4(6, transport(6, kPeerIp, kOurIp, 4, rng, port), rng));
    case 2: return ether(0x0800, ipv4(17, transport(17, kPeerIp, kOurIp, 4, rng, port), rng));
    case 3: return ether(0x0800, ipv4(1, transport(1, kPeerIp, kOurIp, 4, rng, 0), rng));
    case 4: return ether(0x86dd, ipv6(6, transport(6, kPeerIp6, kOurIp6, 16, rng, port), rng));
    case 5: return ether(0x86dd, ipv6(17, transport(17, kPeerIp6, kOurIp6, 16, rng, port), rng));
    default: return ether(0x86dd, ipv6(58, transport(1, kPeerIp6, kOurIp6, 16, rng, 0), rng));
    }
}

void mutate(Bytes& f, std::mt19937& rng) {
    switch (rng() % 8) {
    case 0: break;  // valid
    case 1:         // flip a few bits (headers mostly: checksums go wrong)
        for (unsigned k = 0, n = 1 + rng() % 4; k < n && !f.empty(); ++k) f[rng() % std::min<std::size_t>(f.size(), 80)] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
        break;
    case 2: f.resize(rng() % (f.size() + 1)); break;  // truncated anywhere, headers included
    case 3: f.resize(f.size() + rng() % 200, static_cast<std::uint8_t>(rng())); break;  // trailing bytes
    case 4: {  // a length field set to a random value
        static const std::size_t offs[] = {14 + 2, 14 + 4, 14 + 20 + 4, 14 + 40 + 4, 14 + 0, 14 + 20 + 12, 14 + 40 + 12};
        std::size_t o = offs[rng() % 7];
        if (o + 1 < f.size()) put16(&f[o], rng() % 3 == 0 ? 0xffff : rng() & 0xffff);
        break;
    }
    case 5:  // a checksum field broken
        for (std::size_t o : {14 + 10, 14 + 20 + 16, 14 + 20 + 6, 14 + 40 + 16, 14 + 40 + 6})
            if (o + 1 < f.size() && rng() % 2) put16(&f[o], rng() & 0xffff);
        break;
    case 6:  // random bytes after the Ethernet header
        for (std::size_t i = 14; i < f.size(); ++i) f[i] = static_cast<std::uint8_t>(rng());
        break;
    default:  // wholly random frame
        f.resize(rng() % 1600);
        for (auto& b : f) b = static_cast<std::uint8_t>(rng());
        break;
    }
}

err_t accept_and_keep(void* arg, tcp_pcb* pcb, err_t err) {
    if (err != ERR_OK || !pcb) return ERR_VAL;
    static_cast<std::vector<tcp_pcb*>*>(arg)->push_back(pcb);
    return ERR_OK;
}

void drop_udp(void*, udp_pcb*, pbuf* p, const ip_addr_t*, u16_t) { pbuf_free(p); }

}  // namespace

TEST_CASE("lwIP input: mutated Ethernet/ARP/IPv4/IPv6/TCP/UDP/ICMP frames neither crash nor leak") {
    Stack::get();  // lwIP's own start-up memory is not the test's
    std::size_t before;
    {
        NetGuard g;
        before = ukp::mem::stats().in_use;
    }
    std::uint64_t fed = 0;
    {
        NetGuard g;
        netif nif{};
        ip4_addr_t ip, mask, gw;
        IP4_ADDR(&ip, 10, 9, 0, 2);
        IP4_ADDR(&mask, 255, 255, 255, 0);
        IP4_ADDR(&gw, 10, 9, 0, 1);
        REQUIRE(netif_add(&nif, &ip, &mask, &gw, nullptr, test_netif_init, ethernet_input));
        ip6_addr_t ll;
        std::uint32_t w[4];
        std::memcpy(w, kOurIp6, 16);
        IP6_ADDR(&ll, w[0], w[1], w[2], w[3]);
        netif_ip6_addr_set(&nif, 0, &ll);
        netif_ip6_addr_set_state(&nif, 0, IP6_ADDR_PREFERRED);
        netif_set_link_up(&nif);
        netif_set_up(&nif);

        std::vector<tcp_pcb*> accepted;
        tcp_pcb* l = tcp_new_ip_type(IPADDR_TYPE_ANY);
        REQUIRE(l);
        REQUIRE(tcp_bind(l, IP_ANY_TYPE, 80) == ERR_OK);
        l = tcp_listen_with_backlog(l, 8);
        REQUIRE(l);
        tcp_arg(l, &accepted);
        tcp_accept(l, accept_and_keep);
        udp_pcb* u = udp_new_ip_type(IPADDR_TYPE_ANY);
        REQUIRE(u);
        REQUIRE(udp_bind(u, IP_ANY_TYPE, 53) == ERR_OK);
        udp_recv(u, drop_udp, nullptr);

        for (std::uint32_t seed = 1; seed <= 4; ++seed) {
            std::mt19937 rng(seed);
            for (int i = 0; i < 5000; ++i) {
                Bytes f = valid_frame(rng);
                mutate(f, rng);
                if (f.size() > 0xffff) f.resize(0xffff);
                pbuf* p = pbuf_alloc(PBUF_RAW, static_cast<u16_t>(f.size()), rng() % 2 ? PBUF_POOL : PBUF_RAM);
                REQUIRE(p);
                REQUIRE(pbuf_take(p, f.data(), static_cast<u16_t>(f.size())) == ERR_OK);
                if (nif.input(p, &nif) != ERR_OK) pbuf_free(p);
                ++fed;
                if (i % 500 == 0) {  // time passes: retransmissions, reassembly expiry
                    tcp_tmr();
                    ip_reass_tmr();
                    ip6_reass_tmr();
                    etharp_tmr();
                }
            }
        }
        CHECK(g_sent > 0);  // the stack answered some of them

        // Clean up what the frames created, then let every timer expire.
        for (tcp_pcb* p : accepted) {
            tcp_arg(p, nullptr);
            tcp_abort(p);
        }
        tcp_close(l);
        udp_remove(u);
        while (tcp_active_pcbs) tcp_abort(tcp_active_pcbs);
        while (tcp_tw_pcbs) tcp_abort(tcp_tw_pcbs);
        netif_remove(&nif);
        for (int i = 0; i < 300; ++i) {
            ip_reass_tmr();
            ip6_reass_tmr();
            etharp_tmr();
        }
    }
    std::size_t after;
    {
        NetGuard g;
        after = ukp::mem::stats().in_use;
    }
    MESSAGE("frames fed: " << fed << ", replies: " << g_sent << ", memory before " << before << " after " << after);
    CHECK(after <= before + 4096);
}
