#include <doctest/doctest.h>

#include <string>

#include "core/net/lwip/stack.hpp"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
}

using ukp::net::lwip::NetGuard;
using ukp::net::lwip::Stack;

namespace {

struct Received {
    std::string data;
    tcp_pcb* accepted = nullptr;
    bool connected = false;
};

err_t on_recv(void* arg, tcp_pcb* pcb, pbuf* p, err_t) {
    auto* r = static_cast<Received*>(arg);
    if (!p) return ERR_OK;
    for (pbuf* q = p; q; q = q->next) r->data.append(static_cast<const char*>(q->payload), q->len);
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    return ERR_OK;
}

err_t on_accept(void* arg, tcp_pcb* pcb, err_t err) {
    auto* r = static_cast<Received*>(arg);
    if (err != ERR_OK || !pcb) return ERR_VAL;
    r->accepted = pcb;
    tcp_arg(pcb, r);
    tcp_recv(pcb, on_recv);
    return ERR_OK;
}

err_t on_connected(void* arg, tcp_pcb*, err_t) {
    static_cast<Received*>(arg)->connected = true;
    return ERR_OK;
}

// Loopback frames wait in a queue until delivered; a handshake and a
// segment take a few rounds.
template <typename Done>
bool pump(Done&& done) {
    for (int i = 0; i < 16 && !done(); ++i) Stack::get().deliver_loopback();
    return done();
}

}  // namespace

TEST_CASE("lwIP: TCP over the loopback interface, inside the kernel") {
    NetGuard g;
    Received server, client;
    tcp_pcb* listener = tcp_new_ip_type(IPADDR_TYPE_V4);
    REQUIRE(listener);
    ip_addr_t lo;
    IP_ADDR4(&lo, 127, 0, 0, 1);
    REQUIRE(tcp_bind(listener, &lo, 0) == ERR_OK);  // port 0: an ephemeral one
    u16_t port = listener->local_port;
    CHECK(port != 0);
    listener = tcp_listen(listener);
    REQUIRE(listener);
    tcp_arg(listener, &server);
    tcp_accept(listener, on_accept);

    tcp_pcb* c = tcp_new_ip_type(IPADDR_TYPE_V4);
    REQUIRE(c);
    tcp_arg(c, &client);
    REQUIRE(tcp_connect(c, &lo, port, on_connected) == ERR_OK);
    REQUIRE(pump([&] { return client.connected && server.accepted; }));

    const char msg[] = "hello from inside the kernel";
    REQUIRE(tcp_write(c, msg, sizeof msg - 1, TCP_WRITE_FLAG_COPY) == ERR_OK);
    REQUIRE(tcp_output(c) == ERR_OK);
    REQUIRE(pump([&] { return server.data.size() == sizeof msg - 1; }));
    CHECK(server.data == msg);

    tcp_arg(c, nullptr);
    tcp_abort(c);
    tcp_arg(server.accepted, nullptr);
    tcp_abort(server.accepted);
    tcp_close(listener);
    Stack::get().deliver_loopback();
}

TEST_CASE("lwIP: UDP over ::1 keeps the datagram whole") {
    NetGuard g;
    std::string got;
    udp_pcb* rx = udp_new_ip_type(IPADDR_TYPE_V6);
    udp_pcb* tx = udp_new_ip_type(IPADDR_TYPE_V6);
    REQUIRE(rx);
    REQUIRE(tx);
    ip_addr_t lo6;
    IP_ADDR6_HOST(&lo6, 0, 0, 0, 1);
    REQUIRE(udp_bind(rx, &lo6, 0) == ERR_OK);
    udp_recv(
        rx,
        [](void* arg, udp_pcb*, pbuf* p, const ip_addr_t*, u16_t) {
            auto* out = static_cast<std::string*>(arg);
            out->resize(p->tot_len);
            pbuf_copy_partial(p, out->data(), p->tot_len, 0);
            pbuf_free(p);
        },
        &got);
    std::string payload(3000, 'u');  // larger than one Ethernet frame, not than the loopback MTU
    pbuf* p = pbuf_alloc(PBUF_TRANSPORT, static_cast<u16_t>(payload.size()), PBUF_RAM);
    REQUIRE(p);
    pbuf_take(p, payload.data(), static_cast<u16_t>(payload.size()));
    REQUIRE(udp_sendto(tx, p, &lo6, rx->local_port) == ERR_OK);
    pbuf_free(p);
    REQUIRE(pump([&] { return !got.empty(); }));
    CHECK(got == payload);
    udp_remove(rx);
    udp_remove(tx);
}
