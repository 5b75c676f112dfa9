// Facts about the machine and the process, and the last-resort outputs.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {

void random_fill(void* buf, std::size_t n) {
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            panic("ukp host: getrandom failed");
        }
        p += r;
        n -= static_cast<std::size_t>(r);
    }
}

int cpu_count() {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
}

std::uint64_t memory_total() {
    long pages = sysconf(_SC_PHYS_PAGES);
    return pages > 0 ? static_cast<std::uint64_t>(pages) * page_size() : 0;
}

namespace {
// Reads a whole /proc/self file of the host into buf (up to cap bytes);
// returns its full length or -errno.
std::ptrdiff_t read_self_file(const char* path, char* buf, std::size_t cap) {
    const auto& c = libc::get();
    int fd = c.open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    // The length is only known by reading to the end; bytes past cap are counted.
    std::ptrdiff_t total = 0;
    char scratch[4096];
    for (;;) {
        char* dst = static_cast<std::size_t>(total) < cap ? buf + total : scratch;
        std::size_t room = static_cast<std::size_t>(total) < cap ? cap - total : sizeof scratch;
        ssize_t r = c.read(fd, dst, room);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        total += r;
    }
    c.close(fd);
    return total;
}
}  // namespace

std::ptrdiff_t self_maps(char* buf, std::size_t cap) { return read_self_file("/proc/self/maps", buf, cap); }
std::ptrdiff_t self_stat(char* buf, std::size_t cap) { return read_self_file("/proc/self/stat", buf, cap); }
std::ptrdiff_t self_statm(char* buf, std::size_t cap) { return read_self_file("/proc/self/statm", buf, cap); }
std::ptrdiff_t self_cmdline(char* buf, std::size_t cap) { return read_self_file("/proc/self/cmdline", buf, cap); }
std::ptrdiff_t self_environ(char* buf, std::size_t cap) { return read_self_file("/proc/self/environ", buf, cap); }
std::ptrdiff_t self_status(char* buf, std::size_t cap) { return read_self_file("/proc/self/status", buf, cap); }
std::ptrdiff_t self_limits(char* buf, std::size_t cap) { return read_self_file("/proc/self/limits", buf, cap); }
// A host without these files (no /proc) gives -ENOENT from the open.
std::ptrdiff_t machine_uptime(char* buf, std::size_t cap) { return read_self_file("/proc/uptime", buf, cap); }
std::ptrdiff_t machine_loadavg(char* buf, std::size_t cap) { return read_self_file("/proc/loadavg", buf, cap); }
std::ptrdiff_t machine_stat(char* buf, std::size_t cap) { return read_self_file("/proc/stat", buf, cap); }
std::ptrdiff_t machine_vmstat(char* buf, std::size_t cap) { return read_self_file("/proc/vmstat", buf, cap); }

void uts_field(UtsField field, char* buf, std::size_t cap) {
    struct utsname u;
    const char* s = "";
    if (::uname(&u) == 0) {
        switch (field) {
            case UtsField::nodename: s = u.nodename; break;
            case UtsField::release: s = u.release; break;
            case UtsField::version: s = u.version; break;
            case UtsField::machine: s = u.machine; break;
        }
    }
    std::size_t n = strnlen(s, cap - 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
}
std::ptrdiff_t self_exe(char* buf, std::size_t cap) {
    ssize_t n = libc::get().readlink("/proc/self/exe", buf, cap);
    return n < 0 ? -errno : n;
}

// libukp exports getuid() and friends itself; the host's answers come from libc.
std::uint32_t user_id() { return libc::get().getuid(); }
std::uint32_t group_id() { return libc::get().getgid(); }
std::int32_t process_id() { return libc::get().getpid(); }
std::int32_t parent_process_id() { return libc::get().getppid(); }

void file_limits(std::uint64_t* soft, std::uint64_t* hard) {
    struct rlimit rl;
    if (libc::get().getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        *soft = 1024;
        *hard = 4096;
        return;
    }
    *soft = rl.rlim_cur;
    *hard = rl.rlim_max;
}

void log_write_to(int log, const char* text, std::size_t n) {
    const auto& c = libc::get();
    while (n > 0) {
        ssize_t r = c.write(log, text, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return;
        text += r;
        n -= static_cast<std::size_t>(r);
    }
}

void log_write(const char* text, std::size_t n) { log_write_to(2, text, n); }

int log_open(const char* host_path) {
    const auto& c = libc::get();
    int fd = c.open(host_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return fd < 0 ? -errno : fd;
}

void panic(const char* msg) {
    // stdio writes with libc's internal write, so it cannot re-enter ukp.
    fprintf(stderr, "ukp: panic: %s\n", msg);
    abort();
}

}  // namespace ukp::host
