// net::Socket: the family-independent socket. Every family (AF_UNIX in
// core/ipc, AF_INET/AF_INET6 over lwIP in core/net) derives from it and
// registers a Family; sys_socket.cpp copies the application's arguments in
// (addresses, iovec arrays, control buffers), finds the Socket behind the
// fd and calls it. Sockets never see an application msghdr: they get a
// SendMsg/RecvMsg whose data buffers are still application memory (copied
// with IovCursor) and whose address and control bytes are kernel copies.
//
// Common state kept here: SO_RCVTIMEO/SO_SNDTIMEO, SO_RCVBUF/SO_SNDBUF,
// SO_ERROR, the boolean options every family accepts. Families answer the
// options they own first and fall back to Socket::setsockopt/getsockopt.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/abi/socket.hpp"
#include "core/vfs/file.hpp"

namespace ukp::net {

// A socket address in kernel memory; len is what the caller passed or what
// the family reports (0 = no address, e.g. an unnamed AF_UNIX sender).
struct SockAddr {
    std::uint32_t len = 0;
    // Only the first `len` bytes mean anything (left uninitialised: every
    // send and recv makes one).
    alignas(8) std::uint8_t bytes[LX_SOCKADDR_STORAGE];
    std::uint16_t family() const {
        return len >= 2 ? static_cast<std::uint16_t>(bytes[0] | (bytes[1] << 8)) : LX_AF_UNSPEC;
    }
};

// Walks an iovec array (kernel copy; the buffers are application memory)
// and copies to or from it.
class IovCursor {
public:
    IovCursor(const lx_iovec* iov, int count) : iov_(iov), count_(count) {}
    // Copies up to n bytes in from the application; returns bytes copied.
    Result<std::size_t> read(void* dst, std::size_t n);
    // Copies up to n bytes out to the application.
    Result<std::size_t> write(const void* src, std::size_t n);
    void skip(std::size_t n);
    std::size_t consumed() const { return done_; }

private:
    const lx_iovec* iov_;
    int count_;
    int i_ = 0;
    std::size_t off_ = 0;   // within iov_[i_]
    std::size_t done_ = 0;
};

// sendmsg(2) after the syscall copied it in.
struct SendMsg {
    const lx_iovec* iov = nullptr;  // kernel copy of the array
    int iovcnt = 0;
    std::size_t total = 0;          // sum of lengths (clamped like Linux)
    const SockAddr* to = nullptr;   // destination, or null
    const std::uint8_t* control = nullptr;  // kernel copy of msg_control
    std::size_t controllen = 0;
    int flags = 0;                  // MSG_*
};

// Builds the control messages recvmsg returns, in kernel memory, with
// Linux's put_cmsg rules: what does not fit is dropped and sets MSG_CTRUNC.
class CmsgWriter {
public:
    CmsgWriter(std::uint8_t* buf, std::size_t cap) : buf_(buf), cap_(cap) {}
    // Appends one message; returns false (and sets truncated) if it did not
    // fit whole. A header with part of the data is written when room allows,
    // as Linux does.
    bool put(int level, int type, const void* data, std::size_t len);
    // Room left for the data of one more message (0 when not even a header fits).
    std::size_t room_for_data() const;
    std::size_t used() const { return used_; }
    bool truncated() const { return truncated_; }
    void set_truncated() { truncated_ = true; }

private:
    std::uint8_t* buf_;
    std::size_t cap_;
    std::size_t used_ = 0;
    bool truncated_ = false;
};

// recvmsg(2): the family fills `from` (when non-null), writes control
// messages through `cmsg` and sets out_flags (MSG_TRUNC, MSG_CTRUNC, MSG_EOR).
struct RecvMsg {
    const lx_iovec* iov = nullptr;
    int iovcnt = 0;
    std::size_t total = 0;
    SockAddr* from = nullptr;
    CmsgWriter* cmsg = nullptr;     // null when the caller gave no control buffer
    int flags = 0;
    int out_flags = 0;
};

// Walks control messages sent by the application (kernel copy), checking
// lengths as Linux's __scm_send does: EINVAL for a malformed header.
class CmsgReader {
public:
    CmsgReader(const std::uint8_t* buf, std::size_t len) : buf_(buf), len_(len) {}
    // The next message, or null at the end; EINVAL when malformed.
    Result<const lx_cmsghdr*> next();
    static const void* data(const lx_cmsghdr* h) { return h + 1; }
    static std::size_t data_len(const lx_cmsghdr* h) { return h->cmsg_len - sizeof(lx_cmsghdr); }

private:
    const std::uint8_t* buf_;
    std::size_t len_;
    std::size_t off_ = 0;
};

class Socket : public vfs::File {
public:
    // Linux's defaults: net.core.wmem_default / rmem_default.
    static constexpr int kDefaultBuf = 212992;
    static constexpr int kMaxBuf = 212992;  // net.core.wmem_max / rmem_max

    Socket(Ref<vfs::Vnode> vnode, int flags, int family, int type, int protocol)
        : vfs::File(std::move(vnode), flags | LX_O_RDWR), family_(family), type_(type), protocol_(protocol) {}

    int family() const { return family_; }
    int type() const { return type_; }
    int protocol() const { return protocol_; }

    // The calls. Defaults are what Linux answers for a family without them.
    virtual Result<void> bind(const SockAddr&) { return LX_EOPNOTSUPP; }
    virtual Result<void> connect(const SockAddr&) { return LX_EOPNOTSUPP; }
    virtual Result<void> listen(int /*backlog*/) { return LX_EOPNOTSUPP; }
    // `flags`: LX_SOCK_NONBLOCK for the new socket (CLOEXEC is the fd's).
    // `peer`, when non-null, receives the peer's address.
    virtual Result<Ref<Socket>> accept(SockAddr* /*peer*/, int /*flags*/) { return LX_EOPNOTSUPP; }
    virtual Result<std::size_t> sendmsg(SendMsg&) = 0;
    virtual Result<std::size_t> recvmsg(RecvMsg&) = 0;
    virtual Result<void> shutdown(int /*how*/) { return LX_EOPNOTSUPP; }
    virtual Result<void> getsockname(SockAddr&) { return LX_EOPNOTSUPP; }
    virtual Result<void> getpeername(SockAddr&) { return LX_ENOTCONN; }
    virtual bool listening() const { return false; }
    // `val` is a kernel copy of optlen bytes.
    virtual Result<void> setsockopt(int level, int name, const void* val, std::uint32_t len);
    // Writes at most `len` bytes to `val` (kernel memory); returns the length.
    virtual Result<std::uint32_t> getsockopt(int level, int name, void* val, std::uint32_t len);

    // read/write/readv/writev are recv/send with no flags: one call, so a
    // vectored write is one datagram and one atomic stream write.
    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void* buf, std::size_t n) override;
    Result<std::size_t> readv(const lx_iovec* iov, int count) override;
    Result<std::size_t> writev(const lx_iovec* iov, int count) override;

    // ---- common state, for families ----
    // Blocking calls: EAGAIN now when non-blocking, else a deadline (-1 = none).
    bool nonblocking(int msg_flags) const { return (msg_flags & LX_MSG_DONTWAIT) || (flags() & LX_O_NONBLOCK); }
    std::int64_t recv_deadline() const;
    std::int64_t send_deadline() const;
    int sndbuf() const { return sndbuf_.load(std::memory_order_relaxed); }
    int rcvbuf() const { return rcvbuf_.load(std::memory_order_relaxed); }
    // SO_ERROR: set by families, read-and-cleared by getsockopt.
    void set_error(int e) { error_.store(e, std::memory_order_relaxed); }
    int take_error() { return error_.exchange(0, std::memory_order_relaxed); }
    // Whether SO_ERROR holds an error (poll's POLLERR), without clearing it.
    bool error_pending() const { return error_.load(std::memory_order_relaxed) != 0; }
    bool passcred() const { return passcred_.load(std::memory_order_relaxed); }

private:
    const int family_, type_, protocol_;
    std::atomic<std::int64_t> rcvtimeo_ns_{0}, sndtimeo_ns_{0};  // 0 = none
    std::atomic<int> sndbuf_{kDefaultBuf}, rcvbuf_{kDefaultBuf};
    std::atomic<int> error_{0};
    std::atomic<bool> passcred_{false};
    std::atomic<std::uint32_t> bool_opts_{0};  // bit per SO_* number
    std::atomic<int> rcvlowat_{1}, priority_{0};
    lx_linger linger_{};
};

// A socket family: what socket(2) and socketpair(2) call for its domain.
struct Family {
    int domain;
    // `type` without SOCK_NONBLOCK/SOCK_CLOEXEC; `flags` the O_NONBLOCK bit.
    Result<Ref<Socket>> (*create)(int type, int protocol, int flags);
    // Null: EOPNOTSUPP, as Linux answers for families without pairs.
    Result<void> (*socketpair)(int type, int protocol, int flags, Ref<Socket> out[2]);
};

// The family for a domain, or null (EAFNOSUPPORT). The table is filled on
// first use from core/net/families.cpp.
const Family* find_family(int domain);

// The vnode behind every socket's File: an anonymous S_IFSOCK inode on
// sockfs. Every Socket is made with one; nothing else lives there.
Ref<vfs::Vnode> socket_vnode();

// The Socket behind a File, or null: a pointer comparison (sockfs holds
// sockets only), not a dynamic_cast, because every send and recv asks.
Socket* as_socket(vfs::File& f);

}  // namespace ukp::net
