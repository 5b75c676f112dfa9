#include <doctest/doctest.h>

#include <cstring>

#include "core/kernel/config.hpp"

using namespace ukp;

TEST_CASE("net lists kinds; tap carries its address; host stands alone") {
    Config c;
    REQUIRE(c.set("net", "loopback,user,tap:ukp0:10.77.0.2/24:10.77.0.1,tap:t1:192.168.5.9/30").ok());
    CHECK(c.net_user);
    CHECK_FALSE(c.net_host);
    REQUIRE(c.tap_count == 2);
    CHECK(std::strcmp(c.taps[0].name, "ukp0") == 0);
    CHECK(c.taps[0].addr[0] == 10);
    CHECK(c.taps[0].addr[3] == 2);
    CHECK(c.taps[0].prefix == 24);
    CHECK(c.taps[0].has_gateway);
    CHECK(c.taps[0].gateway[3] == 1);
    CHECK(std::strcmp(c.taps[1].name, "t1") == 0);
    CHECK_FALSE(c.taps[1].has_gateway);
    CHECK(c.taps[1].prefix == 30);

    REQUIRE(c.set("net", "host").ok());
    CHECK(c.net_host);
    CHECK_FALSE(c.net_user);
    CHECK(c.tap_count == 0);

    for (const char* bad : {"host,user", "host,tap:t:10.0.0.1/8", "tap:", "tap:x", "tap:x:10.0.0.1",
                            "tap:x:10.0.0.1/0", "tap:x:10.0.0.1/33", "tap:x:10.0.0.256/8",
                            "tap:x:10.0.0.1/8:1.2.3", "tap:0123456789abcdef:10.0.0.1/8", "tap::1.2.3.4/8",
                            "tap:a:1.1.1.1/8,tap:b:1.1.1.1/8,tap:c:1.1.1.1/8,tap:d:1.1.1.1/8,tap:e:1.1.1.1/8",
                            "wifi"}) {
        CAPTURE(bad);
        Config d;
        CHECK(d.set("net", bad).error() == LX_EINVAL);
    }
}

TEST_CASE("publish takes docker's -p syntax") {
    Config c;
    REQUIRE(c.set("publish", "8080:80,0.0.0.0:5353:53/udp").ok());
    REQUIRE(c.forward_count == 2);
    CHECK(c.forwards[0].host_ip[0] == 127);
    CHECK(c.forwards[0].host_port == 8080);
    CHECK(c.forwards[0].guest_port == 80);
    CHECK(c.forwards[1].udp);
    CHECK(c.forwards[1].host_ip[0] == 0);
    for (const char* bad : {"80", "0:80", "80:65536", "x:80:80", "80:80/sctp"}) {
        CAPTURE(bad);
        CHECK(c.set("publish", bad).error() == LX_EINVAL);
    }
}
