#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "core/kernel/config.hpp"

using namespace ukp;

TEST_CASE("volume takes docker's -v HOST:GUEST[:ro] items") {
    Config c;
    REQUIRE(c.set("volume", "/srv/data:/data,/etc:/host/etc:ro,/x:/y:rw").ok());
    REQUIRE(c.volume_count == 3);
    CHECK(std::strcmp(c.volume_host(0), "/srv/data") == 0);
    CHECK(std::strcmp(c.volume_guest(0), "/data") == 0);
    CHECK_FALSE(c.volumes[0].read_only);
    CHECK(std::strcmp(c.volume_host(1), "/etc") == 0);
    CHECK(std::strcmp(c.volume_guest(1), "/host/etc") == 0);
    CHECK(c.volumes[1].read_only);
    CHECK_FALSE(c.volumes[2].read_only);

    // A later setting replaces the list; a bad one leaves it as it was.
    REQUIRE(c.set("volume", "/a:/b").ok());
    CHECK(c.volume_count == 1);
    CHECK(std::strcmp(c.volume_guest(0), "/b") == 0);
    for (const char* bad : {"/a", "a:/b", "/a:b", "/a:/b:rx", "/a:/b:ro:x", ":/b", "/a:", "/a:/",
                            "/a://", "./a:/b", "/a:/b,rel:/c"}) {
        CAPTURE(bad);
        CHECK(c.set("volume", bad).error() == LX_EINVAL);
        CHECK(c.volume_count == 1);
        CHECK(std::strcmp(c.volume_host(0), "/a") == 0);
    }
}

TEST_CASE("volume allows 32 items and bounded text") {
    Config c;
    std::string list;
    for (int i = 0; i < 32; ++i) list += (i ? "," : "") + std::string("/h") + std::to_string(i) + ":/g" + std::to_string(i);
    REQUIRE(c.set("volume", list).ok());
    CHECK(c.volume_count == 32);
    CHECK(std::strcmp(c.volume_guest(15), "/g15") == 0);
    CHECK(c.set("volume", list + ",/h32:/g32").error() == LX_EINVAL);
    std::string long_path = "/" + std::string(5000, 'x');
    CHECK(c.set("volume", long_path + ":/g").error() == LX_EINVAL);
}
