// UKP_TRACE=-|FILE: the strace-like trace of kernel calls (core/abi/trace),
// written to the host's stderr or to a host file. Exported names are
// traced by their Entry (posix/ret.hpp), captured calls by the table.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "core/abi/trace.hpp"
#include "host/host.hpp"
#include "host/posix/libc.hpp"
#include "posix/ret.hpp"
#include "posix/trace.hpp"

namespace ukp::posix {

constinit thread_local Entry* t_traced __attribute__((tls_model("initial-exec"))) = nullptr;

void trace_begin(Entry* e) {
    e->t0_ = host::clock_monotonic();
    e->outer_ = t_traced;
    t_traced = e;
}

void trace_end(Entry* e) {
    t_traced = e->outer_;
    abi::trace_symbol(e->name_, e->has_result_, e->result_, host::clock_monotonic() - e->t0_);
}

namespace {

int g_trace_fd = -1;

void to_stderr(const char* line, std::size_t n) { host::log_write(line, n); }
void to_file(const char* line, std::size_t n) { (void)host::libc::get().write(g_trace_fd, line, n); }

}  // namespace

void start_tracing() {
    const char* where = getenv("UKP_TRACE");
    if (!where || !*where) return;
    if (strcmp(where, "-") == 0) {
        abi::trace_start(to_stderr);
        return;
    }
    g_trace_fd = host::libc::get().open(where, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (g_trace_fd < 0) {
        static const char msg[] = "ukp: cannot open the UKP_TRACE file; tracing to stderr\n";
        host::log_write(msg, sizeof msg - 1);
        abi::trace_start(to_stderr);
        return;
    }
    abi::trace_start(to_file);
}

}  // namespace ukp::posix
