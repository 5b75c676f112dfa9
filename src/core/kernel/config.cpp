#include "core/kernel/config.hpp"

#include <charconv>

#include "core/base/log.hpp"

namespace ukp {

Result<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data()) return LX_EINVAL;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    int shift = 0;
    if (unit.empty() || unit == "b" || unit == "B") shift = 0;
    else if (unit == "k" || unit == "K" || unit == "KiB") shift = 10;
    else if (unit == "m" || unit == "M" || unit == "MiB") shift = 20;
    else if (unit == "g" || unit == "G" || unit == "GiB") shift = 30;
    else if (unit == "t" || unit == "T" || unit == "TiB") shift = 40;
    else return LX_EINVAL;
    if (shift && value > (UINT64_MAX >> shift)) return LX_EINVAL;
    return value << shift;
}

namespace {
Result<std::uint32_t> parse_u32(std::string_view text, int base = 10) {
    std::uint32_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return LX_EINVAL;
    return v;
}

// "a.b.c.d", each part 0..255.
Result<void> parse_ipv4(std::string_view text, std::uint8_t (&out)[4]) {
    for (int i = 0; i < 4; ++i) {
        auto dot = text.find('.');
        if ((i < 3) != (dot != std::string_view::npos)) return LX_EINVAL;
        std::string_view part = text.substr(0, dot);
        if (part.empty() || part.size() > 3) return LX_EINVAL;
        std::uint32_t v = TRY(parse_u32(part));
        if (v > 255) return LX_EINVAL;
        out[i] = static_cast<std::uint8_t>(v);
        text = i < 3 ? text.substr(dot + 1) : std::string_view{};
    }
    return success();
}

Result<std::uint16_t> parse_port(std::string_view text) {
    std::uint32_t v = TRY(parse_u32(text));
    if (v == 0 || v > 65535) return LX_EINVAL;
    return static_cast<std::uint16_t>(v);
}

// [HOSTIP:]HOSTPORT:GUESTPORT[/udp|/tcp]
Result<PortForward> parse_forward(std::string_view text) {
    PortForward f;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
        std::string_view proto = text.substr(slash + 1);
        if (proto == "udp") f.udp = true;
        else if (proto != "tcp") return LX_EINVAL;
        text = text.substr(0, slash);
    }
    auto last = text.rfind(':');
    if (last == std::string_view::npos) return LX_EINVAL;
    f.guest_port = TRY(parse_port(text.substr(last + 1)));
    text = text.substr(0, last);
    if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
        TRY(parse_ipv4(text.substr(0, colon), f.host_ip));
        text = text.substr(colon + 1);
    }
    f.host_port = TRY(parse_port(text));
    return f;
}

// NAME:ADDR/PREFIX[:GATEWAY], after "tap:".
Result<TapInterface> parse_tap(std::string_view text) {
    TapInterface t;
    auto colon = text.find(':');
    std::string_view name = text.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() || name.size() >= sizeof t.name ||
        name.find('/') != std::string_view::npos)
        return LX_EINVAL;
    name.copy(t.name, name.size());
    text = text.substr(colon + 1);
    if (auto gw = text.find(':'); gw != std::string_view::npos) {
        TRY(parse_ipv4(text.substr(gw + 1), t.gateway));
        t.has_gateway = true;
        text = text.substr(0, gw);
    }
    auto slash = text.find('/');
    if (slash == std::string_view::npos) return LX_EINVAL;
    TRY(parse_ipv4(text.substr(0, slash), t.addr));
    std::uint32_t prefix = TRY(parse_u32(text.substr(slash + 1)));
    if (prefix == 0 || prefix > 32) return LX_EINVAL;
    t.prefix = static_cast<std::uint8_t>(prefix);
    return t;
}

// Calls fn on each non-empty item of a comma list.
template <typename Fn>
Result<void> for_each_item(std::string_view list, Fn fn) {
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        if (!item.empty()) TRY(fn(item));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return success();
}

// An absolute path without NULs (and without ':', docker's separator).
bool is_absolute_path(std::string_view p) {
    return !p.empty() && p[0] == '/' && p.find('\0') == std::string_view::npos;
}

}  // namespace

Result<void> Config::set(std::string_view key, std::string_view value) {
    if (key == "arena-size") {
        arena_size = TRY(parse_size(value));
    } else if (key == "root-size") {
        root_size = TRY(parse_size(value));
    } else if (key == "tmp-size") {
        tmp_size = TRY(parse_size(value));
    } else if (key == "uid") {
        uid = TRY(parse_u32(value));
    } else if (key == "gid") {
        gid = TRY(parse_u32(value));
    } else if (key == "umask") {
        umask = TRY(parse_u32(value, 8)) & 0777;
    } else if (key == "nofile") {
        nofile = TRY(parse_u32(value));
        if (nofile == 0) return LX_EINVAL;
    } else if (key == "log") {
        log::Level lv;
        if (!log::parse_level(value, &lv)) return LX_EINVAL;
        log_level = static_cast<int>(lv);
    } else if (key == "net") {
        bool user = false, host = false;
        TapInterface parsed[kMaxTaps];
        std::size_t n = 0;
        TRY(for_each_item(value, [&](std::string_view kind) -> Result<void> {
            if (kind == "user") {
                user = true;
            } else if (kind == "host") {
                host = true;
            } else if (kind.starts_with("tap:")) {
                if (n == kMaxTaps) return LX_EINVAL;
                parsed[n++] = TRY(parse_tap(kind.substr(4)));
            } else if (kind != "loopback") {
                return LX_EINVAL;
            }
            return success();
        }));
        if (host && (user || n)) return LX_EINVAL;  // host sockets leave lwIP out
        net_user = user;
        net_host = host;
        for (std::size_t i = 0; i < n; ++i) taps[i] = parsed[i];
        tap_count = n;
    } else if (key == "capture") {
        if (value == "off") capture = 0;
        else if (value == "trap") capture = 1;
        else if (value == "strict") capture = 2;
        else return LX_EINVAL;
    } else if (key == "workdir") {
        if (value.empty() || value[0] != '/' || value.size() >= sizeof workdir) return LX_EINVAL;
        value.copy(workdir, value.size());
        workdir[value.size()] = '\0';
    } else if (key == "image") {
        if (value.empty()) {
            image_path[0] = image_guest[0] = '\0';
            return success();
        }
        auto c3 = value.rfind(':');
        if (c3 == std::string_view::npos || c3 == 0) return LX_EINVAL;
        auto c2 = value.rfind(':', c3 - 1);
        if (c2 == std::string_view::npos || c2 == 0) return LX_EINVAL;
        auto c1 = value.rfind(':', c2 - 1);
        if (c1 == std::string_view::npos) return LX_EINVAL;
        std::string_view path = value.substr(0, c1), guest = value.substr(c3 + 1);
        std::uint64_t off = TRY(parse_size(value.substr(c1 + 1, c2 - c1 - 1)));
        std::uint64_t size = TRY(parse_size(value.substr(c2 + 1, c3 - c2 - 1)));
        if (path.empty() || path.find('\0') != std::string_view::npos || path.size() >= sizeof image_path)
            return LX_EINVAL;
        // At "/" the image lies under the root ramfs (writable, /dev, /proc
        // and /tmp mounted over it); elsewhere it is a read-only mount.
        if (!is_absolute_path(guest) || guest.size() >= sizeof image_guest)
            return LX_EINVAL;
        if (size == 0) return LX_EINVAL;
        path.copy(image_path, path.size());
        image_path[path.size()] = '\0';
        guest.copy(image_guest, guest.size());
        image_guest[guest.size()] = '\0';
        image_offset = off;
        image_size = size;
    } else if (key == "publish") {
        PortForward parsed[kMaxForwards];
        std::size_t n = 0;
        TRY(for_each_item(value, [&](std::string_view item) -> Result<void> {
            if (n == kMaxForwards) return LX_EINVAL;
            parsed[n++] = TRY(parse_forward(item));
            return success();
        }));
        for (std::size_t i = 0; i < n; ++i) forwards[i] = parsed[i];
        forward_count = n;
    } else if (key == "volume") {
        Volume parsed[kMaxVolumes];
        char text[kVolumeText];
        std::size_t n = 0, used = 0;
        auto store = [&](std::string_view path) -> Result<std::uint16_t> {
            if (!is_absolute_path(path) || path.size() + 1 > kVolumeText - used) return LX_EINVAL;
            path.copy(text + used, path.size());
            text[used + path.size()] = '\0';
            auto at = static_cast<std::uint16_t>(used);
            used += path.size() + 1;
            return at;
        };
        TRY(for_each_item(value, [&](std::string_view item) -> Result<void> {
            if (n == kMaxVolumes) return LX_EINVAL;
            auto c1 = item.find(':');
            if (c1 == std::string_view::npos) return LX_EINVAL;
            std::string_view rest = item.substr(c1 + 1);
            auto c2 = rest.find(':');
            std::string_view guest = rest.substr(0, c2);
            Volume v;
            if (c2 != std::string_view::npos) {
                std::string_view mode = rest.substr(c2 + 1);
                if (mode == "ro") v.read_only = true;
                else if (mode != "rw") return LX_EINVAL;
            }
            // Mounting over the root would hide /dev, /proc and /tmp.
            if (guest.find_first_not_of('/') == std::string_view::npos) return LX_EINVAL;
            v.host = TRY(store(item.substr(0, c1)));
            v.guest = TRY(store(guest));
            parsed[n++] = v;
            return success();
        }));
        for (std::size_t i = 0; i < n; ++i) volumes[i] = parsed[i];
        volume_count = n;
        for (std::size_t i = 0; i < used; ++i) volume_text[i] = text[i];
    } else {
        return LX_EINVAL;
    }
    return success();
}

}  // namespace ukp
