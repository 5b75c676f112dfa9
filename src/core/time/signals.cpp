#include "core/time/signals.hpp"

#include <new>

#include "core/mem/arena.hpp"
#include "host/host.hpp"

namespace ukp::time {

event::Notifier& signal_notifier() {
    static event::Notifier* n =
        new (mem::resource()->allocate(sizeof(event::Notifier), alignof(event::Notifier))) event::Notifier();
    return *n;
}

Result<void> send_signal(std::int32_t pid, std::int32_t tid, int sig, const lx_siginfo* info) {
    if (sig < 0 || sig > LX_NSIG) return LX_EINVAL;
    int r = host::signal_send(pid, tid, sig, info);
    if (r < 0) return static_cast<Errno>(-r);
    if (sig != 0) signal_notifier().notify(LX_POLLIN);
    return success();
}

}  // namespace ukp::time
