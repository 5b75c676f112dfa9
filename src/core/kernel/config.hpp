// Kernel configuration. Defaults, then (later sources win) the pack
// manifest, UKP_* environment variables and --ukp-* arguments; every source
// goes through set(), so all spell the keys the same way: UKP_ROOT_SIZE in
// the environment is --ukp-root-size on the command line and "root-size" here.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/result.hpp"

namespace ukp {

struct Config {
    std::uint64_t arena_size = 0;               // 0: the default (16 GiB of address space)
    std::uint64_t root_size = 0;                // ramfs size limit; 0: half the host's memory
    std::uint64_t tmp_size = 0;                 // same for /tmp
    std::uint32_t uid = UINT32_MAX;             // UINT32_MAX: the host's real uid
    std::uint32_t gid = UINT32_MAX;
    std::uint32_t umask = 022;
    std::uint64_t nofile = 0;                   // RLIMIT_NOFILE soft limit; 0: the host's
    int log_level = 2;                          // log::Level; 2 = warn

    // Applies one setting; EINVAL for an unknown key or a malformed value.
    Result<void> set(std::string_view key, std::string_view value);
};

// Parses sizes like "64M", "2g", "4096" (binary units).
Result<std::uint64_t> parse_size(std::string_view text);

}  // namespace ukp
