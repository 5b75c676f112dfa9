// The text of each generated /proc file, in Linux's formats where Linux has
// the file.
#include "core/fs/procfs/texts.hpp"

#include <fmt/format.h>

#include <iterator>

#include "core/base/log.hpp"
#include "core/kernel/kernel.hpp"
#include "core/mem/arena.hpp"
#include "core/vfs/mount.hpp"
#include "host/host.hpp"

namespace ukp::procfs {
namespace {

// /proc/mounts escapes what would break its space-separated fields.
void put_escaped(vfs::String& out, std::string_view s) {
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\\')
            fmt::format_to(std::back_inserter(out), "\\{:03o}", static_cast<unsigned char>(c));
        else
            out += c;
    }
}

// Linux's meminfo line: the name and colon in 16 columns, kB in 8.
void put_kb(vfs::String& out, std::string_view name, std::uint64_t bytes) {
    fmt::format_to(std::back_inserter(out), "{:<16}{:>8} kB\n", name, bytes / 1024);
}

}  // namespace

Result<void> mounts_text(vfs::String& out) {
    std::pmr::vector<Ref<vfs::Mount>> mounts(mem::resource());
    kernel().mounts().for_each([&](const Ref<vfs::Mount>& m) { mounts.push_back(m); });
    vfs::PathRef root = current().root();
    for (const Ref<vfs::Mount>& m : mounts) {
        // Mounts the process root cannot reach are not shown, as after chroot on Linux.
        Result<vfs::String> where = vfs::absolute_path(root, vfs::PathRef{m.get(), m->root()});
        if (!where.ok()) continue;
        const unsigned flags = m->flags();
        const bool ro = (flags & LX_ST_RDONLY) || m->sb()->read_only();
        put_escaped(out, m->source().empty() ? std::string_view("none") : m->source());
        out += ' ';
        put_escaped(out, *where);
        out += ' ';
        out += m->sb()->fs_type();
        out += ro ? " ro" : " rw";
        if (flags & LX_ST_NOSUID) out += ",nosuid";
        if (flags & LX_ST_NODEV) out += ",nodev";
        out += " 0 0\n";
    }
    return success();
}

Result<void> meminfo_text(vfs::String& out) {
    const std::uint64_t total = host::memory_total();
    const mem::Stats st = mem::stats();
    // The kernel's own memory is what this machine has spent; the rest is free.
    const std::uint64_t free = total > st.in_use ? total - st.in_use : 0;
    put_kb(out, "MemTotal:", total);
    put_kb(out, "MemFree:", free);
    put_kb(out, "MemAvailable:", free);
    put_kb(out, "Buffers:", 0);
    put_kb(out, "Cached:", 0);
    put_kb(out, "SwapCached:", 0);
    put_kb(out, "Shmem:", 0);
    put_kb(out, "SwapTotal:", 0);
    put_kb(out, "SwapFree:", 0);
    put_kb(out, "UkpArena:", st.in_use);
    put_kb(out, "UkpArenaPeak:", st.peak);
    return success();
}

Result<void> cpuinfo_text(vfs::String& out) {
    const int n = host::cpu_count();
    for (int i = 0; i < n; ++i)
        fmt::format_to(std::back_inserter(out),
                       "processor\t: {}\nvendor_id\t: ukp\nmodel name\t: ukp virtual CPU on {}\n"
                       "cpu cores\t: {}\n\n",
                       i, host::name(), n);
    return success();
}

namespace {
// A host /proc/self text: the host tells the full length; retry once the
// text has stopped growing.
Result<void> host_text(vfs::String& out, std::ptrdiff_t (*read)(char*, std::size_t)) {
    std::size_t cap = 16384;
    for (int tries = 0; tries < 8; ++tries) {
        out.resize(cap);
        std::ptrdiff_t n = read(out.data(), cap);
        if (n < 0) return static_cast<Errno>(-n);
        if (static_cast<std::size_t>(n) <= cap) {
            out.resize(static_cast<std::size_t>(n));
            return success();
        }
        cap = static_cast<std::size_t>(n) + 4096;
    }
    return LX_EAGAIN;
}
}  // namespace

Result<void> maps_text(vfs::String& out) { return host_text(out, host::self_maps); }

// The pid in these is the host's, which is also the kernel's (getpid).
Result<void> stat_text(vfs::String& out) { return host_text(out, host::self_stat); }
Result<void> statm_text(vfs::String& out) { return host_text(out, host::self_statm); }
Result<void> cmdline_text(vfs::String& out) { return host_text(out, host::self_cmdline); }
Result<void> environ_text(vfs::String& out) { return host_text(out, host::self_environ); }

namespace {
// Replaces the line that starts with `prefix` (its whole line) by `line`.
void replace_line(vfs::String& text, std::string_view prefix, std::string_view line) {
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == vfs::String::npos ? text.size() : end + 1;
        if (std::string_view(text).substr(at, end - at).starts_with(prefix)) {
            text.replace(at, end - at, line);
            return;
        }
        at = end;
    }
}
}  // namespace

// The process's ids and umask are the kernel's (its configured credentials),
// not the host's: what getuid() and umask() say, /proc/self/status says.
Result<void> status_text(vfs::String& out) {
    TRY(host_text(out, host::self_status));
    const vfs::Cred c = current().cred();
    char line[256];
    auto n = fmt::format_to_n(line, sizeof line, "Umask:\t{:04o}\n", current().umask());
    replace_line(out, "Umask:", std::string_view(line, n.size));
    n = fmt::format_to_n(line, sizeof line, "Uid:\t{0}\t{0}\t{0}\t{0}\n", c.uid);
    replace_line(out, "Uid:", std::string_view(line, n.size));
    n = fmt::format_to_n(line, sizeof line, "Gid:\t{0}\t{0}\t{0}\t{0}\n", c.gid);
    replace_line(out, "Gid:", std::string_view(line, n.size));
    // Linux's format, trailing space included.
    vfs::String groups("Groups:\t", mem::resource());
    for (std::uint32_t i = 0; i < c.ngroups && i < std::size(c.groups); ++i)
        fmt::format_to(std::back_inserter(groups), "{}{}", i ? " " : "", c.groups[i]);
    groups += " \n";
    replace_line(out, "Groups:", groups);
    return success();
}

namespace {
void put_limit(vfs::String& out, std::uint64_t v) {
    if (v == ~std::uint64_t{0})
        fmt::format_to(std::back_inserter(out), "{:<20} ", "unlimited");
    else
        fmt::format_to(std::back_inserter(out), "{:<20} ", v);
}
}  // namespace

// The kernel owns RLIMIT_NOFILE (its fd table); the other limits are the
// host process's. Without the host's text, only the kernel's row.
Result<void> limits_text(vfs::String& out) {
    Result<void> host = host_text(out, host::self_limits);
    if (!host.ok() || out.empty()) {
        out.clear();
        fmt::format_to(std::back_inserter(out), "{:<25} {:<20} {:<20} {:<10}\n", "Limit", "Soft Limit",
                       "Hard Limit", "Units");
    }
    std::uint64_t soft = 0, hard = 0;
    current().file_limits(&soft, &hard);
    vfs::String row(mem::resource());
    fmt::format_to(std::back_inserter(row), "{:<25} ", "Max open files");
    put_limit(row, soft);
    put_limit(row, hard);
    fmt::format_to(std::back_inserter(row), "{:<10}\n", "files");
    if (out.find("\nMax open files") == vfs::String::npos)
        out += row;
    else
        replace_line(out, "Max open files", row);
    return success();
}

// The machine's uptime, load and CPU counters (the kernel keeps none).
Result<void> uptime_text(vfs::String& out) { return host_text(out, host::machine_uptime); }
Result<void> loadavg_text(vfs::String& out) { return host_text(out, host::machine_loadavg); }
Result<void> machine_stat_text(vfs::String& out) { return host_text(out, host::machine_stat); }
Result<void> vmstat_text(vfs::String& out) { return host_text(out, host::machine_vmstat); }

Result<void> log_text(vfs::String& out) {
    std::size_t n = log::total_size();
    out.resize(n);
    out.resize(log::read(0, out.data(), n));
    return success();
}

Result<void> stats_text(vfs::String& out) {
    const mem::Stats st = mem::stats();
    std::size_t fds = 0, mounts = 0;
    current().fds().for_each([&](int, const Ref<vfs::File>&) { ++fds; });
    kernel().mounts().for_each([&](const Ref<vfs::Mount>&) { ++mounts; });
    fmt::format_to(std::back_inserter(out),
                   "host {}\nuptime_ns {}\narena_reserved {}\narena_in_use {}\narena_peak {}\n"
                   "arena_touched {}\nopen_fds {}\nmounts {}\n",
                   host::name(), host::clock_monotonic() - kernel().boot_time_ns(), st.reserved, st.in_use,
                   st.peak, st.touched, fds, mounts);
    return success();
}

}  // namespace ukp::procfs
