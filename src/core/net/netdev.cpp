#include "core/net/netdev.hpp"

#include <cstring>

#include "core/base/lock.hpp"
#include "core/base/log.hpp"
#include "core/kernel/config.hpp"
#include "core/mem/arena.hpp"
#include "core/net/lwip/stack.hpp"
#include "host/host.hpp"

extern "C" {
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/nd6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
}

namespace ukp::net {
namespace {

constexpr std::uint16_t kMtu = 1500;
constexpr std::size_t kFrameMax = 1536;    // 14 + 1500, with room for a VLAN tag
constexpr std::size_t kFrameMin = 60;      // Ethernet's minimum, without the FCS
// Then frames drop, as a full NIC ring does. A drop costs the sender a
// retransmission timeout (slirp's is at least a second), so the ring holds
// more than one connection's whole window (TCP_WND / TCP_MSS frames); its
// pages are touched only when it fills that far.
constexpr std::size_t kQueueFrames = 2048;
// en0 and tap0..tap3 (Config::kMaxTaps).
constexpr std::size_t kMaxDevices = 5;

// One Ethernet interface on one host device. Lives as long as the kernel.
class EtherDevice final : public lwip::Stack::Device, public ArenaObject {
public:
    // `name` is the interface's name ("en0", "tap1"); mac4 and mac5 end its
    // MAC, after 52:54:00:12.
    EtherDevice(lwip::Stack& stack, const char* name, std::uint8_t mac4, std::uint8_t mac5)
        : stack_(stack) {
        for (std::size_t i = 0; i + 1 < sizeof name_ && name[i]; ++i) name_[i] = name[i];
        mac_[4] = mac4;
        mac_[5] = mac5;
        slots_ = static_cast<Slot*>(mem::allocate_pages(kSlotPages));
    }
    ~EtherDevice() { mem::deallocate_pages(slots_, kSlotPages); }

    const char* name() const { return name_; }
    const netif* nif() const { return &netif_; }
    netif* nif() { return &netif_; }

    // Brings the interface up on `dev`; call under the net lock. The
    // default route comes to it if `route` and no interface has it yet.
    void attach(host::NetDevice* dev, const ip4_addr_t& addr, const ip4_addr_t& mask,
                const ip4_addr_t& gw, bool route) {
        host_ = dev;
        netif_add(&netif_, &addr, &mask, &gw, this, &EtherDevice::init, netif_input);
        // Every Ethernet interface has its link-local IPv6 address, valid at
        // once (no duplicate detection on a link of our own making).
        netif_create_ip6_linklocal_address(&netif_, 1);
        netif_ip6_addr_set_state(&netif_, 0, IP6_ADDR_PREFERRED);
        if (route && (!netif_default || netif_default == stack_.loopback())) netif_set_default(&netif_);
        netif_set_link_up(&netif_);
        netif_set_up(&netif_);
        stack_.add_device(this);
    }

    // A static IPv6 address (an implied /64, as lwIP has it); net lock held.
    void add_ip6(const ip6_addr_t& addr) {
        s8_t idx;
        if (netif_add_ip6_address(&netif_, &addr, &idx) == ERR_OK)
            netif_ip6_addr_set_state(&netif_, idx, IP6_ADDR_PREFERRED);
    }

    // The host's sink: copies the frame into the queue, or drops it.
    static void sink(void* ctx, const void* frame, std::size_t len) {
        auto* d = static_cast<EtherDevice*>(ctx);
        if (len < SIZEOF_ETH_HDR || len > kFrameMax) return;  // not a frame we could take
        {
            LockGuard g(d->queue_lock_);
            if (d->count_ == kQueueFrames) {
                if (d->dropped_++ % 4096 == 0)
                    UKP_LOG(warn, "net: {} receive queue full, {} frames dropped so far", d->name_, d->dropped_);
                return;
            }
            Slot& s = d->slots_[(d->head_ + d->count_) % kQueueFrames];
            std::memcpy(s.data, frame, len);
            // A runt is padded to Ethernet's minimum with zeros, as a NIC
            // delivers it: lwIP's ARP input reads a whole ARP header without
            // checking the frame's length, which would read past a short one.
            if (len < kFrameMin) {
                std::memset(s.data + len, 0, kFrameMin - len);
                len = kFrameMin;
            }
            s.len = static_cast<std::uint16_t>(len);
            ++d->count_;
        }
        d->stack_.kick();
    }

    // Feeds what the queue holds now to lwIP (service thread, net lock held).
    void poll() override {
        std::size_t n;
        {
            LockGuard g(queue_lock_);
            n = count_;
        }
        for (; n; --n) {
            pbuf* p;
            {
                LockGuard g(queue_lock_);
                const Slot& s = slots_[head_];
                p = pbuf_alloc(PBUF_RAW, s.len, PBUF_RAM);
                if (p) pbuf_take(p, s.data, s.len);
                head_ = (head_ + 1) % kQueueFrames;
                --count_;
            }
            if (p && netif_.input(p, &netif_) != ERR_OK) pbuf_free(p);
        }
        // Packets lwIP sent to the interface's own address.
        netif_poll(&netif_);
    }

private:
    struct Slot {
        std::uint16_t len;
        std::uint8_t data[kFrameMax];
    };
    static constexpr std::size_t kSlotPages =
        (sizeof(Slot) * kQueueFrames + mem::kPageSize - 1) / mem::kPageSize;

    static err_t init(netif* n) {
        auto* d = static_cast<EtherDevice*>(n->state);
        // lwIP's own two-letter name; the interface's real name is name_.
        n->name[0] = d->name_[0];
        n->name[1] = d->name_[1];
        n->mtu = kMtu;
        n->mtu6 = kMtu;
        n->hwaddr_len = ETH_HWADDR_LEN;
        std::memcpy(n->hwaddr, d->mac_, ETH_HWADDR_LEN);
        n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
        n->output = etharp_output;
        n->output_ip6 = ethip6_output;
        n->linkoutput = &EtherDevice::linkoutput;
        return ERR_OK;
    }

    // lwIP's output, under the net lock: one whole frame to the host.
    static err_t linkoutput(netif* n, pbuf* p) {
        auto* d = static_cast<EtherDevice*>(n->state);
        if (!p->next) {
            host::net_send(d->host_, p->payload, p->len);
            return ERR_OK;
        }
        std::uint8_t frame[kFrameMax];
        if (p->tot_len > sizeof frame) return ERR_BUF;
        pbuf_copy_partial(p, frame, p->tot_len, 0);
        host::net_send(d->host_, frame, p->tot_len);
        return ERR_OK;
    }

    lwip::Stack& stack_;
    netif netif_{};
    char name_[16] = {};
    std::uint8_t mac_[ETH_HWADDR_LEN] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    host::NetDevice* host_ = nullptr;
    Mutex queue_lock_;  // guards the ring below
    Slot* slots_ = nullptr;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    std::uint64_t dropped_ = 0;
};

// The interfaces started here, for their names; written under the net lock.
EtherDevice* g_devices[kMaxDevices] = {};

void register_device(EtherDevice* d) {
    for (EtherDevice*& slot : g_devices) {
        if (!slot) {
            slot = d;
            return;
        }
    }
}

}  // namespace

bool interface_name(const netif* n, char out[16]) {
    for (const EtherDevice* d : g_devices) {
        if (d && d->nif() == n) {
            std::memcpy(out, d->name(), 16);
            return true;
        }
    }
    return false;
}

Result<void> start_user_network(const Config& config) {
    lwip::Stack& stack = lwip::Stack::get();
    host::NetForward forwards[Config::kMaxForwards];
    std::size_t n = config.forward_count;
    for (std::size_t i = 0; i < n; ++i) {
        const PortForward& f = config.forwards[i];
        forwards[i].udp = f.udp;
        std::memcpy(forwards[i].host_ip, f.host_ip, 4);
        forwards[i].host_port = f.host_port;
        forwards[i].guest_port = f.guest_port;
    }
    auto* dev = new EtherDevice(stack, "en0", 0x34, 0x56);
    host::NetDevice* host_dev = nullptr;
    if (int rc = host::net_user_open(forwards, n, &EtherDevice::sink, dev, &host_dev); rc < 0) {
        delete dev;
        return static_cast<Errno>(-rc);
    }
    ip4_addr_t addr, mask, gw;
    IP4_ADDR(&addr, 10, 0, 2, 15);
    IP4_ADDR(&mask, 255, 255, 255, 0);
    IP4_ADDR(&gw, 10, 0, 2, 2);
    ip6_addr_t addr6;
    IP6_ADDR(&addr6, PP_HTONL(0xfd000000UL), 0, 0, PP_HTONL(0x15UL));
    {
        LockGuard g(stack.lock());
        dev->attach(host_dev, addr, mask, gw, /*route=*/true);
        // fd00::15 fixed, as 10.0.2.15 is: slirp's router advertisements
        // still give the default IPv6 route (via fe80::2, its fd00::2), but
        // no second, derived address.
        netif_set_ip6_autoconfig_enabled(dev->nif(), 0);
        dev->add_ip6(addr6);
        register_device(dev);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const PortForward& f = config.forwards[i];
        UKP_LOG(info, "net: {}.{}.{}.{}:{} on the host -> 10.0.2.15:{}/{}", f.host_ip[0], f.host_ip[1],
                f.host_ip[2], f.host_ip[3], f.host_port, f.guest_port, f.udp ? "udp" : "tcp");
    }
    UKP_LOG(info, "net: user network up: en0 10.0.2.15/24 and fd00::15/64, router 10.0.2.2 and fd00::2, "
                  "DNS 10.0.2.3 and fd00::3");
    return success();
}

Result<void> start_tap_network(const TapInterface& tap, std::size_t index) {
    if (index >= Config::kMaxTaps || tap.prefix < 1 || tap.prefix > 32) return LX_EINVAL;
    lwip::Stack& stack = lwip::Stack::get();
    char name[16];
    std::memcpy(name, "tap", 3);
    name[3] = static_cast<char>('0' + index);
    name[4] = 0;
    auto* dev = new EtherDevice(stack, name, 0x35, static_cast<std::uint8_t>(index));
    host::NetDevice* host_dev = nullptr;
    if (int rc = host::net_tap_open(tap.name, &EtherDevice::sink, dev, &host_dev); rc < 0) {
        delete dev;
        return static_cast<Errno>(-rc);
    }
    ip4_addr_t addr, mask, gw;
    IP4_ADDR(&addr, tap.addr[0], tap.addr[1], tap.addr[2], tap.addr[3]);
    ip4_addr_set_u32(&mask, lwip_htonl(tap.prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> tap.prefix)));
    ip4_addr_set_zero(&gw);
    if (tap.has_gateway) IP4_ADDR(&gw, tap.gateway[0], tap.gateway[1], tap.gateway[2], tap.gateway[3]);
    {
        LockGuard g(stack.lock());
        dev->attach(host_dev, addr, mask, gw, tap.has_gateway);
        register_device(dev);
    }
    const std::uint8_t* a = tap.addr;
    if (tap.has_gateway) {
        const std::uint8_t* r = tap.gateway;
        UKP_LOG(info, "net: {} up on host device {}: {}.{}.{}.{}/{}, gateway {}.{}.{}.{}", name, tap.name, a[0],
                a[1], a[2], a[3], unsigned{tap.prefix}, r[0], r[1], r[2], r[3]);
    } else {
        UKP_LOG(info, "net: {} up on host device {}: {}.{}.{}.{}/{}", name, tap.name, a[0], a[1], a[2], a[3],
                unsigned{tap.prefix});
    }
    return success();
}

}  // namespace ukp::net
