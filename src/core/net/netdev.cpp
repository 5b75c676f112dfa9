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
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
}

namespace ukp::net {
namespace {

constexpr std::uint16_t kMtu = 1500;
constexpr std::size_t kFrameMax = 1536;    // 14 + 1500, with room for a VLAN tag
// Then frames drop, as a full NIC ring does. A drop costs the sender a
// retransmission timeout (slirp's is at least a second), so the ring holds
// more than one connection's whole window (TCP_WND / TCP_MSS frames); its
// pages are touched only when it fills that far.
constexpr std::size_t kQueueFrames = 2048;

// One Ethernet interface on one host device. Lives as long as the kernel.
class EtherDevice final : public lwip::Stack::Device, public ArenaObject {
public:
    explicit EtherDevice(lwip::Stack& stack) : stack_(stack) {
        slots_ = static_cast<Slot*>(mem::allocate_pages(kSlotPages));
    }
    ~EtherDevice() { mem::deallocate_pages(slots_, kSlotPages); }

    // Brings the interface up on `dev`; call under the net lock.
    void attach(host::NetDevice* dev, const ip4_addr_t& addr, const ip4_addr_t& mask,
                const ip4_addr_t& gw) {
        host_ = dev;
        netif_add(&netif_, &addr, &mask, &gw, this, &EtherDevice::init, netif_input);
        netif_set_default(&netif_);
        netif_set_link_up(&netif_);
        netif_set_up(&netif_);
        stack_.add_device(this);
    }

    // The host's sink: copies the frame into the queue, or drops it.
    static void sink(void* ctx, const void* frame, std::size_t len) {
        auto* d = static_cast<EtherDevice*>(ctx);
        if (len < SIZEOF_ETH_HDR || len > kFrameMax) return;  // not a frame we could take
        {
            LockGuard g(d->queue_lock_);
            if (d->count_ == kQueueFrames) {
                if (d->dropped_++ % 4096 == 0)
                    UKP_LOG(warn, "net: en0 receive queue full, {} frames dropped so far", d->dropped_);
                return;
            }
            Slot& s = d->slots_[(d->head_ + d->count_) % kQueueFrames];
            s.len = static_cast<std::uint16_t>(len);
            std::memcpy(s.data, frame, len);
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
        n->name[0] = 'e';
        n->name[1] = 'n';
        n->mtu = kMtu;
        n->hwaddr_len = ETH_HWADDR_LEN;
        static constexpr std::uint8_t kMac[ETH_HWADDR_LEN] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
        std::memcpy(n->hwaddr, kMac, ETH_HWADDR_LEN);
        n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
        n->output = etharp_output;
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
    host::NetDevice* host_ = nullptr;
    Mutex queue_lock_;  // guards the ring below
    Slot* slots_ = nullptr;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    std::uint64_t dropped_ = 0;
};

}  // namespace

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
    auto* dev = new EtherDevice(stack);
    host::NetDevice* host_dev = nullptr;
    if (int rc = host::net_user_open(forwards, n, &EtherDevice::sink, dev, &host_dev); rc < 0) {
        delete dev;
        return static_cast<Errno>(-rc);
    }
    ip4_addr_t addr, mask, gw;
    IP4_ADDR(&addr, 10, 0, 2, 15);
    IP4_ADDR(&mask, 255, 255, 255, 0);
    IP4_ADDR(&gw, 10, 0, 2, 2);
    {
        LockGuard g(stack.lock());
        dev->attach(host_dev, addr, mask, gw);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const PortForward& f = config.forwards[i];
        UKP_LOG(info, "net: {}.{}.{}.{}:{} on the host -> 10.0.2.15:{}/{}", f.host_ip[0], f.host_ip[1],
                f.host_ip[2], f.host_ip[3], f.host_port, f.guest_port, f.udp ? "udp" : "tcp");
    }
    UKP_LOG(info, "net: user network up: 10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3");
    return success();
}

}  // namespace ukp::net
