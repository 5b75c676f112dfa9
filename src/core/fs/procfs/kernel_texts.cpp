// The texts of /proc that describe the kernel itself: /proc/version,
// /proc/filesystems and the /proc/sys values programs read (sysctl).
#include <fmt/format.h>

#include <iterator>

#include "core/abi/linux.hpp"
#include "core/base/lock.hpp"
#include "core/fs/procfs/texts.hpp"
#include "core/mem/arena.hpp"
#include "host/host.hpp"

namespace ukp::procfs {
namespace {


#if defined(__clang__)
constexpr const char* kCompiler = "clang " __clang_version__;
#elif defined(__GNUC__)
constexpr const char* kCompiler = "gcc " __VERSION__;
#else
constexpr const char* kCompiler = "unknown compiler";
#endif

// Linux's PID_MAX_LIMIT on 64-bit: the host's pids, which are the kernel's,
// are all below it.
constexpr int kPidMax = 4194304;

vfs::String uts(host::UtsField f) {
    char buf[65];
    host::uts_field(f, buf, sizeof buf);
    return vfs::String(buf, mem::resource());
}

void put_line(vfs::String& out, std::string_view s) {
    out += s;
    out += '\n';
}

// A random (version 4) UUID in its text form, from the kernel's random source.
void put_uuid(vfs::String& out) {
    unsigned char b[16];
    host::random_fill(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    auto it = std::back_inserter(out);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        fmt::format_to(it, "{:02x}", b[i]);
    }
    out += '\n';
}

Mutex g_boot_id_lock;
char g_boot_id[40];  // "xxxxxxxx-...\n", NUL-terminated; empty before the first boot

}  // namespace

void new_boot_id() {
    vfs::String id(mem::resource());
    put_uuid(id);
    LockGuard g(g_boot_id_lock);
    fmt::format_to_n(g_boot_id, sizeof g_boot_id - 1, "{}", id);
    g_boot_id[id.size() < sizeof g_boot_id ? id.size() : sizeof g_boot_id - 1] = '\0';
}

// Linux's "Linux version RELEASE (USER@HOST) (COMPILER) VERSION" line. The
// release and version are the host's, which the kernel's uname returns (so
// tools that compare /proc/version with uname agree); the builder part says
// this is ukp, which version, on which host layer, and what compiled it.
Result<void> version_text(vfs::String& out) {
    fmt::format_to(std::back_inserter(out), "Linux version {} (ukp@{}) (ukp {}, {}) {}\n",
                   uts(host::UtsField::release), host::name(), UKP_VERSION, kCompiler,
                   uts(host::UtsField::version));
    return success();
}

// The kernel's own file system types; none needs a block device.
Result<void> filesystems_text(vfs::String& out) {
    for (const char* t : {"tmpfs", "devtmpfs", "proc", "pipefs", "sockfs", "anon_inodefs", "hostfs", "imagefs"})
        fmt::format_to(std::back_inserter(out), "nodev\t{}\n", t);
    return success();
}

Result<void> ostype_text(vfs::String& out) {
    put_line(out, "Linux");
    return success();
}
Result<void> osrelease_text(vfs::String& out) {
    put_line(out, uts(host::UtsField::release));
    return success();
}
Result<void> hostname_text(vfs::String& out) {
    put_line(out, uts(host::UtsField::nodename));
    return success();
}
Result<void> pid_max_text(vfs::String& out) {
    fmt::format_to(std::back_inserter(out), "{}\n", kPidMax);
    return success();
}
// Any user may read the kernel log (dmesg_restrict 0; see sys_syslog.cpp).
Result<void> dmesg_restrict_text(vfs::String& out) {
    put_line(out, "0");
    return success();
}
// A fresh UUID at every open, as Linux's random/uuid.
Result<void> uuid_text(vfs::String& out) {
    put_uuid(out);
    return success();
}
Result<void> boot_id_text(vfs::String& out) {
    LockGuard g(g_boot_id_lock);
    out += g_boot_id;
    return success();
}
// Heuristic overcommit, Linux's default: the kernel's memory is the host's.
Result<void> overcommit_memory_text(vfs::String& out) {
    put_line(out, "0");
    return success();
}
Result<void> somaxconn_text(vfs::String& out) {
    fmt::format_to(std::back_inserter(out), "{}\n", LX_SOMAXCONN);
    return success();
}
// The kernel has no system-wide count of open files: only each process's
// RLIMIT_NOFILE bounds them. Linux shows that as LONG_MAX.
Result<void> file_max_text(vfs::String& out) {
    fmt::format_to(std::back_inserter(out), "{}\n", std::int64_t{0x7fffffffffffffff});
    return success();
}
Result<void> nr_open_text(vfs::String& out) {
    fmt::format_to(std::back_inserter(out), "{}\n", LX_NR_OPEN);
    return success();
}

}  // namespace ukp::procfs
