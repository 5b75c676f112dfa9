// Socket calls: socket, socketpair, bind, connect, listen, accept, the
// send/recv family, shutdown, names and options. On Linux the structs
// (sockaddr, msghdr, mmsghdr, cmsghdr) and flags are the kernel's own, so
// this layer passes them through; other hosts translate here.
#include <sys/socket.h>
#include <time.h>

#include "core/abi/socket.hpp"
#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

static_assert(sizeof(struct msghdr) == sizeof(ukp::lx_msghdr));
static_assert(sizeof(struct mmsghdr) == sizeof(ukp::lx_mmsghdr));
static_assert(sizeof(struct cmsghdr) == sizeof(ukp::lx_cmsghdr));
static_assert(MSG_NOSIGNAL == ukp::LX_MSG_NOSIGNAL && MSG_CMSG_CLOEXEC == ukp::LX_MSG_CMSG_CLOEXEC);
static_assert(SOCK_NONBLOCK == ukp::LX_SOCK_NONBLOCK && SOCK_CLOEXEC == ukp::LX_SOCK_CLOEXEC);
static_assert(SO_RCVTIMEO == ukp::LX_SO_RCVTIMEO_OLD && SCM_CREDENTIALS == ukp::LX_SCM_CREDENTIALS);

UKP_EXPORT int socket(int domain, int type, int protocol) {
    UKP_ENTRY_ARGS(socket, domain, type, protocol);
    UKP_HOST_PASSTHROUGH(socket, domain, type, protocol);
    return ret<int>(sys::socket(domain, type, protocol));
}
UKP_EXPORT int socketpair(int domain, int type, int protocol, int sv[2]) {
    UKP_ENTRY_ARGS(socketpair, domain, type, protocol, sv);
    return ret(sys::socketpair(domain, type, protocol, sv));
}
UKP_EXPORT int bind(int fd, const struct sockaddr* addr, socklen_t len) {
    UKP_ENTRY_ARGS(bind, fd, addr, len);
    UKP_HOST_PASSTHROUGH(bind, fd, addr, len);
    return ret(sys::bind(fd, addr, len));
}
UKP_EXPORT int connect(int fd, const struct sockaddr* addr, socklen_t len) {
    UKP_ENTRY_ARGS(connect, fd, addr, len);
    UKP_HOST_PASSTHROUGH(connect, fd, addr, len);
    return ret(sys::connect(fd, addr, len));
}
UKP_EXPORT int listen(int fd, int backlog) {
    UKP_ENTRY_ARGS(listen, fd, backlog);
    UKP_HOST_PASSTHROUGH(listen, fd, backlog);
    return ret(sys::listen(fd, backlog));
}
UKP_EXPORT int accept(int fd, struct sockaddr* addr, socklen_t* len) {
    UKP_ENTRY_ARGS(accept, fd, addr, len);
    UKP_HOST_PASSTHROUGH(accept, fd, addr, len);
    return ret<int>(sys::accept4(fd, addr, len, 0));
}
UKP_EXPORT int accept4(int fd, struct sockaddr* addr, socklen_t* len, int flags) {
    UKP_ENTRY_ARGS(accept4, fd, addr, len, flags);
    return ret<int>(sys::accept4(fd, addr, len, flags));
}
UKP_EXPORT ssize_t send(int fd, const void* buf, size_t n, int flags) {
    UKP_ENTRY_ARGS(libc, fd, buf, n, flags);
    UKP_HOST_PASSTHROUGH(send, fd, buf, n, flags);
    return ret<ssize_t>(sys::sendto(fd, buf, n, flags, nullptr, 0));
}
UKP_EXPORT ssize_t recv(int fd, void* buf, size_t n, int flags) {
    UKP_ENTRY_ARGS(libc, fd, buf, n, flags);
    UKP_HOST_PASSTHROUGH(recv, fd, buf, n, flags);
    return ret<ssize_t>(sys::recvfrom(fd, buf, n, flags, nullptr, nullptr));
}
UKP_EXPORT ssize_t __recv_chk(int fd, void* buf, size_t n, size_t, int flags) {
    UKP_ENTRY_ARGS(libc, fd, buf, n, flags);
    return ret<ssize_t>(sys::recvfrom(fd, buf, n, flags, nullptr, nullptr));
}
UKP_EXPORT ssize_t sendto(int fd, const void* buf, size_t n, int flags, const struct sockaddr* addr, socklen_t len) {
    UKP_ENTRY_ARGS(sendto, fd, buf, n, flags, addr, len);
    UKP_HOST_PASSTHROUGH(sendto, fd, buf, n, flags, addr, len);
    return ret<ssize_t>(sys::sendto(fd, buf, n, flags, addr, len));
}
UKP_EXPORT ssize_t recvfrom(int fd, void* buf, size_t n, int flags, struct sockaddr* addr, socklen_t* len) {
    UKP_ENTRY_ARGS(recvfrom, fd, buf, n, flags, addr, len);
    UKP_HOST_PASSTHROUGH(recvfrom, fd, buf, n, flags, addr, len);
    return ret<ssize_t>(sys::recvfrom(fd, buf, n, flags, addr, len));
}
UKP_EXPORT ssize_t __recvfrom_chk(int fd, void* buf, size_t n, size_t, int flags, struct sockaddr* addr,
                                  socklen_t* len) {
    UKP_ENTRY_ARGS(recvfrom, fd, buf, n, flags, addr, len);
    return ret<ssize_t>(sys::recvfrom(fd, buf, n, flags, addr, len));
}
UKP_EXPORT ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
    UKP_ENTRY_ARGS(sendmsg, fd, msg, flags);
    UKP_HOST_PASSTHROUGH(sendmsg, fd, msg, flags);
    return ret<ssize_t>(sys::sendmsg(fd, msg, flags));
}
UKP_EXPORT ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
    UKP_ENTRY_ARGS(recvmsg, fd, msg, flags);
    UKP_HOST_PASSTHROUGH(recvmsg, fd, msg, flags);
    return ret<ssize_t>(sys::recvmsg(fd, msg, flags));
}
UKP_EXPORT int sendmmsg(int fd, struct mmsghdr* vec, unsigned int vlen, int flags) {
    UKP_ENTRY_ARGS(sendmmsg, fd, vec, vlen, flags);
    return ret<int>(sys::sendmmsg(fd, vec, vlen, flags));
}
UKP_EXPORT int recvmmsg(int fd, struct mmsghdr* vec, unsigned int vlen, int flags, struct timespec* timeout) {
    UKP_ENTRY_ARGS(recvmmsg, fd, vec, vlen, flags, timeout);
    return ret<int>(sys::recvmmsg(fd, vec, vlen, flags, timeout));
}
UKP_EXPORT int shutdown(int fd, int how) {
    UKP_ENTRY_ARGS(shutdown, fd, how);
    UKP_HOST_PASSTHROUGH(shutdown, fd, how);
    return ret(sys::shutdown(fd, how));
}
UKP_EXPORT int getsockname(int fd, struct sockaddr* addr, socklen_t* len) {
    UKP_ENTRY_ARGS(getsockname, fd, addr, len);
    UKP_HOST_PASSTHROUGH(getsockname, fd, addr, len);
    return ret(sys::getsockname(fd, addr, len));
}
UKP_EXPORT int getpeername(int fd, struct sockaddr* addr, socklen_t* len) {
    UKP_ENTRY_ARGS(getpeername, fd, addr, len);
    UKP_HOST_PASSTHROUGH(getpeername, fd, addr, len);
    return ret(sys::getpeername(fd, addr, len));
}
UKP_EXPORT int getsockopt(int fd, int level, int name, void* val, socklen_t* len) {
    UKP_ENTRY_ARGS(getsockopt, fd, level, name, val, len);
    UKP_HOST_PASSTHROUGH(getsockopt, fd, level, name, val, len);
    return ret(sys::getsockopt(fd, level, name, val, len));
}
UKP_EXPORT int setsockopt(int fd, int level, int name, const void* val, socklen_t len) {
    UKP_ENTRY_ARGS(setsockopt, fd, level, name, val, len);
    UKP_HOST_PASSTHROUGH(setsockopt, fd, level, name, val, len);
    return ret(sys::setsockopt(fd, level, name, val, len));
}
