// The console: the host process's standard streams as kernel files. Kernel
// fds 0, 1 and 2 are ConsoleFiles over host streams 0, 1 and 2; /dev/tty
// and /dev/console open the same host streams again.
//
// Data goes straight between the host stream and the application's buffer:
// the host call behaves like a host read(2)/write(2), which reports a bad
// pointer as EFAULT instead of faulting.
#include "core/base/uaccess.hpp"
#include "core/fs/devfs/devfs.hpp"
#include "core/fs/devfs/drivers.hpp"
#include "core/vfs/device.hpp"
#include "host/host.hpp"

namespace ukp::devfs {
namespace {

// What TCGETS copies out: the Linux kernel's struct termios (c_iflag,
// c_oflag, c_cflag, c_lflag, c_line, c_cc[19]), not libc's larger one.
constexpr std::size_t kKernelTermiosSize = 36;

class ConsoleFile final : public vfs::File {
public:
    ConsoleFile(Ref<vfs::Vnode> node, int flags, int in_stream, int out_stream)
        : File(std::move(node), flags), in_(in_stream), out_(out_stream) {}

    Result<std::size_t> read(void* buf, std::size_t n) override {
        TRY(check_app_range(buf, n));
        std::ptrdiff_t r = host::console_read(in_, buf, n);
        if (r < 0) return static_cast<Errno>(-r);
        return static_cast<std::size_t>(r);
    }
    Result<std::size_t> write(const void* buf, std::size_t n) override {
        TRY(check_app_range(buf, n));
        std::ptrdiff_t r = host::console_write(out_, buf, n);
        if (r < 0) return static_cast<Errno>(-r);
        return static_cast<std::size_t>(r);
    }
    Result<long> ioctl(unsigned long request, void* arg) override {
        switch (request) {
            case LX_TCGETS: {
                unsigned char t[60] = {};
                if (int r = host::console_terminal(in_, t); r < 0) return static_cast<Errno>(-r);
                TRY(copy_to_app(arg, t, kKernelTermiosSize));
                return 0L;
            }
            // TIOCGWINSZ and TCSETS* would need host calls that do not exist
            // yet: programs see a terminal they cannot size or configure.
            default: return LX_ENOTTY;
        }
    }

private:
    const int in_;
    const int out_;
};

// /dev/tty: the controlling terminal, which is the host's stdin when that
// is a terminal; a process without one gets ENXIO, as on Linux.
Result<Ref<vfs::File>> open_tty(Ref<vfs::Vnode> node, int flags) {
    if (host::console_terminal(0, nullptr) < 0) return LX_ENXIO;
    return Ref<vfs::File>(make_ref<ConsoleFile>(std::move(node), flags, 0, 0));
}

// /dev/console: reads the host's stdin, writes its stdout.
Result<Ref<vfs::File>> open_console(Ref<vfs::Vnode> node, int flags) {
    return Ref<vfs::File>(make_ref<ConsoleFile>(std::move(node), flags, 0, 1));
}

}  // namespace

void register_console_drivers() {
    vfs::register_char_device(kTty, open_tty);
    vfs::register_char_device(kConsole, open_console);
}

Result<Ref<vfs::File>> make_console_file(Ref<vfs::Vnode> node, int stream) {
    // Zero-byte transfers tell whether the host has the stream open and for
    // what (they neither block nor move data), so the fd gets the host's
    // access mode, and a stream the host closed stays a free fd, as on Linux.
    char none = 0;
    const bool can_read = host::console_read(stream, &none, 0) >= 0;
    const bool can_write = host::console_write(stream, &none, 0) >= 0;
    if (!can_read && !can_write) return LX_EBADF;
    int flags = can_read && can_write ? LX_O_RDWR : can_read ? LX_O_RDONLY : LX_O_WRONLY;
    return Ref<vfs::File>(make_ref<ConsoleFile>(std::move(node), flags, stream, stream));
}

}  // namespace ukp::devfs
