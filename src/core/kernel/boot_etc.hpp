// The resolver's defaults, written into the root at boot when absent:
// /etc/hosts (the loopback names) and /etc/resolv.conf (the DNS server of
// the user-mode network, 10.0.2.3; `resolv_conf` instead when not empty:
// the host's own under the `host` network kind). The app and tests may
// overwrite them; the resolver (core/net/resolver) reads them again when
// they change.
#pragma once

#include <string_view>

#include "core/base/result.hpp"
#include "core/vfs/path.hpp"
#include "core/vfs/types.hpp"

namespace ukp {

Result<void> write_etc_defaults(const vfs::PathRef& root, const vfs::Cred& owner,
                               std::string_view resolv_conf = {});

}  // namespace ukp
