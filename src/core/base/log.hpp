// The kernel log: a ring of recent lines in the arena (read inside as
// /proc/kmsg), echoed to the host's stderr at or above the configured level
// (UKP_LOG=debug|info|warn|error|off).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ukp::log {

enum class Level { debug, info, warn, error, off };

void set_level(Level);
Level level();
bool parse_level(std::string_view text, Level* out);
void write(Level, std::string_view line);
// Copies up to cap bytes of the retained log starting at byte `offset` of it;
// returns the number copied. total_size() is the size of what is retained.
std::size_t read(std::size_t offset, char* buf, std::size_t cap);
std::size_t total_size();
// For syslog(2): positions counted in bytes ever written. end() is the
// position after the last byte; read_from copies from *pos (moved up to the
// oldest retained byte if older) and advances *pos past what it copied.
// capacity() is how many bytes the log retains.
std::uint64_t end();
std::size_t read_from(std::uint64_t* pos, char* buf, std::size_t cap);
std::size_t capacity();

template <typename... Args>
void emit(Level lv, fmt::format_string<Args...> f, Args&&... args) {
    char buf[512];
    auto r = fmt::format_to_n(buf, sizeof buf, f, std::forward<Args>(args)...);
    write(lv, std::string_view(buf, r.size < sizeof buf ? r.size : sizeof buf));
}

}  // namespace ukp::log

#define UKP_LOG(lv, ...) ::ukp::log::emit(::ukp::log::Level::lv, __VA_ARGS__)
