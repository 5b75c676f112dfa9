#include "core/net/socket.hpp"

#include <cstring>

#include "core/base/uaccess.hpp"
#include "host/host.hpp"

namespace ukp::net {

// ---- IovCursor ----

Result<std::size_t> IovCursor::read(void* dst, std::size_t n) {
    auto* out = static_cast<std::uint8_t*>(dst);
    std::size_t got = 0;
    while (got < n && i_ < count_) {
        std::size_t avail = iov_[i_].iov_len - off_;
        if (avail == 0) {
            ++i_;
            off_ = 0;
            continue;
        }
        std::size_t take = avail < n - got ? avail : n - got;
        TRY(copy_from_app(out + got, static_cast<const std::uint8_t*>(iov_[i_].iov_base) + off_, take));
        off_ += take;
        got += take;
    }
    done_ += got;
    return got;
}

Result<std::size_t> IovCursor::write(const void* src, std::size_t n) {
    const auto* in = static_cast<const std::uint8_t*>(src);
    std::size_t put = 0;
    while (put < n && i_ < count_) {
        std::size_t avail = iov_[i_].iov_len - off_;
        if (avail == 0) {
            ++i_;
            off_ = 0;
            continue;
        }
        std::size_t take = avail < n - put ? avail : n - put;
        TRY(copy_to_app(static_cast<std::uint8_t*>(iov_[i_].iov_base) + off_, in + put, take));
        off_ += take;
        put += take;
    }
    done_ += put;
    return put;
}

void IovCursor::skip(std::size_t n) {
    while (n > 0 && i_ < count_) {
        std::size_t avail = iov_[i_].iov_len - off_;
        std::size_t take = avail < n ? avail : n;
        off_ += take;
        n -= take;
        done_ += take;
        if (off_ == iov_[i_].iov_len) {
            ++i_;
            off_ = 0;
        }
    }
}

// ---- control messages ----

bool CmsgWriter::put(int level, int type, const void* data, std::size_t len) {
    if (cap_ < used_ + sizeof(lx_cmsghdr)) {
        truncated_ = true;
        return false;
    }
    std::size_t room = cap_ - used_;
    std::size_t want = lx_cmsg_len(len);
    bool whole = want <= room;
    std::size_t n = whole ? want : room;
    lx_cmsghdr h{n, level, type};
    std::memcpy(buf_ + used_, &h, sizeof h);
    std::memcpy(buf_ + used_ + sizeof h, data, n - sizeof h);
    std::size_t step = lx_cmsg_align(n);
    used_ += step < room ? step : room;
    if (!whole) truncated_ = true;
    return whole;
}

std::size_t CmsgWriter::room_for_data() const {
    if (cap_ < used_ + sizeof(lx_cmsghdr)) return 0;
    return cap_ - used_ - sizeof(lx_cmsghdr);
}

Result<const lx_cmsghdr*> CmsgReader::next() {
    if (off_ + sizeof(lx_cmsghdr) > len_) return static_cast<const lx_cmsghdr*>(nullptr);
    const auto* h = reinterpret_cast<const lx_cmsghdr*>(buf_ + off_);
    if (h->cmsg_len < sizeof(lx_cmsghdr) || h->cmsg_len > len_ - off_) return LX_EINVAL;
    off_ += lx_cmsg_align(h->cmsg_len);
    return h;
}

// ---- Socket ----

Result<std::size_t> Socket::read(void* buf, std::size_t n) {
    lx_iovec iov{buf, n};
    return readv(&iov, 1);
}

Result<std::size_t> Socket::write(const void* buf, std::size_t n) {
    lx_iovec iov{const_cast<void*>(buf), n};
    return writev(&iov, 1);
}

namespace {

// The iovec array is a kernel copy already cut to MAX_RW_COUNT in total.
std::size_t iov_total(const lx_iovec* iov, int count) {
    std::size_t total = 0;
    for (int i = 0; i < count; ++i) total += iov[i].iov_len;
    return total;
}

}  // namespace

Result<std::size_t> Socket::readv(const lx_iovec* iov, int count) {
    RecvMsg m;
    m.iov = iov;
    m.iovcnt = count;
    m.total = iov_total(iov, count);
    return recvmsg(m);
}

Result<std::size_t> Socket::writev(const lx_iovec* iov, int count) {
    SendMsg m;
    m.iov = iov;
    m.iovcnt = count;
    m.total = iov_total(iov, count);
    return sendmsg(m);
}

namespace {

std::int64_t deadline_from(std::int64_t timeo_ns) {
    if (timeo_ns == 0) return -1;
    return host::clock_monotonic() + timeo_ns;
}

Result<int> int_opt(const void* val, std::uint32_t len) {
    if (len < sizeof(int)) return LX_EINVAL;
    int v;
    std::memcpy(&v, val, sizeof v);
    return v;
}

// SO_RCVTIMEO/SO_SNDTIMEO: a timeval; zero means forever, a negative
// second count an immediate timeout (Linux's sock_set_timeout).
Result<std::int64_t> timeo_opt(const void* val, std::uint32_t len) {
    if (len < sizeof(lx_timeval)) return LX_EINVAL;
    lx_timeval tv;
    std::memcpy(&tv, val, sizeof tv);
    if (tv.tv_usec < 0 || tv.tv_usec >= 1000000) return LX_EDOM;
    if (tv.tv_sec < 0) return std::int64_t{1};
    if (tv.tv_sec == 0 && tv.tv_usec == 0) return std::int64_t{0};
    if (tv.tv_sec > 1000000000000ll) return std::int64_t{0};
    return tv.tv_sec * 1000000000ll + tv.tv_usec * 1000ll;
}

std::uint32_t put_opt(void* out, std::uint32_t len, const void* v, std::uint32_t vlen) {
    std::uint32_t n = len < vlen ? len : vlen;
    std::memcpy(out, v, n);
    return n;
}

// Options stored as one bit each.
bool is_bool_opt(int name) {
    switch (name) {
        case LX_SO_DEBUG:
        case LX_SO_REUSEADDR:
        case LX_SO_DONTROUTE:
        case LX_SO_BROADCAST:
        case LX_SO_KEEPALIVE:
        case LX_SO_OOBINLINE:
        case LX_SO_NO_CHECK:
        case LX_SO_REUSEPORT: return true;
        default: return false;
    }
}

}  // namespace

std::int64_t Socket::recv_deadline() const { return deadline_from(rcvtimeo_ns_.load(std::memory_order_relaxed)); }
std::int64_t Socket::send_deadline() const { return deadline_from(sndtimeo_ns_.load(std::memory_order_relaxed)); }

Result<void> Socket::setsockopt(int level, int name, const void* val, std::uint32_t len) {
    if (level != LX_SOL_SOCKET) return LX_EOPNOTSUPP;
    if (is_bool_opt(name)) {
        int v = TRY(int_opt(val, len));
        std::uint32_t bit = 1u << name;
        if (v) bool_opts_.fetch_or(bit, std::memory_order_relaxed);
        else bool_opts_.fetch_and(~bit, std::memory_order_relaxed);
        return success();
    }
    switch (name) {
        case LX_SO_SNDBUF:
        case LX_SO_SNDBUFFORCE: {
            int v = TRY(int_opt(val, len));
            if (name == LX_SO_SNDBUF && v > kMaxBuf) v = kMaxBuf;
            std::int64_t d = std::int64_t{v < 0 ? 0 : v} * 2;
            if (d > 0x7fffffff) d = 0x7fffffff;
            sndbuf_.store(d < 4608 ? 4608 : static_cast<int>(d), std::memory_order_relaxed);
            return success();
        }
        case LX_SO_RCVBUF:
        case LX_SO_RCVBUFFORCE: {
            int v = TRY(int_opt(val, len));
            if (name == LX_SO_RCVBUF && v > kMaxBuf) v = kMaxBuf;
            std::int64_t d = std::int64_t{v < 0 ? 0 : v} * 2;
            if (d > 0x7fffffff) d = 0x7fffffff;
            rcvbuf_.store(d < 2304 ? 2304 : static_cast<int>(d), std::memory_order_relaxed);
            return success();
        }
        case LX_SO_RCVTIMEO_OLD:
        case LX_SO_RCVTIMEO_NEW: rcvtimeo_ns_.store(TRY(timeo_opt(val, len))); return success();
        case LX_SO_SNDTIMEO_OLD:
        case LX_SO_SNDTIMEO_NEW: sndtimeo_ns_.store(TRY(timeo_opt(val, len))); return success();
        case LX_SO_PASSCRED: passcred_.store(TRY(int_opt(val, len)) != 0); return success();
        case LX_SO_RCVLOWAT: {
            int v = TRY(int_opt(val, len));
            rcvlowat_.store(v <= 0 ? 1 : v);
            return success();
        }
        case LX_SO_PRIORITY: priority_.store(TRY(int_opt(val, len))); return success();
        case LX_SO_LINGER: {
            if (len < sizeof(lx_linger)) return LX_EINVAL;
            std::memcpy(&linger_, val, sizeof linger_);
            linger_.l_onoff = linger_.l_onoff != 0;
            if (linger_.l_linger < 0) linger_.l_linger = 0;
            return success();
        }
        case LX_SO_TYPE:
        case LX_SO_PROTOCOL:
        case LX_SO_DOMAIN:
        case LX_SO_ERROR:
        case LX_SO_ACCEPTCONN:
        case LX_SO_PEERCRED: return LX_ENOPROTOOPT;
        default: return LX_ENOPROTOOPT;
    }
}

Result<std::uint32_t> Socket::getsockopt(int level, int name, void* val, std::uint32_t len) {
    if (level != LX_SOL_SOCKET) return LX_EOPNOTSUPP;
    int v;
    if (is_bool_opt(name)) {
        v = (bool_opts_.load(std::memory_order_relaxed) >> name) & 1;
        return put_opt(val, len, &v, sizeof v);
    }
    switch (name) {
        case LX_SO_TYPE: v = type_; break;
        case LX_SO_PROTOCOL: v = protocol_; break;
        case LX_SO_DOMAIN: v = family_; break;
        case LX_SO_ERROR: v = take_error(); break;
        case LX_SO_ACCEPTCONN: v = listening(); break;
        case LX_SO_SNDBUF: v = sndbuf(); break;
        case LX_SO_RCVBUF: v = rcvbuf(); break;
        case LX_SO_PASSCRED: v = passcred(); break;
        case LX_SO_RCVLOWAT: v = rcvlowat_.load(); break;
        case LX_SO_SNDLOWAT: v = 1; break;
        case LX_SO_PRIORITY: v = priority_.load(); break;
        case LX_SO_LINGER: return put_opt(val, len, &linger_, sizeof linger_);
        case LX_SO_RCVTIMEO_OLD:
        case LX_SO_RCVTIMEO_NEW:
        case LX_SO_SNDTIMEO_OLD:
        case LX_SO_SNDTIMEO_NEW: {
            bool rcv = name == LX_SO_RCVTIMEO_OLD || name == LX_SO_RCVTIMEO_NEW;
            std::int64_t ns = (rcv ? rcvtimeo_ns_ : sndtimeo_ns_).load();
            lx_timeval tv{ns / 1000000000ll, (ns % 1000000000ll) / 1000};
            return put_opt(val, len, &tv, sizeof tv);
        }
        default: return LX_ENOPROTOOPT;
    }
    return put_opt(val, len, &v, sizeof v);
}

}  // namespace ukp::net
