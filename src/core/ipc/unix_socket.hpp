// AF_UNIX sockets: SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET, with Linux's
// semantics (af_unix.c): bound paths in the kernel's file system, abstract
// names, autobind, backlog, shutdown, SCM_RIGHTS / SCM_CREDENTIALS.
//
// Objects and references:
// - UnixSocket is the open file (a net::Socket). It owns one UnixEndpoint
//   and releases it when the file's last reference goes.
// - UnixEndpoint is the socket's state. Connected endpoints refer to each
//   other (peer); the cycle is broken by release(). A listening endpoint
//   holds the server ends of pending connections (accept_q) before any file
//   exists for them. A bound endpoint is also held by its socket node's
//   Vnode::endpoint slot or by the abstract-name table until release().
// - Queued data (Seg) may carry files in flight (SCM_RIGHTS): they hold
//   references and are dropped with the segment, never under a socket lock
//   (dropping a file may release another socket).
//
// Locks: each endpoint has one lock (state, receive queue, accept queue).
// A sender takes the *receiver's* lock to queue data (one lock on the fast
// path); at most one endpoint lock is held at a time, except release() and
// shutdown(), which take them one after the other, never nested.
// Lock order: endpoint lock -> its Notifier lock, FdTable lock is never taken
// under an endpoint lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory_resource>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/notifier.hpp"
#include "core/net/socket.hpp"

namespace ukp::ipc {

// A name an endpoint is bound to; immutable once made.
class UnixName : public RefCounted {
public:
    net::SockAddr addr;      // what getsockname reports, with Linux's length
    Ref<vfs::Vnode> node;    // the socket node of a path name
    bool abstract() const { return addr.len > 2 && addr.bytes[2] == 0; }
};

// Files in flight and explicit credentials attached to one segment.
struct UnixAnc : ArenaObject {
    std::pmr::vector<Ref<vfs::File>> files{mem::resource()};
    bool counted = false;  // its AF_UNIX files count as in flight (unix_gc.cpp)
    bool has_cred = false;
    lx_ucred cred{};
};

// One run of stream bytes, or one datagram / seqpacket record.
struct Seg {
    Seg* next = nullptr;
    std::uint32_t cap = 0;
    std::uint32_t head = 0;       // first unread byte
    std::uint32_t tail = 0;       // end of data
    std::uint32_t charge = 0;     // what it counts against the queue limit
    UnixAnc* anc = nullptr;
    Ref<UnixName> from;           // datagrams: the sender's name
    std::uint8_t* data() { return reinterpret_cast<std::uint8_t*>(this + 1); }
    std::uint32_t len() const { return tail - head; }
};

Seg* seg_alloc(std::uint32_t cap);
// Frees a chain of segments (and drops their files in flight). Call
// without any endpoint lock held.
void seg_free_chain(Seg* s);

class UnixEndpoint : public RefCounted {
public:
    enum class State : std::uint8_t { Unconnected, Connecting, Listening, Connected };
    static constexpr std::uint8_t kRcvShutdown = 1, kSendShutdown = 2;

    explicit UnixEndpoint(int type) : type(type) {}
    ~UnixEndpoint() override;

    // The file is gone, or (`embryo`) a connection nobody accepted was
    // dropped: wakes everyone, tells the peer, forgets the binding and the queues.
    void release(bool embryo = false);

    const int type;
    Mutex lock;
    // ---- under lock ----
    State state = State::Unconnected;
    bool closed = false;
    int err = 0;                       // pending error (ECONNRESET), read by recv / SO_ERROR
    Ref<UnixName> name;
    Ref<UnixEndpoint> peer;            // stream/seqpacket: the other end; dgram: connect()ed destination
    // Stream/seqpacket: `peer` once connected, for the send fast path
    // without this endpoint's lock. Set before the connection is visible
    // to anyone else; never cleared while the file lives.
    std::atomic<UnixEndpoint*> conn_peer{nullptr};
    lx_ucred cred{0, ~0u, ~0u};        // this end's credentials, reported to its peer (SO_PEERCRED)
    bool paired = false;               // made by socketpair (a datagram pair has peer credentials)
    Seg* rx_head = nullptr;
    Seg* rx_tail = nullptr;
    std::uint32_t rx_count = 0;
    Seg* spare = nullptr;              // one recycled stream segment
    std::deque<Ref<UnixEndpoint>, mem::Allocator<Ref<UnixEndpoint>>> accept_q{mem::resource()};
    int backlog = 0;
    // Datagram senders connect()ed here that found no room, in poll or a
    // non-blocking send (Linux's peer_wait): each is told POLLOUT once, at
    // the next dequeue or at release. Broken cycle: taken out then.
    std::pmr::vector<Ref<UnixEndpoint>> peer_wait{mem::resource()};
    // ---- readable without the lock ----
    std::atomic<std::uint8_t> shutdown{0};
    std::atomic<std::uint64_t> rx_bytes{0};   // unread data bytes
    std::atomic<std::uint64_t> rx_charge{0};  // counted against the sender's SO_SNDBUF

    WaitQueue readers;   // data, a connection, EOF or an error arrived
    WaitQueue writers;   // room in this endpoint's queue (or accept backlog)
    event::Notifier notifier;

    // Queue helpers (lock held).
    void push(Seg* s);
    Seg* pop();
    // A datagram from `sender` must wait for the queue length (lock held):
    // Linux limits a receiver not connected back to the sender.
    bool dgram_qlen_full(const UnixEndpoint& sender) const {
        return peer.get() != &sender && rx_count > kMaxDgramQlen;
    }
    // Remembers `sender` in peer_wait (lock held).
    void add_peer_wait(UnixEndpoint& sender);
    // Takes peer_wait (lock held); tell them with notify_writable() after unlocking.
    std::pmr::vector<Ref<UnixEndpoint>> take_peer_wait();
    static void notify_writable(std::pmr::vector<Ref<UnixEndpoint>>& senders);

    // net.unix.max_dgram_qlen: how many datagrams wait at a socket that is
    // not connected back to their sender.
    static constexpr std::uint32_t kMaxDgramQlen = 10;
};

class UnixSocket final : public net::Socket {
public:
    UnixSocket(Ref<UnixEndpoint> ep, int flags);
    ~UnixSocket() override;

    UnixEndpoint& ep() { return *ep_; }

    Result<void> bind(const net::SockAddr& a) override;
    Result<void> connect(const net::SockAddr& a) override;
    Result<void> listen(int backlog) override;
    Result<Ref<net::Socket>> accept(net::SockAddr* peer, int flags) override;
    Result<std::size_t> sendmsg(net::SendMsg& m) override;
    Result<std::size_t> recvmsg(net::RecvMsg& m) override;
    Result<void> shutdown(int how) override;
    Result<void> getsockname(net::SockAddr& out) override;
    Result<void> getpeername(net::SockAddr& out) override;
    bool listening() const override;
    Result<void> setsockopt(int level, int name, const void* val, std::uint32_t len) override;
    Result<std::uint32_t> getsockopt(int level, int name, void* val, std::uint32_t len) override;

    Result<long> ioctl(unsigned long request, void* arg) override;
    Result<std::int64_t> readable_bytes() override;
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &ep_->notifier; }

    // Autobind: an abstract name of five hex digits (lock not held).
    Result<void> autobind();

    // References held by queued messages (SCM_RIGHTS), for the collector.
    std::atomic<std::uint32_t> inflight{0};

private:
    Result<std::size_t> stream_send(net::SendMsg& m, UnixAnc* anc);
    Result<std::size_t> stream_recv(net::RecvMsg& m);
    Result<std::size_t> dgram_send(net::SendMsg& m, UnixAnc* anc);
    Result<std::size_t> dgram_recv(net::RecvMsg& m);

    Ref<UnixEndpoint> ep_;
};

// ---- names (unix_names.cpp) ----
// Checks an AF_UNIX address as Linux's unix_validate_addr does.
Result<void> validate_addr(const net::SockAddr& a);
// The endpoint bound at an address: ECONNREFUSED if none listens there,
// ENOENT/EACCES/... from the path walk; connect needs write permission.
Result<Ref<UnixEndpoint>> resolve(const net::SockAddr& a, int type);
// Binds `ep` (lock not held) to a path, an abstract name, or (len == 2) an
// autobind name.
Result<void> bind_name(UnixEndpoint& ep, const net::SockAddr& a);
// Forgets the name of a released endpoint.
void unbind_name(UnixEndpoint& ep, UnixName& name);

// ---- ancillary data (unix_queue.cpp) ----
// Parses SCM_RIGHTS / SCM_CREDENTIALS of a sendmsg; null when there are none.
Result<UnixAnc*> parse_control(const net::SendMsg& m);
void anc_free(UnixAnc* a);
// Delivers what recvmsg returns as control messages: credentials (when the
// receiver asked with SO_PASSCRED) then files (installed as new fds; those
// that do not fit are dropped and set MSG_CTRUNC). `peek` keeps the files queued.
Result<void> deliver_control(net::RecvMsg& m, UnixAnc* anc, bool passcred, bool peek);
// The calling process's credentials as SO_PEERCRED reports them.
lx_ucred current_cred();

// Waits on `wq` with `lock` held until ready(): EAGAIN at once when
// non-blocking, EAGAIN when the socket's timeout passes (as Linux reports
// SO_RCVTIMEO/SO_SNDTIMEO expiry), other errors (EINTR) as they come.
template <typename Lock, typename Ready>
Result<void> block(WaitQueue& wq, Lock& lock, Ready&& ready, bool nonblock, std::int64_t deadline) {
    if (ready()) return success();
    if (nonblock) return LX_EAGAIN;
    Result<void> r = wq.wait(lock, ready, deadline);
    if (!r.ok() && r.error() == LX_ETIMEDOUT) return LX_EAGAIN;
    return r;
}

// Stream segments come in this size unless a write is larger.
inline constexpr std::uint32_t kSegCap = 4096 - 64;
// What a segment costs beyond its data (Linux's sk_buff overhead).
inline constexpr std::uint32_t kSegOverhead = 512;

// ---- files in flight (unix_gc.cpp) ----
// A socket's fd sent over a socket that nobody can read any more (itself,
// or a cycle of such sockets) would keep both alive forever. As Linux's
// unix_gc, the collector finds sockets referenced only from queues that
// are themselves unreachable and purges those queues.
void gc_count(UnixAnc& anc);            // the anc's sockets are queued now
void gc_uncount(UnixAnc& anc);          // ... and no longer (before its files drop)
void gc_forget(UnixSocket* s);          // a socket file is being destroyed
void gc_run();                          // no endpoint lock held

// socket(2) / socketpair(2) for AF_UNIX.
extern const net::Family unix_family;

}  // namespace ukp::ipc
