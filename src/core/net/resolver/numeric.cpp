#include "core/net/resolver/numeric.hpp"

#include <cstring>

namespace ukp::net::resolver {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool parse_ipv4_strict(std::string_view s, std::uint8_t out[4]) {
    std::size_t i = 0;
    for (int part = 0; part < 4; ++part) {
        if (part) {
            if (i >= s.size() || s[i] != '.') return false;
            ++i;
        }
        std::size_t start = i;
        unsigned v = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
            if (v > 255) return false;
            ++i;
        }
        std::size_t digits = i - start;
        if (digits == 0 || (digits > 1 && s[start] == '0')) return false;
        out[part] = static_cast<std::uint8_t>(v);
    }
    return i == s.size();
}

bool parse_ipv4_aton(std::string_view s, std::uint8_t out[4]) {
    std::uint32_t parts[4];
    int n = 0;
    std::size_t i = 0;
    for (;;) {
        if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9')) return false;
        std::uint64_t v = 0;
        int base = 10;
        if (s[i] == '0') {
            base = 8;
            ++i;
            if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
                base = 16;
                ++i;
            }
        }
        while (i < s.size()) {
            int d = hex_value(s[i]);
            if (d < 0 || d >= base) break;
            v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
            if (v > 0xffffffffu) return false;
            ++i;
        }
        if (n == 4) return false;
        parts[n++] = static_cast<std::uint32_t>(v);
        if (i < s.size() && s[i] == '.') {
            ++i;
            continue;
        }
        break;
    }
    // glibc's inet_aton stops at whitespace; getaddrinfo's exact variant
    // wants the whole string.
    if (i != s.size()) return false;
    std::uint32_t val = parts[n - 1];
    static constexpr std::uint32_t kMax[] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
    if (val > kMax[n - 1]) return false;
    for (int k = 0; k < n - 1; ++k) {
        if (parts[k] > 0xff) return false;
        val |= parts[k] << (24 - 8 * k);
    }
    out[0] = static_cast<std::uint8_t>(val >> 24);
    out[1] = static_cast<std::uint8_t>(val >> 16);
    out[2] = static_cast<std::uint8_t>(val >> 8);
    out[3] = static_cast<std::uint8_t>(val);
    return true;
}

bool parse_ipv6(std::string_view s, std::uint8_t out[16]) {
    std::uint8_t tmp[16] = {};
    int len = 0;         // bytes written
    int gap = -1;        // where "::" was
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
        if (i == s.size()) {
            std::memset(out, 0, 16);
            return true;
        }
    } else if (!s.empty() && s[0] == ':') {
        return false;
    }
    while (i < s.size()) {
        std::size_t start = i;
        unsigned v = 0;
        int digits = 0;
        while (i < s.size() && hex_value(s[i]) >= 0) {
            if (++digits > 4) return false;
            v = (v << 4) | static_cast<unsigned>(hex_value(s[i]));
            ++i;
        }
        if (i < s.size() && s[i] == '.') {
            // An embedded IPv4 address ends the text.
            if (len > 12) return false;
            if (!parse_ipv4_strict(s.substr(start), tmp + len)) return false;
            len += 4;
            i = s.size();
            break;
        }
        if (digits == 0) return false;
        if (len > 14) return false;
        tmp[len++] = static_cast<std::uint8_t>(v >> 8);
        tmp[len++] = static_cast<std::uint8_t>(v);
        if (i == s.size()) break;
        if (s[i] != ':') return false;
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0) return false;
            gap = len;
            ++i;
            if (i == s.size()) break;
        } else if (i == s.size()) {
            return false;  // a trailing single ':'
        }
    }
    if (gap >= 0) {
        if (len == 16) return false;
        int tail = len - gap;
        std::memmove(tmp + 16 - tail, tmp + gap, static_cast<std::size_t>(tail));
        std::memset(tmp + gap, 0, static_cast<std::size_t>(16 - len));
    } else if (len != 16) {
        return false;
    }
    std::memcpy(out, tmp, 16);
    return true;
}

std::size_t format_ipv4(const std::uint8_t a[4], char* out) {
    std::size_t n = 0;
    for (int i = 0; i < 4; ++i) {
        if (i) out[n++] = '.';
        unsigned v = a[i];
        if (v >= 100) out[n++] = static_cast<char>('0' + v / 100);
        if (v >= 10) out[n++] = static_cast<char>('0' + v / 10 % 10);
        out[n++] = static_cast<char>('0' + v % 10);
    }
    out[n] = '\0';
    return n;
}

std::size_t format_ipv6(const std::uint8_t a[16], char* out) {
    unsigned words[8];
    for (int i = 0; i < 8; ++i) words[i] = (static_cast<unsigned>(a[2 * i]) << 8) | a[2 * i + 1];
    // The longest run of two or more zero words becomes "::" (the first on a tie).
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (words[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && words[j] == 0) ++j;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2) best = -1;
    static const char kHex[] = "0123456789abcdef";
    std::size_t n = 0;
    for (int i = 0; i < 8; ++i) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best) out[n++] = ':';
            continue;
        }
        if (i) out[n++] = ':';
        // An IPv4-compatible or -mapped address ends in a dotted quad.
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
            n += format_ipv4(a + 12, out + n);
            return n;
        }
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (words[i] >> shift) & 0xf;
            if (d || started || shift == 0) {
                out[n++] = kHex[d];
                started = true;
            }
        }
    }
    if (best >= 0 && best + best_len == 8) out[n++] = ':';
    out[n] = '\0';
    return n;
}

}  // namespace ukp::net::resolver
