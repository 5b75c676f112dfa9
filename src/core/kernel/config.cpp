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
    } else {
        return LX_EINVAL;
    }
    return success();
}

}  // namespace ukp
