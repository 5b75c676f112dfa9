// Kernel configuration. Defaults, then (later sources win) the pack
// manifest, UKP_* environment variables and --ukp-* arguments; every source
// goes through set(), so all spell the keys the same way: UKP_ROOT_SIZE in
// the environment is --ukp-root-size on the command line and "root-size" here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base/result.hpp"

namespace ukp {

// A host port forwarded into the user network: docker's
// -p [HOSTIP:]HOSTPORT:GUESTPORT[/udp]. HOSTIP defaults to 127.0.0.1, not
// docker's 0.0.0.0: a unikernel's ports reach other machines only when asked.
struct PortForward {
    bool udp = false;
    std::uint8_t host_ip[4] = {127, 0, 0, 1};
    std::uint16_t host_port = 0;
    std::uint16_t guest_port = 0;
};

// An existing host TAP device and the kernel's IPv4 address on it:
// "tap:NAME:ADDR/PREFIX[:GATEWAY]" in the "net" list. Without a gateway the
// interface reaches only its own subnet; with one it is the default route
// (unless the user network is also up, which then keeps that role).
struct TapInterface {
    char name[16] = {};  // IFNAMSIZ, NUL-terminated
    std::uint8_t addr[4] = {};
    std::uint8_t prefix = 0;  // 1..32
    bool has_gateway = false;
    std::uint8_t gateway[4] = {};
};

// A host directory mounted inside: docker's -v HOST:GUEST[:ro|:rw] (both
// absolute). The paths live in Config::volume_text, NUL-terminated at the
// offsets below: Config is filled before the kernel arena exists and is
// copied on small stacks, so it holds no pointers and no large arrays.
struct Volume {
    std::uint16_t host = 0;   // offset of the host path in volume_text
    std::uint16_t guest = 0;  // offset of the guest path
    bool read_only = false;
};

struct Config {
    std::uint64_t arena_size = 0;               // 0: the default (16 GiB of address space)
    std::uint64_t root_size = 0;                // ramfs size limit; 0: half the host's memory
    std::uint64_t tmp_size = 0;                 // same for /tmp
    std::uint32_t uid = UINT32_MAX;             // UINT32_MAX: the host's real uid
    std::uint32_t gid = UINT32_MAX;
    std::uint32_t umask = 022;
    std::uint64_t nofile = 0;                   // RLIMIT_NOFILE soft limit; 0: the host's
    int log_level = 2;                          // log::Level; 2 = warn
    // Network interfaces besides loopback (always there): "net" is a comma
    // list of kinds ("loopback", "user", "tap:NAME:ADDR/PREFIX[:GATEWAY]",
    // "host"); "publish" a comma list of forwards. "host" stands alone: the
    // app's AF_INET/AF_INET6 sockets are then host sockets and lwIP is unused.
    bool net_user = false;                      // libslirp's user network
    bool net_host = false;                      // host sockets instead of lwIP
    static constexpr std::size_t kMaxTaps = 4;
    TapInterface taps[kMaxTaps] = {};
    std::size_t tap_count = 0;
    static constexpr std::size_t kMaxForwards = 32;
    PortForward forwards[kMaxForwards] = {};
    std::size_t forward_count = 0;
    // "volume": a comma list of HOST:GUEST[:ro] items, mounted at boot (hostfs).
    static constexpr std::size_t kMaxVolumes = 32;  // a --root of ~16 top-level directories plus -v
    static constexpr std::size_t kVolumeText = 4096;
    Volume volumes[kMaxVolumes] = {};
    std::size_t volume_count = 0;
    char volume_text[kVolumeText] = {};
    const char* volume_host(std::size_t i) const { return volume_text + volumes[i].host; }
    const char* volume_guest(std::size_t i) const { return volume_text + volumes[i].guest; }

    // "capture": raw system calls the application makes without libukp's
    // names (off | trap | strict; host.hpp, raw system call capture).
    // -1: the host's default (trap where the host can capture).
    int capture = -1;

    // "image": PATH:OFFSET:SIZE:GUEST, a ukp image (core/fs/imagefs/format.hpp)
    // lying at bytes [OFFSET, OFFSET+SIZE) of the host file PATH, mounted
    // read-only at the absolute GUEST path (not "/") at boot. PATH may hold
    // ':' (the other fields are split off from the right); sizes take
    // parse_size's units. `ukp pack` points it at the packed binary itself.
    char image_path[1024] = {};  // empty: no image
    char image_guest[256] = {};
    std::uint64_t image_offset = 0;
    std::uint64_t image_size = 0;

    // "workdir": the working directory at boot (absolute; created if missing,
    // as docker's -w does). Empty: the root.
    char workdir[1024] = {};

    // Applies one setting; EINVAL for an unknown key or a malformed value.
    Result<void> set(std::string_view key, std::string_view value);
};

// Parses sizes like "64M", "2g", "4096" (binary units).
Result<std::uint64_t> parse_size(std::string_view text);

}  // namespace ukp
