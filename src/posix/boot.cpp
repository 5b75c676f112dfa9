// Booting the kernel before main and taking the --ukp-* arguments out of
// argv.
//
// ld.so runs shared-library constructors (with argc, argv, envp) before the
// program's own; ours reads the configuration and boots, so libraries that
// open files in their constructors already see the kernel. Removing our
// arguments needs a different argc for main, which only the call to
// __libc_start_main can change: we wrap it.
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string_view>

#include "core/base/log.hpp"
#include "core/kernel/kernel.hpp"
#include "host/posix/libc.hpp"
#include "posix/capture.hpp"
#include "posix/early.hpp"
#include "posix/ret.hpp"
#include "posix/trace.hpp"

namespace ukp::posix {
namespace {

constexpr std::string_view kArgPrefix = "--ukp-";
constexpr std::string_view kEnvPrefix = "UKP_";

void apply(Config& cfg, std::string_view key, std::string_view value, const char* origin) {
    if (!cfg.set(key, value).ok()) {
        fprintf(stderr, "ukp: ignoring invalid setting %s (%.*s=%.*s)\n", origin, static_cast<int>(key.size()),
                key.data(), static_cast<int>(value.size()), value.data());
    }
}

// UKP_ROOT_SIZE=64M -> ("root-size", "64M"); --ukp-root-size=64M likewise.
void read_environment(Config& cfg, char** envp) {
    for (char** e = envp; e && *e; ++e) {
        std::string_view kv(*e);
        if (!kv.starts_with(kEnvPrefix)) continue;
        auto eq = kv.find('=');
        if (eq == std::string_view::npos) continue;
        char key[64];
        std::string_view raw = kv.substr(kEnvPrefix.size(), eq - kEnvPrefix.size());
        if (raw.size() >= sizeof key) continue;
        for (std::size_t i = 0; i < raw.size(); ++i)
            key[i] = raw[i] == '_' ? '-' : static_cast<char>(raw[i] | 0x20);
        std::string_view k(key, raw.size());
        if (k == "trace") continue;  // read by later layers
        apply(cfg, k, kv.substr(eq + 1), *e);
    }
}

// --ukp-trace=VALUE: argv's own string, which outlives the boot.
const char* g_trace_arg = nullptr;

bool is_ukp_arg(const char* a) { return a && std::string_view(a).starts_with(kArgPrefix); }

void read_arguments(Config& cfg, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (!is_ukp_arg(argv[i])) continue;
        std::string_view kv = std::string_view(argv[i]).substr(kArgPrefix.size());
        auto eq = kv.find('=');
        if (eq == std::string_view::npos) {
            fprintf(stderr, "ukp: %s needs a value (--ukp-KEY=VALUE)\n", argv[i]);
            continue;
        }
        // --ukp-trace is the tracer's, not the kernel's (start_tracing).
        if (kv.substr(0, eq) == "trace") g_trace_arg = argv[i] + kArgPrefix.size() + eq + 1;
        else apply(cfg, kv.substr(0, eq), kv.substr(eq + 1), argv[i]);
    }
}

// Shifts our arguments out of argv in place; returns the new argc.
int strip_arguments(int argc, char** argv) {
    int out = 1;
    for (int i = 1; i < argc; ++i)
        if (!is_ukp_arg(argv[i])) argv[out++] = argv[i];
    for (int i = out; i < argc; ++i) argv[i] = nullptr;
    return out;
}

__attribute__((constructor(101))) void boot_before_main(int argc, char** argv, char** envp) {
    Config cfg;
    read_environment(cfg, envp);
    read_arguments(cfg, argc, argv);
    boot(&cfg);
    adopt_early_signal_actions();
    start_tracing(g_trace_arg);
    // Last: from here on this thread's raw system calls are the kernel's.
    start_capture(kernel().config());
    host::capture_leave_kernel();
}

// The host's copy of our command line, NUL-separated, split into `args`.
int read_host_cmdline(char* buf, std::size_t cap, char** args, int max_args) {
    const host::libc::Table& c = host::libc::get();
    int fd = c.open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    std::size_t len = 0;
    for (ssize_t n; len < cap - 1 && (n = c.read(fd, buf + len, cap - 1 - len)) > 0;) len += n;
    c.close(fd);
    buf[len] = '\0';
    int argc = 0;
    for (std::size_t i = 0; i < len && argc < max_args; i += strlen(buf + i) + 1) args[argc++] = buf + i;
    return argc;
}

}  // namespace
}  // namespace ukp::posix

// A call made before our constructor (another library's constructor; under
// LD_PRELOAD ld.so may run libselinux's first) boots the kernel: its
// configuration then comes from the environment and the host's copy of the
// command line.
void ukp::fill_lazy_boot_config(Config& cfg) {
    using namespace ukp::posix;
    read_environment(cfg, environ);
    static char cmdline[16384];
    char* args[256];
    int argc = read_host_cmdline(cmdline, sizeof cmdline, args, 256);
    read_arguments(cfg, argc, args);
}

using MainFn = int (*)(int, char**, char**);
using StartMainFn = int (*)(MainFn, int, char**, void (*)(), void (*)(), void (*)(), void*);

UKP_EXPORT int __libc_start_main(MainFn main, int argc, char** argv, void (*init)(), void (*fini)(),
                                 void (*rtld_fini)(), void* stack_end) {
    static auto real = reinterpret_cast<StartMainFn>(dlsym(RTLD_NEXT, "__libc_start_main"));
    argc = ukp::posix::strip_arguments(argc, argv);
    return real(main, argc, argv, init, fini, rtld_fini, stack_end);
}
