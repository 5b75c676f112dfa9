// AF_INET/AF_INET6 sockets of the `host` network kind (UKP_NET=host): each
// is a host socket (host.hpp, "host sockets") behind an ordinary kernel
// file, so it sits in the fd table and in poll/select/epoll with pipes and
// eventfds. The host does the networking; the kernel keeps its own rules
// for blocking: the host socket never blocks, and a call that would block
// waits on the socket's WaitQueue (O_NONBLOCK, MSG_DONTWAIT, SO_RCVTIMEO/
// SO_SNDTIMEO, EINTR and SA_RESTART as for every kernel socket).
//
// Readiness comes from the host's watcher thread (on_event): it bumps
// events_, wakes the queue and raises the Notifier. A waiter reads events_
// before the host call that said EAGAIN and parks until it moves, so an
// event that lands between the two is never lost.
#pragma once

#include <atomic>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/net/socket.hpp"

namespace ukp::net::host {

class HostSocket final : public Socket {
public:
    // socket(2): `type` without SOCK_NONBLOCK/SOCK_CLOEXEC, `flags` O_NONBLOCK.
    static Result<Ref<Socket>> open(int domain, int type, int protocol, int flags);
    // Takes ownership of `handle` (a host socket without a watch yet).
    HostSocket(int handle, int domain, int type, int protocol, int flags);
    ~HostSocket() override;

    Result<void> bind(const SockAddr&) override;
    Result<void> connect(const SockAddr&) override;
    Result<void> listen(int backlog) override;
    Result<Ref<Socket>> accept(SockAddr* peer, int flags) override;
    Result<std::size_t> sendmsg(SendMsg&) override;
    Result<std::size_t> recvmsg(RecvMsg&) override;
    Result<void> shutdown(int how) override;
    Result<void> getsockname(SockAddr&) override;
    Result<void> getpeername(SockAddr&) override;
    bool listening() const override;
    Result<void> setsockopt(int level, int name, const void* val, std::uint32_t len) override;
    Result<std::uint32_t> getsockopt(int level, int name, void* val, std::uint32_t len) override;
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &notifier_; }
    Result<std::int64_t> readable_bytes() override;
    Result<long> ioctl(unsigned long request, void* arg) override;

private:
    static void on_event(void* ctx, std::uint32_t lx_events);
    // Runs op() (a host call: >= 0 or -errno) until it stops saying EAGAIN,
    // waiting for readiness between tries unless `nonblock`.
    template <typename Op>
    Result<long> retry(Op&& op, bool nonblock, std::int64_t deadline);
    // Parks until the watcher reports anything after `seen`. LX_EAGAIN when
    // the deadline passes (SO_RCVTIMEO/SO_SNDTIMEO), LX_EINTR on a signal.
    Result<void> wait_event(std::uint32_t seen, std::int64_t deadline);
    Result<std::size_t> send_stream(SendMsg& m);
    Result<std::size_t> send_datagram(SendMsg& m);
    Result<std::size_t> recv_some(RecvMsg& m, IovCursor& out, std::size_t want, int flags, bool nonblock,
                                  std::int64_t deadline);
    Errno send_error(int err, int msg_flags);

    const int handle_;
    std::atomic<std::uint32_t> events_{0};  // bumped by every watcher report
    Mutex lock_;                            // for wq_ only: the state is the host's
    WaitQueue wq_;
    event::Notifier notifier_;
};

// The families socket(2) uses under UKP_NET=host.
extern const Family host_inet_family;
extern const Family host_inet6_family;

}  // namespace ukp::net::host
