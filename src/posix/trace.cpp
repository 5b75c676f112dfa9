// UKP_TRACE=-|FILE (or --ukp-trace=-|FILE): the strace-like trace of kernel calls (core/abi/trace),
// written to the host's stderr or to a host file. Exported names are
// traced by their Entry (posix/ret.hpp), captured calls by the table.
#include <stdlib.h>
#include <string.h>

#include "core/abi/trace.hpp"
#include "host/host.hpp"
#include "posix/ret.hpp"
#include "posix/trace.hpp"

namespace ukp::posix {

constinit thread_local Entry* t_traced __attribute__((tls_model("initial-exec"))) = nullptr;

void trace_begin(Entry* e, const char* name, long nr, const abi::Arg* kinds, const std::uint64_t* args, int nargs) {
    e->name_ = name;
    e->nr_ = nr;
    e->nargs_ = nargs;
    for (int i = 0; i < nargs; ++i) {
        e->kinds_[i] = kinds[i];
        e->args_[i] = args[i];
    }
    e->has_result_ = false;
    e->result_ = 0;
    e->outer_ = t_traced;
    t_traced = e;
    e->t0_ = host::clock_monotonic();
}

void trace_arg(Entry* e, abi::Arg kind, std::uint64_t v) {
    if (t_traced != e || e->nargs_ >= Entry::kMaxArgs) return;
    e->kinds_[e->nargs_] = kind;
    e->args_[e->nargs_++] = v;
}

void trace_end(Entry* e) {
    // Tracing may have started while this export ran (a lazy boot): it
    // was never begun, and its fields were never written.
    if (t_traced != e) return;
    std::int64_t ns = host::clock_monotonic() - e->t0_;
    t_traced = e->outer_;
    abi::trace_symbol({e->name_, e->nr_, e->kinds_, e->args_, e->nargs_, e->has_result_, e->result_, ns});
}

namespace {

int g_trace_log = -1;

void to_stderr(const char* line, std::size_t n) { host::log_write(line, n); }
void to_file(const char* line, std::size_t n) { host::log_write_to(g_trace_log, line, n); }

}  // namespace

void start_tracing(const char* where) {
    if (!where) where = getenv("UKP_TRACE");
    if (!where || !*where) return;
    if (strcmp(where, "-") == 0) {
        abi::trace_start(to_stderr);
        return;
    }
    g_trace_log = host::log_open(where);
    if (g_trace_log < 0) {
        static const char msg[] = "ukp: cannot open the trace file; tracing to stderr\n";
        host::log_write(msg, sizeof msg - 1);
        abi::trace_start(to_stderr);
        return;
    }
    abi::trace_start(to_file);
}

}  // namespace ukp::posix
