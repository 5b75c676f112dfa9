// A deterministic fuzzer for the kernel's file-system and socket calls. It calls
// ukp::sys::* directly with arguments drawn by a seeded PRNG: random calls,
// stale and bogus fds, odd paths, bad pointers, random flags and sizes. The
// kernel must never crash, hang or assert; every error must be a valid errno.
// A sanity phase afterwards checks the kernel still works and that memory
// comes back once everything the fuzzer made is closed and removed.
//
// Socket calls (net_op): AF_INET/AF_INET6/AF_UNIX sockets, pipes and epoll
// with bad lengths, families, flags, fds and pointers. Nothing may block:
// sockets are made SOCK_NONBLOCK (and re-made non-blocking before each
// socket call, since fcntl may clear it) with 1 ms SO_RCVTIMEO/SO_SNDTIMEO
// for the plain read/write calls; a pipe lives for one op (it has no
// timeout); poll/epoll wait 0 ms.
//
// Usage: syscall_fuzz [seed] [max-iterations] [-v] [--dump-at=N]
//   -v prints every call to stderr before making it, to replay a failure;
//   (debugging the socket calls: FUZZ_NETOP=none skips them, FUZZ_NETOP=N
//   favours kind N of net_op, FUZZ_NETDEBUG=1 counts lwIP's pcbs at the end;)
//   --dump-at=N stops before iteration N and lists the open fds (what each
//   names, its type and size), to shrink a failure by hand.
#include <chrono>
#include <csignal>
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/kernel/kernel.hpp"
#include "core/mem/arena.hpp"
#include "core/abi/socket.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/lwip/stack.hpp"
#include "core/sys/sys.hpp"

extern "C" {
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
}

using namespace ukp;

namespace {

constexpr std::size_t kBufSize = 65536;
// Linux's errno values end at EHWPOISON (133).
constexpr int kMaxErrno = 133;

class Fuzzer {
public:
    Fuzzer(std::uint64_t seed, bool verbose) : rng_(seed), verbose_(verbose), buf_(kBufSize), iov_(1100) {
        for (std::size_t i = 0; i < buf_.size(); ++i) buf_[i] = static_cast<char>('a' + i % 26);
        build_paths();
    }

    void run_one(std::uint64_t iter);
    std::uint64_t failures() const { return failures_; }
    std::uint64_t ok_count() const { return ok_; }
    std::uint64_t err_count() const { return err_; }
    const std::set<int>& all_fds() const { return all_fds_; }

private:
    // ---- argument pools ----
    std::uint64_t u64() { return rng_(); }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(rng_() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }

    void build_paths();
    int fd();
    int dirfd() { return chance(40) ? LX_AT_FDCWD : fd(); }
    const char* path();
    const char* name_of(const char* p) const;
    int oflags();
    int at_flags();
    sys::mode_t mode();
    std::size_t size();
    std::int64_t offset();
    // A buffer of `want` bytes: the real one (length capped to its size) or
    // a bad pointer with the length as drawn.
    void* buffer(std::size_t& len);
    void* out_ptr();  // for fixed-size out structs: real, null or bad
    const lx_iovec* iovec(int& cnt);
    // ---- sockets ----
    void net_op();
    int net_fd();       // mostly a socket or epoll fd the net ops made
    int nonblocking_fd();
    const void* sockaddr_arg(std::uint32_t& len);
    void* out_addr(std::uint32_t*& len);
    int msg_flags() { return (chance(80) ? static_cast<int>(below(4) == 0 ? LX_MSG_PEEK : 0) | (chance(20) ? LX_MSG_TRUNC : 0) | (chance(10) ? LX_MSG_WAITALL : 0) : static_cast<int>(u64())) | LX_MSG_DONTWAIT | LX_MSG_NOSIGNAL; }
    void remember_net(int fd);
    void drop_net_fds();  // EMFILE: closes some of the fds the net ops made
    void connected_pair();
    std::int64_t* off_ptr();
    void remember(int fd);

    // ---- checks ----
    void trace(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    template <typename T>
    bool check(const char* call, const Result<T>& r);
    void fail(const char* what);

    std::mt19937_64 rng_;
    bool verbose_;
    std::vector<char> buf_;
    std::vector<lx_iovec> iov_;
    std::int64_t offs_[2] = {0, 0};
    lx_timespec times_[2] = {};
    lx_rlimit rlim_ = {};
    std::vector<std::string> paths_;
    std::vector<int> recent_;  // ring of recently returned fds
    std::vector<int> net_;     // sockets and epoll fds the net ops made
    std::vector<std::uint16_t> ports_;  // ports sockets got bound to
    alignas(8) std::uint8_t addr_[160] = {};
    std::uint32_t addr_len_ = 0;
    std::set<int> all_fds_;    // every fd ever returned, for the cleanup
    std::uint64_t iter_ = 0;
    std::uint64_t failures_ = 0, ok_ = 0, err_ = 0;
    char line_[512];
};

void Fuzzer::build_paths() {
    std::string c255(255, 'n'), c256(256, 'm');
    for (std::string base : {"/tmp/fuzz", "/fuzz"}) {
        for (const char* s : {"", "/a", "/b", "/d", "/d/e", "/d/e/f", "/a/", "/d/", "/l1", "/l2", "/self",
                              "/d/../a", "/a/.", "/missing/x", "/d/e/../../b", "/a/b/../c", "/d/e/f/"})
            paths_.push_back(base + s);
        paths_.push_back(base + "/" + c255);
        paths_.push_back(base + "/" + c256);
        paths_.push_back(base + "/d/" + c255 + "/");
    }
    for (const char* s : {"a", "b", "d", "d/e", "a/", "d/", "l1", "l2", "self", "a/b/../c", "d/../a", "", ".",
                          "..", "/", "//", "/.", "/..", "//tmp//fuzz//a", "/tmp", "/dev", "/proc", "/dev/null",
                          "/dev/full", "/proc/self/fd/3", "/proc/mounts", "/proc/self", "/proc/self/fd",
                          "/proc/self/cwd", "/tmp/fuzz/l1/x", "l1/", "self/x"})
        paths_.push_back(s);
    paths_.push_back(c255);
    paths_.push_back(c256);
    // 5000 bytes: longer than PATH_MAX.
    std::string longp = "/tmp/fuzz";
    while (longp.size() < 5000) longp += "/d";
    paths_.push_back(longp.substr(0, 5000));
    // 4095 bytes: the longest that fits with its NUL.
    std::string fit = "/tmp/fuzz/";
    while (fit.size() < 4093) fit += "./";
    fit += "a";
    fit.resize(4095, '/');
    paths_.push_back(fit);
}

int Fuzzer::fd() {
    switch (below(8)) {
    case 0: return -1;
    case 1: return static_cast<int>(below(3));
    case 2: return chance(50) ? 1000 : INT_MAX;
    case 3: return static_cast<int>(below(16));
    default:
        if (recent_.empty()) return static_cast<int>(below(8));
        return recent_[below(static_cast<std::uint32_t>(recent_.size()))];
    }
}

const char* Fuzzer::path() {
    if (chance(5)) {
        static const char* const bad[] = {nullptr, reinterpret_cast<const char*>(1),
                                          reinterpret_cast<const char*>(4096)};
        return bad[below(3)];
    }
    return paths_[below(static_cast<std::uint32_t>(paths_.size()))].c_str();
}

const char* Fuzzer::name_of(const char* p) const {
    static char out[80];
    if (reinterpret_cast<std::uintptr_t>(p) <= 4096) {
        std::snprintf(out, sizeof out, "BAD(%p)", static_cast<const void*>(p));
    } else if (std::strlen(p) > 40) {
        std::snprintf(out, sizeof out, "\"%.20s...\"(len %zu)", p, std::strlen(p));
    } else {
        std::snprintf(out, sizeof out, "\"%s\"", p);
    }
    return out;
}

int Fuzzer::oflags() {
    if (chance(15)) return static_cast<int>(u64()) | LX_O_NONBLOCK;
    static const int extra[] = {LX_O_CREAT,  LX_O_EXCL,  LX_O_TRUNC,    LX_O_APPEND,  LX_O_DIRECTORY,
                                LX_O_NOFOLLOW, LX_O_PATH, LX_O_CLOEXEC, LX_O_NONBLOCK, LX_O_TMPFILE,
                                LX_O_NOATIME, LX_O_SYNC, LX_O_DSYNC};
    int f = static_cast<int>(below(chance(5) ? 4 : 3));
    int n = static_cast<int>(below(4));
    for (int i = 0; i < n; ++i) f |= extra[below(sizeof extra / sizeof extra[0])];
    if (chance(40)) f |= LX_O_CREAT;
    // The fuzzer makes FIFOs (mknod); opening one without a peer, or reading
    // it, would wait forever in a single thread. Non-blocking opens and I/O
    // still reach every error path.
    return f | LX_O_NONBLOCK;
}

int Fuzzer::at_flags() {
    switch (below(6)) {
    case 0: return static_cast<int>(u64());
    case 1: return LX_AT_SYMLINK_NOFOLLOW;
    case 2: return LX_AT_EMPTY_PATH;
    case 3: return LX_AT_SYMLINK_FOLLOW;
    case 4: return LX_AT_EMPTY_PATH | LX_AT_SYMLINK_NOFOLLOW;
    default: return 0;
    }
}

sys::mode_t Fuzzer::mode() {
    static const sys::mode_t good[] = {0644, 0755, 0, 0777, 01777, 04755, 0600, 0700};
    if (chance(50)) return good[below(8)];
    return static_cast<sys::mode_t>(u64());
}

std::size_t Fuzzer::size() {
    static const std::size_t sizes[] = {0, 1, 4095, 4096, 65536, std::size_t{1} << 31, SIZE_MAX};
    if (chance(10)) return below(200);
    return sizes[below(7)];
}

std::int64_t Fuzzer::offset() {
    static const std::int64_t offs[] = {-1, 0, 4096, std::int64_t{1} << 40, INT64_MAX};
    if (chance(10)) return below(100000);
    return offs[below(5)];
}

void* Fuzzer::buffer(std::size_t& len) {
    switch (below(8)) {
    case 0: return nullptr;
    case 1: return reinterpret_cast<void*>(1);
    case 2: return reinterpret_cast<void*>(4096);
    default:
        if (len > kBufSize) len = kBufSize;
        return buf_.data();
    }
}

void* Fuzzer::out_ptr() {
    switch (below(10)) {
    case 0: return nullptr;
    case 1: return reinterpret_cast<void*>(1);
    case 2: return reinterpret_cast<void*>(4096);
    default: return buf_.data();
    }
}

const lx_iovec* Fuzzer::iovec(int& cnt) {
    static const int counts[] = {0, 1, 2, 3, 16, 1024, 1025, -1};
    cnt = chance(10) ? static_cast<int>(u64()) : counts[below(8)];
    int fill = cnt < 0 ? 0 : (cnt > 1100 ? 1100 : cnt);
    for (int i = 0; i < fill; ++i) {
        std::size_t len = size();
        iov_[i].iov_base = buffer(len);
        iov_[i].iov_len = len;
    }
    switch (below(12)) {
    case 0: return nullptr;
    case 1: return reinterpret_cast<const lx_iovec*>(1);
    case 2: return reinterpret_cast<const lx_iovec*>(4096);
    default: return iov_.data();
    }
}

std::int64_t* Fuzzer::off_ptr() {
    switch (below(6)) {
    case 0: return reinterpret_cast<std::int64_t*>(1);
    case 1:
    case 2: return nullptr;
    default: {
        std::int64_t* p = &offs_[below(2)];
        *p = offset();
        return p;
    }
    }
}

void Fuzzer::remember(int f) {
    all_fds_.insert(f);
    if (recent_.size() < 16) {
        recent_.push_back(f);
    } else {
        recent_[below(16)] = f;
    }
}

void Fuzzer::trace(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(line_, sizeof line_, fmt, ap);
    va_end(ap);
    if (verbose_) {
        std::fprintf(stderr, "[%llu] %s\n", static_cast<unsigned long long>(iter_), line_);
        std::fflush(stderr);
    }
}

void Fuzzer::fail(const char* what) {
    ++failures_;
    std::fprintf(stderr, "FAIL at iteration %llu: %s: %s\n", static_cast<unsigned long long>(iter_), line_, what);
}

template <typename T>
bool Fuzzer::check(const char* call, const Result<T>& r) {
    (void)call;
    if (r.ok()) {
        ++ok_;
        return true;
    }
    ++err_;
    int e = static_cast<int>(r.error());
    if (e < 1 || e > kMaxErrno) {
        char msg[64];
        std::snprintf(msg, sizeof msg, "invalid errno %d", e);
        fail(msg);
    }
    if (verbose_) std::fprintf(stderr, "    -> errno %d\n", e);
    return false;
}

// ---- socket calls ----

namespace {

constexpr int kEpollCtlAdd = 1, kEpollCtlDel = 2, kEpollCtlMod = 3;
struct __attribute__((packed)) FuzzEpollEvent {
    std::uint32_t events;
    std::uint64_t data;
};
struct FuzzPollFd {
    int fd;
    std::int16_t events, revents;
};

}  // namespace

void Fuzzer::remember_net(int f) {
    remember(f);
    if (net_.size() < 24) net_.push_back(f);
    else net_[below(24)] = f;
}

int Fuzzer::net_fd() {
    if (!net_.empty() && chance(80)) return net_[below(static_cast<std::uint32_t>(net_.size()))];
    return fd();
}

// A net fd made non-blocking again, so the call cannot wait.
int Fuzzer::nonblocking_fd() {
    int f = net_fd();
    auto fl = sys::fcntl(f, LX_F_GETFL, 0);
    if (fl && !(*fl & LX_O_NONBLOCK)) (void)sys::fcntl(f, LX_F_SETFL, static_cast<unsigned long>(*fl | LX_O_NONBLOCK));
    return f;
}

// A socket address in addr_: a family, an address and a port drawn from
// pools, and a length that is right, short, long or absurd; or a bad pointer.
const void* Fuzzer::sockaddr_arg(std::uint32_t& len) {
    switch (below(12)) {
    case 0: len = 16; return nullptr;
    case 1: len = 16; return reinterpret_cast<const void*>(1);
    case 2: len = 28; return reinterpret_cast<const void*>(4096);
    default: break;
    }
    std::memset(addr_, 0, sizeof addr_);
    static const int families[] = {LX_AF_INET, LX_AF_INET6, LX_AF_UNIX, LX_AF_UNSPEC};
    int fam = chance(90) ? families[below(4)] : static_cast<int>(below(64));
    std::uint16_t port = 0;
    if (!ports_.empty() && chance(60)) port = ports_[below(static_cast<std::uint32_t>(ports_.size()))];
    else if (chance(30)) port = static_cast<std::uint16_t>(u64());
    std::uint16_t port_be = static_cast<std::uint16_t>((port >> 8) | (port << 8));
    std::uint32_t right = 2;
    if (fam == LX_AF_INET) {
        lx_sockaddr_in a{};
        a.sin_family = LX_AF_INET;
        a.sin_port = port_be;
        static const std::uint32_t ips[] = {0x0100007f, 0, 0x0200007f, 0x0100000a, 0xffffffff};
        a.sin_addr = chance(90) ? ips[below(5)] : static_cast<std::uint32_t>(u64());
        std::memcpy(addr_, &a, sizeof a);
        right = sizeof a;
    } else if (fam == LX_AF_INET6) {
        lx_sockaddr_in6 a{};
        a.sin6_family = LX_AF_INET6;
        a.sin6_port = port_be;
        switch (below(5)) {
        case 0: a.sin6_addr[15] = 1; break;  // ::1
        case 1: break;                        // ::
        case 2: a.sin6_addr[10] = a.sin6_addr[11] = 0xff; a.sin6_addr[12] = 127; a.sin6_addr[15] = 1; break;
        case 3: a.sin6_addr[0] = 0xfe; a.sin6_addr[1] = 0x80; a.sin6_addr[15] = 1; break;
        default: for (auto& b : a.sin6_addr) b = static_cast<std::uint8_t>(u64());
        }
        if (chance(20)) a.sin6_scope_id = static_cast<std::uint32_t>(below(3));
        if (chance(20)) a.sin6_flowinfo = static_cast<std::uint32_t>(u64());
        std::memcpy(addr_, &a, sizeof a);
        right = sizeof a;
    } else if (fam == LX_AF_UNIX) {
        lx_sockaddr_un a{};
        a.sun_family = LX_AF_UNIX;
        static const char* const names[] = {"/tmp/fuzz/s0", "/tmp/fuzz/s1", "/fuzz/d/s2", "/tmp/fuzz/missing/s"};
        const char* n = names[below(4)];
        std::size_t nl = std::strlen(n);
        if (chance(30)) {  // abstract
            a.sun_path[0] = 0;
            a.sun_path[1] = static_cast<char>('a' + below(3));
            nl = 2;
        } else {
            std::memcpy(a.sun_path, n, nl + 1);
            ++nl;
        }
        std::memcpy(addr_, &a, sizeof a);
        right = static_cast<std::uint32_t>(2 + nl);
    } else {
        std::uint16_t f16 = static_cast<std::uint16_t>(fam);
        std::memcpy(addr_, &f16, 2);
        right = 16;
    }
    static const std::uint32_t odd[] = {0, 1, 2, 15, 23, 24, 27, 110, 128, 129, 160, 0x7fffffff, 0xffffffff};
    len = chance(70) ? right : odd[below(13)];
    // Longer than the buffer only with a bad length the kernel must refuse
    // before reading (> 128): never read past addr_ otherwise.
    if (len > sizeof addr_ && len <= 0x10000) len = sizeof addr_;
    return addr_;
}

void* Fuzzer::out_addr(std::uint32_t*& len) {
    static const std::uint32_t lens[] = {0, 1, 4, 16, 28, 110, 128, 0xffffffff};
    addr_len_ = chance(70) ? 128 : lens[below(8)];
    len = chance(10) ? (chance(50) ? nullptr : reinterpret_cast<std::uint32_t*>(1)) : &addr_len_;
    if (chance(10)) return chance(50) ? nullptr : reinterpret_cast<void*>(4096);
    return addr_;
}

void Fuzzer::drop_net_fds() {
    for (int k = 0; k < 8 && !net_.empty(); ++k) {
        std::size_t i = below(static_cast<std::uint32_t>(net_.size()));
        (void)sys::close(net_[i]);
        net_.erase(net_.begin() + static_cast<long>(i));
    }
}

// Valid state for the random calls to work on: a listener (TCP or UDP,
// IPv4, IPv6 or dual-stack) with a connected client and, for TCP, the
// accepted server side, some data in flight both ways.
void Fuzzer::connected_pair() {
    int dom = chance(50) ? LX_AF_INET : LX_AF_INET6;
    bool tcp = chance(70);
    int type = (tcp ? LX_SOCK_STREAM : LX_SOCK_DGRAM) | LX_SOCK_NONBLOCK;
    trace("connected pair: %s over %s", tcp ? "TCP" : "UDP", dom == LX_AF_INET ? "IPv4" : "IPv6");
    auto l = sys::socket(dom, type, 0);
    if (!l) {
        if (l.error() == LX_EMFILE) drop_net_fds();
        (void)check("socket", l);
        return;
    }
    std::uint8_t a[28] = {};
    std::uint32_t alen;
    if (dom == LX_AF_INET) {
        lx_sockaddr_in in{LX_AF_INET, 0, 0x0100007f, {}};
        std::memcpy(a, &in, sizeof in);
        alen = sizeof in;
    } else {
        lx_sockaddr_in6 in6{};
        in6.sin6_family = LX_AF_INET6;
        if (chance(50)) in6.sin6_addr[15] = 1;  // ::1, else :: (dual-stack)
        std::memcpy(a, &in6, sizeof in6);
        alen = sizeof in6;
    }
    remember_net(*l);
    if (!check("bind", sys::bind(*l, a, alen))) return;
    if (tcp && !check("listen", sys::listen(*l, static_cast<int>(below(8))))) return;
    std::uint32_t got = sizeof a;
    if (!check("getsockname", sys::getsockname(*l, a, &got))) return;
    if (dom == LX_AF_INET6 && a[8 + 15] == 0 && a[8] == 0) a[8 + 15] = 1;  // connect to ::1
    std::uint16_t pbe;
    std::memcpy(&pbe, a + 2, 2);
    if (ports_.size() < 32) ports_.push_back(static_cast<std::uint16_t>((pbe >> 8) | (pbe << 8)));
    auto c = sys::socket(dom, type, 0);
    if (!check("socket", c)) return;
    remember_net(*c);
    auto r = sys::connect(*c, a, got);
    if (!r && r.error() != LX_EINPROGRESS) (void)check("connect", r);
    int s = *l;
    if (tcp) {
        auto acc = sys::accept4(*l, nullptr, nullptr, LX_SOCK_NONBLOCK);
        if (!check("accept4", acc)) return;
        remember_net(*acc);
        s = *acc;
    }
    lx_timeval tv{0, 1000};
    for (int f : {*l, *c, s}) {
        (void)sys::setsockopt(f, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &tv, sizeof tv);
        (void)sys::setsockopt(f, LX_SOL_SOCKET, LX_SO_SNDTIMEO_OLD, &tv, sizeof tv);
    }
    std::size_t n = below(20000);
    (void)check("send", sys::sendto(*c, buf_.data(), n, LX_MSG_DONTWAIT | LX_MSG_NOSIGNAL, nullptr, 0));
    if (tcp) (void)check("send", sys::sendto(s, buf_.data(), below(20000), LX_MSG_DONTWAIT | LX_MSG_NOSIGNAL, nullptr, 0));
}

void Fuzzer::net_op() {
    static const char* only = std::getenv("FUZZ_NETOP");  // debugging: one kind of call
    if (only && std::strcmp(only, "none") == 0) return;
    if (chance(15)) {
        if (!only || std::atoi(only) < 0) connected_pair();
        return;
    }
    unsigned pick = below(22);
    if (only) {
        if (std::atoi(only) < 0) return;
        pick = static_cast<unsigned>(std::atoi(only)) == pick % 23 ? pick : (chance(50) ? 0u : static_cast<unsigned>(std::atoi(only)));
    }
    switch (pick) {
    case 0: case 1: case 2: {
        static const int domains[] = {LX_AF_INET, LX_AF_INET6, LX_AF_UNIX};
        int dom = chance(92) ? domains[below(3)] : static_cast<int>(below(50));
        static const int types[] = {LX_SOCK_STREAM, LX_SOCK_DGRAM, LX_SOCK_SEQPACKET, 3 /* RAW */};
        int type = chance(90) ? types[below(3 + chance(10))] : static_cast<int>(u64() & 0xfff);
        type |= LX_SOCK_NONBLOCK | (chance(30) ? LX_SOCK_CLOEXEC : 0);
        static const int protos[] = {LX_IPPROTO_TCP, LX_IPPROTO_UDP, 1, 255};
        int proto = chance(80) ? 0 : chance(80) ? protos[below(4)] : static_cast<int>(u64());
        trace("socket(%d, %#x, %d)", dom, type, proto);
        auto r = sys::socket(dom, type, proto);
        if (!r && r.error() == LX_EMFILE) drop_net_fds();
        if (!check("socket", r)) break;
        if (*r < 0) fail("negative fd");
        // Timeouts bound the plain read/write calls if O_NONBLOCK is cleared.
        lx_timeval tv{0, 1000};
        (void)sys::setsockopt(*r, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &tv, sizeof tv);
        (void)sys::setsockopt(*r, LX_SOL_SOCKET, LX_SO_SNDTIMEO_OLD, &tv, sizeof tv);
        remember_net(*r);
        break;
    }
    case 3: {
        int type = (chance(90) ? static_cast<int>(1 + below(5)) : static_cast<int>(u64() & 0xfff)) | LX_SOCK_NONBLOCK;
        int dom = chance(85) ? LX_AF_UNIX : (chance(50) ? LX_AF_INET : static_cast<int>(below(50)));
        int sv[2] = {-1, -1};
        // Never the real scratch buffer: fds made there would escape the
        // timeouts set below.
        int* out = chance(90) ? sv : chance(50) ? nullptr : reinterpret_cast<int*>(4096);
        trace("socketpair(%d, %#x, 0, %p)", dom, type, static_cast<void*>(out));
        if (check("socketpair", sys::socketpair(dom, type, 0, out)) && out == sv) {
            lx_timeval tv{0, 1000};
            for (int f : sv) {
                (void)sys::setsockopt(f, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &tv, sizeof tv);
                (void)sys::setsockopt(f, LX_SOL_SOCKET, LX_SO_SNDTIMEO_OLD, &tv, sizeof tv);
                remember_net(f);
            }
        }
        break;
    }
    case 4: {
        // A pipe lives for this one op: a pipe has no timeout to bound a
        // wait, and a later fcntl could make it blocking. Non-blocking
        // writes and reads of random sizes, FIONREAD, poll and epoll on it,
        // then both ends closed (one first, for POLLHUP/EPOLLERR).
        int p[2] = {-1, -1};
        int pf = chance(90) ? LX_O_NONBLOCK | (chance(30) ? LX_O_DIRECT : 0) : static_cast<int>(u64()) | LX_O_NONBLOCK;
        trace("pipe2(%#x) + I/O, poll, epoll", pf);
        if (!check("pipe2", sys::pipe2(p, pf))) break;
        for (int k = 0; k < 4; ++k) {
            std::size_t n = chance(10) ? 70000 : size();
            void* b = buffer(n);
            auto w = sys::write(p[1], b, n);
            if (check("pipe write", w) && *w > n) fail("more bytes than asked");
            n = size();
            b = buffer(n);
            auto r = sys::read(p[0], b, n);
            if (check("pipe read", r) && *r > n) fail("more bytes than asked");
        }
        int avail = 0;
        (void)check("FIONREAD", sys::ioctl(p[0], 0x541B, &avail));
        auto ep = sys::epoll_create1(0);
        if (check("epoll_create1", ep)) {
            FuzzEpollEvent ev{static_cast<std::uint32_t>(u64()) & 0x2fff, 0};
            (void)check("epoll_ctl", sys::epoll_ctl(*ep, kEpollCtlAdd, p[0], &ev));
            (void)check("epoll_ctl", sys::epoll_ctl(*ep, kEpollCtlAdd, p[1], &ev));
            (void)check("epoll_ctl", sys::epoll_ctl(*ep, kEpollCtlMod, p[1], &ev));
            if (chance(50)) (void)check("close", sys::close(p[below(2)] ));
            FuzzEpollEvent out[4];
            auto r = sys::epoll_wait(*ep, out, 4, 0);
            if (check("epoll_wait", r) && *r > 4) fail("more events than asked");
            (void)check("epoll_ctl", sys::epoll_ctl(*ep, kEpollCtlDel, p[0], nullptr));
            (void)sys::close(*ep);
        }
        FuzzPollFd pf2[2] = {{p[0], 0x3f, 0}, {p[1], 0x3f, 0}};
        (void)check("poll", sys::poll(pf2, 2, 0));
        (void)sys::close(p[0]);
        (void)sys::close(p[1]);
        break;
    }
    case 5: {
        int fl = chance(90) ? (chance(50) ? LX_O_CLOEXEC : 0) : static_cast<int>(u64());
        trace("epoll_create1(%#x)", fl);
        auto r = sys::epoll_create1(fl);
        if (check("epoll_create1", r)) remember_net(*r);
        break;
    }
    case 6: {
        int f = nonblocking_fd();
        std::uint32_t len;
        const void* a = sockaddr_arg(len);
        trace("bind(%d, %p, %u)", f, a, len);
        if (check("bind", sys::bind(f, a, len))) {
            std::uint32_t l = sizeof addr_;
            if (sys::getsockname(f, addr_, &l) && l >= 4) {
                std::uint16_t pbe;
                std::memcpy(&pbe, addr_ + 2, 2);
                std::uint16_t port = static_cast<std::uint16_t>((pbe >> 8) | (pbe << 8));
                if (port && ports_.size() < 32) ports_.push_back(port);
            }
        }
        break;
    }
    case 7: {
        int f = nonblocking_fd();
        std::uint32_t len;
        const void* a = sockaddr_arg(len);
        trace("connect(%d, %p, %u)", f, a, len);
        (void)check("connect", sys::connect(f, a, len));
        break;
    }
    case 8: {
        int f = nonblocking_fd();
        static const int backlogs[] = {0, 1, 5, 128, -1, INT_MAX};
        int b = backlogs[below(6)];
        trace("listen(%d, %d)", f, b);
        if (check("listen", sys::listen(f, b))) {
            std::uint32_t l = sizeof addr_;
            if (sys::getsockname(f, addr_, &l) && l >= 4) {
                std::uint16_t pbe;
                std::memcpy(&pbe, addr_ + 2, 2);
                std::uint16_t port = static_cast<std::uint16_t>((pbe >> 8) | (pbe << 8));
                if (port && ports_.size() < 32) ports_.push_back(port);
            }
        }
        break;
    }
    case 9: {
        int f = nonblocking_fd();
        std::uint32_t* lp;
        void* a = out_addr(lp);
        int fl = chance(80) ? static_cast<int>(below(2) ? LX_SOCK_NONBLOCK : LX_SOCK_CLOEXEC | LX_SOCK_NONBLOCK)
                            : static_cast<int>(u64());
        trace("accept4(%d, %p, %p, %#x)", f, a, static_cast<void*>(lp), fl);
        auto r = sys::accept4(f, a, lp, fl);
        if (check("accept4", r)) {
            if (lp == &addr_len_ && a == addr_ && addr_len_ > 128 + 1) fail("accept4 address length grew");
            lx_timeval tv{0, 1000};
            (void)sys::setsockopt(*r, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &tv, sizeof tv);
            (void)sys::setsockopt(*r, LX_SOL_SOCKET, LX_SO_SNDTIMEO_OLD, &tv, sizeof tv);
            (void)sys::fcntl(*r, LX_F_SETFL, LX_O_NONBLOCK | LX_O_RDWR);
            remember_net(*r);
        }
        break;
    }
    case 10: case 11: {
        int f = nonblocking_fd();
        std::size_t n = chance(5) ? 70000 : size();
        void* b = buffer(n);
        std::uint32_t len = 0;
        const void* a = chance(40) ? sockaddr_arg(len) : nullptr;
        int fl = msg_flags() & ~LX_MSG_PEEK;
        trace("sendto(%d, %p, %zu, %#x, %p, %u)", f, b, n, fl, a, len);
        auto r = sys::sendto(f, b, n, fl, a, len);
        if (check("sendto", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 12: case 13: {
        int f = nonblocking_fd();
        std::size_t n = size();
        void* b = buffer(n);
        std::uint32_t* lp = nullptr;
        void* a = chance(50) ? out_addr(lp) : nullptr;
        int fl = msg_flags();
        trace("recvfrom(%d, %p, %zu, %#x, %p, %p)", f, b, n, fl, a, static_cast<void*>(lp));
        auto r = sys::recvfrom(f, b, n, fl, a, lp);
        if (check("recvfrom", r) && *r > n && !(fl & LX_MSG_TRUNC)) fail("more bytes than asked");
        if (r && lp == &addr_len_ && addr_len_ > 0x10000 && addr_len_ != 0xffffffff) fail("odd address length");
        break;
    }
    case 14: case 15: {
        int f = nonblocking_fd();
        int cnt = 0;
        const lx_iovec* iov = iovec(cnt);
        lx_msghdr m{};
        m.msg_iov = const_cast<lx_iovec*>(iov);
        m.msg_iovlen = static_cast<std::size_t>(cnt < 0 ? 0 : cnt);
        if (chance(10)) m.msg_iovlen = static_cast<std::size_t>(u64());
        std::uint32_t len = 0;
        if (chance(30)) {
            m.msg_name = const_cast<void*>(sockaddr_arg(len));
            m.msg_namelen = len;
        }
        if (chance(20)) {  // control bytes: random, or a header with an odd length
            m.msg_control = buf_.data() + 1024;
            m.msg_controllen = below(80);
            std::uint64_t cl = chance(50) ? below(100) : u64();
            std::memcpy(buf_.data() + 1024, &cl, 8);
            int lvl = chance(70) ? LX_SOL_SOCKET : static_cast<int>(u64()), typ = static_cast<int>(below(4));
            std::memcpy(buf_.data() + 1032, &lvl, 4);
            std::memcpy(buf_.data() + 1036, &typ, 4);
        }
        bool send = below(2) == 0;
        int fl = msg_flags();
        void* mp = chance(90) ? static_cast<void*>(&m) : out_ptr();
        trace("%s(%d, %p{iovlen %zu name %u ctl %zu}, %#x)", send ? "sendmsg" : "recvmsg", f, mp, m.msg_iovlen,
              m.msg_namelen, m.msg_controllen, fl);
        // A receive writes its address back into addr_ (the name buffer):
        // give it the whole buffer.
        if (!send && m.msg_name == addr_) m.msg_namelen = 128;
        auto r = send ? sys::sendmsg(f, mp, fl & ~LX_MSG_PEEK) : sys::recvmsg(f, mp, fl);
        // A received SCM_RIGHTS fd is a new fd: remember it for the cleanup.
        if (check(send ? "sendmsg" : "recvmsg", r) && !send && mp == &m && m.msg_control)
            for (int f2 = 0; f2 < 256; ++f2) all_fds_.insert(f2);
        break;
    }
    case 16: {
        int f = nonblocking_fd();
        unsigned vlen = chance(80) ? below(5) : static_cast<unsigned>(u64());
        lx_mmsghdr v[4] = {};
        lx_iovec iov[4];
        for (int i = 0; i < 4; ++i) {
            iov[i] = {buf_.data() + 2048 * i, below(3000)};
            v[i].msg_hdr.msg_iov = &iov[i];
            v[i].msg_hdr.msg_iovlen = 1;
        }
        void* vp = chance(90) ? static_cast<void*>(v) : out_ptr();
        // Never past v[] (the kernel clamps vlen to 1024, not to our 4);
        // a huge vlen goes with a bad pointer only.
        if (vlen > 4 && (vp == v || vp == buf_.data())) vlen = 4;
        bool send = below(2) == 0;
        int fl = msg_flags();
        trace("%s(%d, %p, %u, %#x)", send ? "sendmmsg" : "recvmmsg", f, vp, vlen, fl);
        auto r = send ? sys::sendmmsg(f, vp, vlen, fl & ~LX_MSG_PEEK) : sys::recvmmsg(f, vp, vlen, fl, nullptr);
        if (check("mmsg", r) && static_cast<unsigned>(*r) > vlen) fail("more messages than asked");
        break;
    }
    case 17: {
        int f = net_fd();
        int how = chance(90) ? static_cast<int>(below(3)) : static_cast<int>(u64());
        trace("shutdown(%d, %d)", f, how);
        (void)check("shutdown", sys::shutdown(f, how));
        break;
    }
    case 18: {
        int f = net_fd();
        std::uint32_t* lp;
        void* a = out_addr(lp);
        bool peer = below(2) == 0;
        trace("%s(%d, %p, %p)", peer ? "getpeername" : "getsockname", f, a, static_cast<void*>(lp));
        (void)check("getname", peer ? sys::getpeername(f, a, lp) : sys::getsockname(f, a, lp));
        break;
    }
    case 19: {
        int f = net_fd();
        static const int levels[] = {LX_SOL_SOCKET, LX_IPPROTO_IP, LX_IPPROTO_IPV6, LX_IPPROTO_TCP, LX_IPPROTO_UDP};
        int level = chance(90) ? levels[below(5)] : static_cast<int>(u64());
        int name = chance(90) ? static_cast<int>(below(70)) : static_cast<int>(u64());
        if (level == LX_SOL_SOCKET && (name == LX_SO_RCVTIMEO_OLD || name == LX_SO_SNDTIMEO_OLD || name == 66 ||
                                       name == 67))
            name = LX_SO_KEEPALIVE;  // keep the 1 ms timeouts
        static const std::uint32_t lens[] = {0, 1, 2, 4, 8, 16, 100, 0xffffffff};
        std::uint32_t len = lens[below(8)];
        void* v = chance(85) ? static_cast<void*>(buf_.data() + 4096) : out_ptr();
        if (chance(50)) {
            int iv = chance(50) ? static_cast<int>(below(3)) : static_cast<int>(u64());
            std::memcpy(buf_.data() + 4096, &iv, 4);
        } else {
            std::uint64_t w = u64();
            std::memcpy(buf_.data() + 4096, &w, 8);
        }
        if (below(2)) {
            if (len > 4096) len = 4096;
            trace("setsockopt(%d, %d, %d, %p, %u)", f, level, name, v, len);
            (void)check("setsockopt", sys::setsockopt(f, level, name, v, len));
        } else {
            std::uint32_t l = len > 4096 ? 4096 : len;
            std::uint32_t* lp = chance(90) ? &l : reinterpret_cast<std::uint32_t*>(chance(50) ? 0 : 1);
            trace("getsockopt(%d, %d, %d, %p, %p=%u)", f, level, name, v, static_cast<void*>(lp), l);
            auto r = sys::getsockopt(f, level, name, v, lp);
            if (check("getsockopt", r) && lp == &l && l > (len > 4096 ? 4096 : len) && len != 0xffffffff)
                fail("getsockopt wrote more than asked");
        }
        break;
    }
    case 20: {
        int f = net_fd();
        static const unsigned long reqs[] = {0x541B /* FIONREAD */, 0x5421 /* FIONBIO */, 0x5411 /* SIOCOUTQ */,
                                             0x8912, 0x8915, 0x8913, 0x891b, 0x8921, 0x8933, 0x8910};
        unsigned long req = chance(90) ? reqs[below(10)] : u64() & 0xffff;
        void* a = chance(80) ? static_cast<void*>(buf_.data() + 8192) : out_ptr();
        if (a == buf_.data() + 8192) {
            for (int i = 0; i < 40; ++i) buf_[8192 + i] = static_cast<char>(chance(50) ? 0 : 'a' + below(26));
            if (chance(50)) std::memcpy(buf_.data() + 8192, "lo\0", 3);
            if (req == 0x8912) {  // struct ifconf {int len; char* buf}
                // Its own storage: a real pointer must never sit in buf_,
                // whose bytes other calls take as addresses.
                static std::uint8_t ifc[16], ifc_out[200];
                int l = chance(50) ? static_cast<int>(below(200)) : static_cast<int>(u64());
                if (l > 200) l = chance(50) ? 200 : l;
                std::uint8_t* p = chance(70) ? ifc_out : (chance(50) ? nullptr : reinterpret_cast<std::uint8_t*>(4096));
                if (l > 200 && p == ifc_out) l = 200;
                std::memcpy(ifc, &l, 4);
                std::memcpy(ifc + 8, &p, 8);
                a = ifc;
            }
            if (req == 0x5421) {  // FIONBIO: only ever on (see F_SETFL)
                int on = 1;
                std::memcpy(buf_.data() + 8192, &on, 4);
            }
        }
        trace("ioctl(%d, %#lx, %p)", f, req, a);
        (void)check("ioctl", sys::ioctl(f, req, a));
        break;
    }
    default: {
        int f = net_fd();
        if (chance(50)) {
            int ep = net_fd();
            int op = chance(90) ? static_cast<int>(1 + below(3)) : static_cast<int>(u64());
            FuzzEpollEvent ev{static_cast<std::uint32_t>(chance(80) ? below(0x2020) : u64()), 0};
            const void* evp = chance(90) ? static_cast<const void*>(&ev) : out_ptr();
            trace("epoll_ctl(%d, %d, %d, %p{%#x})", ep, op, f, evp, ev.events);
            (void)check("epoll_ctl", sys::epoll_ctl(ep, op, f, evp));
            FuzzEpollEvent out[8];
            int max = chance(90) ? 8 : static_cast<int>(u64());
            if (max > 8) max = 8;
            trace("epoll_wait(%d, %d, 0)", ep, max);
            auto r = sys::epoll_wait(ep, out, max, 0);
            if (check("epoll_wait", r) && *r > max) fail("more events than asked");
        } else {
            FuzzPollFd p[3];
            for (auto& x : p) x = {chance(80) ? net_fd() : fd(), static_cast<std::int16_t>(below(0x2000)), 0};
            std::uint64_t n = chance(90) ? below(4) : u64();
            if (n > 3) n = chance(50) ? 3 : n;
            void* pp = chance(90) ? static_cast<void*>(p) : out_ptr();
            if (n > 3 && pp == p) n = 3;
            trace("poll(%p, %llu, 0)", pp, static_cast<unsigned long long>(n));
            (void)check("poll", sys::poll(pp, n, 0));
        }
        break;
    }
    }
}

void Fuzzer::run_one(std::uint64_t iter) {
    iter_ = iter;
    // openat and the name calls come more often: they build the tree and
    // the fds the rest work on.
    unsigned op = below(56);
    switch (op) {
    case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55:
        net_op();
        break;
    case 0: case 1: case 2: case 3: case 40: case 41: {
        int d = dirfd();
        const char* p = path();
        int fl = oflags();
        sys::mode_t m = mode();
        trace("openat(%d, %s, %#x, %#o)", d, name_of(p), fl, m);
        auto r = sys::openat(d, p, fl, m);
        if (check("openat", r)) {
            if (*r < 0) fail("negative fd");
            remember(*r);
        }
        break;
    }
    case 4: {
        int f = fd();
        trace("close(%d)", f);
        (void)check("close", sys::close(f));
        break;
    }
    case 5: case 6: {
        int f = fd();
        std::size_t n = size();
        void* b = buffer(n);
        bool is_read = op == 5;
        trace("%s(%d, %p, %zu)", is_read ? "read" : "write", f, b, n);
        auto r = is_read ? sys::read(f, b, n) : sys::write(f, b, n);
        if (check("rw", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 7: case 8: {
        int f = fd();
        std::size_t n = size();
        void* b = buffer(n);
        std::int64_t off = offset();
        bool is_read = op == 7;
        trace("%s(%d, %p, %zu, %lld)", is_read ? "pread64" : "pwrite64", f, b, n, static_cast<long long>(off));
        auto r = is_read ? sys::pread64(f, b, n, off) : sys::pwrite64(f, b, n, off);
        if (check("prw", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 9: case 10: {
        int f = fd();
        int cnt = 0;
        const lx_iovec* iov = iovec(cnt);
        bool is_read = op == 9;
        int kind = static_cast<int>(below(3));
        if (kind == 0) {
            trace("%s(%d, %p, %d)", is_read ? "readv" : "writev", f, static_cast<const void*>(iov), cnt);
            (void)check("rwv", is_read ? sys::readv(f, iov, cnt) : sys::writev(f, iov, cnt));
        } else {
            std::int64_t off = kind == 1 ? -1 : offset();
            int fl = chance(70) ? 0 : static_cast<int>(u64());
            trace("%s(%d, %p, %d, %lld, %#x)", is_read ? "preadv2" : "pwritev2", f, static_cast<const void*>(iov),
                  cnt, static_cast<long long>(off), fl);
            (void)check("prwv2", is_read ? sys::preadv2(f, iov, cnt, off, fl) : sys::pwritev2(f, iov, cnt, off, fl));
        }
        break;
    }
    case 11: {
        int f = fd();
        std::int64_t off = offset();
        int wh = chance(85) ? static_cast<int>(below(5)) : static_cast<int>(u64());
        trace("lseek(%d, %lld, %d)", f, static_cast<long long>(off), wh);
        auto r = sys::lseek(f, off, wh);
        if (check("lseek", r) && *r < 0) fail("negative offset");
        break;
    }
    case 12: {
        int f = fd();
        void* o = out_ptr();
        if (chance(50)) {
            trace("fstat(%d, %p)", f, o);
            (void)check("fstat", sys::fstat(f, static_cast<lx_stat*>(o)));
        } else {
            trace("fstatfs(%d, %p)", f, o);
            (void)check("fstatfs", sys::fstatfs(f, static_cast<lx_statfs*>(o)));
        }
        break;
    }
    case 13: {
        int d = dirfd();
        const char* p = path();
        void* o = out_ptr();
        int fl = at_flags();
        trace("newfstatat(%d, %s, %p, %#x)", d, name_of(p), o, fl);
        (void)check("newfstatat", sys::newfstatat(d, p, static_cast<lx_stat*>(o), fl));
        break;
    }
    case 14: {
        int d = dirfd();
        const char* p = path();
        void* o = out_ptr();
        int fl = at_flags();
        unsigned mask = chance(50) ? LX_STATX_BASIC_STATS : static_cast<unsigned>(u64());
        trace("statx(%d, %s, %#x, %#x, %p)", d, name_of(p), fl, mask, o);
        (void)check("statx", sys::statx(d, p, fl, mask, static_cast<lx_statx*>(o)));
        break;
    }
    case 15: {
        const char* p = path();
        void* o = out_ptr();
        trace("statfs(%s, %p)", name_of(p), o);
        (void)check("statfs", sys::statfs(p, static_cast<lx_statfs*>(o)));
        break;
    }
    case 16: case 42: case 43: {
        int d = dirfd();
        const char* p = path();
        sys::mode_t m = mode();
        trace("mkdirat(%d, %s, %#o)", d, name_of(p), m);
        (void)check("mkdirat", sys::mkdirat(d, p, m));
        break;
    }
    case 17: {
        int d = dirfd();
        const char* p = path();
        int fl = chance(15) ? static_cast<int>(u64()) : (chance(50) ? LX_AT_REMOVEDIR : 0);
        trace("unlinkat(%d, %s, %#x)", d, name_of(p), fl);
        (void)check("unlinkat", sys::unlinkat(d, p, fl));
        break;
    }
    case 18: {
        int d1 = dirfd(), d2 = dirfd();
        const char* p1 = path();
        const char* p2 = path();
        static const unsigned good[] = {0, LX_RENAME_NOREPLACE, LX_RENAME_EXCHANGE, LX_RENAME_WHITEOUT,
                                        LX_RENAME_NOREPLACE | LX_RENAME_EXCHANGE};
        unsigned fl = chance(20) ? static_cast<unsigned>(u64()) : good[below(5)];
        std::string n1 = name_of(p1);
        trace("renameat2(%d, %s, %d, %s, %#x)", d1, n1.c_str(), d2, name_of(p2), fl);
        (void)check("renameat2", sys::renameat2(d1, p1, d2, p2, fl));
        break;
    }
    case 19: {
        int d1 = dirfd(), d2 = dirfd();
        const char* p1 = path();
        const char* p2 = path();
        int fl = at_flags();
        std::string n1 = name_of(p1);
        trace("linkat(%d, %s, %d, %s, %#x)", d1, n1.c_str(), d2, name_of(p2), fl);
        (void)check("linkat", sys::linkat(d1, p1, d2, p2, fl));
        break;
    }
    case 20: case 44: {
        int d = dirfd();
        const char* target;
        const char* link;
        // Loops: l1 -> l2 -> l1 and self -> self, in both scratch trees.
        static const char* const loops[][2] = {{"l2", "/tmp/fuzz/l1"}, {"l1", "/tmp/fuzz/l2"},
                                               {"self", "/tmp/fuzz/self"}, {"/fuzz/l2", "/fuzz/l1"},
                                               {"/fuzz/l1", "/fuzz/l2"}, {"self", "/fuzz/self"}};
        if (chance(40)) {
            auto& l = loops[below(6)];
            target = l[0];
            link = l[1];
        } else {
            target = path();
            link = path();
        }
        std::string nt = name_of(target);
        trace("symlinkat(%s, %d, %s)", nt.c_str(), d, name_of(link));
        (void)check("symlinkat", sys::symlinkat(target, d, link));
        break;
    }
    case 21: {
        int d = dirfd();
        const char* p = path();
        std::size_t n = size();
        void* b = buffer(n);
        trace("readlinkat(%d, %s, %p, %zu)", d, name_of(p), b, n);
        auto r = sys::readlinkat(d, p, static_cast<char*>(b), n);
        if (check("readlinkat", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 22: {
        int d = dirfd();
        const char* p = path();
        int m = chance(70) ? static_cast<int>(below(8)) : static_cast<int>(u64());
        int fl = chance(30) ? LX_AT_EACCESS : at_flags();
        trace("faccessat2(%d, %s, %#x, %#x)", d, name_of(p), m, fl);
        (void)check("faccessat2", sys::faccessat2(d, p, m, fl));
        break;
    }
    case 23: {
        sys::mode_t m = mode();
        if (chance(30)) {
            int f = fd();
            trace("fchmod(%d, %#o)", f, m);
            (void)check("fchmod", sys::fchmod(f, m));
        } else {
            int d = dirfd();
            const char* p = path();
            int fl = at_flags();
            trace("fchmodat(%d, %s, %#o, %#x)", d, name_of(p), m, fl);
            (void)check("fchmodat", sys::fchmodat(d, p, m, fl));
        }
        break;
    }
    case 24: {
        static const std::uint32_t ids[] = {0, 1000, UINT32_MAX, 65534};
        std::uint32_t u = ids[below(4)], g = ids[below(4)];
        if (chance(30)) {
            int f = fd();
            trace("fchown(%d, %u, %u)", f, u, g);
            (void)check("fchown", sys::fchown(f, u, g));
        } else {
            int d = dirfd();
            const char* p = path();
            int fl = at_flags();
            trace("fchownat(%d, %s, %u, %u, %#x)", d, name_of(p), u, g, fl);
            (void)check("fchownat", sys::fchownat(d, p, u, g, fl));
        }
        break;
    }
    case 25: {
        int d = dirfd();
        const char* p = chance(20) ? nullptr : path();
        static const std::int64_t nsecs[] = {0, 999999999, 1000000000, -1, LX_UTIME_NOW, LX_UTIME_OMIT};
        const lx_timespec* t;
        switch (below(5)) {
        case 0: t = nullptr; break;
        case 1: t = reinterpret_cast<const lx_timespec*>(1); break;
        default:
            for (auto& ts : times_) {
                ts.tv_sec = chance(50) ? static_cast<std::int64_t>(u64()) : 1000;
                ts.tv_nsec = nsecs[below(6)];
            }
            t = times_;
        }
        int fl = at_flags();
        trace("utimensat(%d, %s, %p, %#x)", d, name_of(p), static_cast<const void*>(t), fl);
        (void)check("utimensat", sys::utimensat(d, p, t, fl));
        break;
    }
    case 26: {
        std::int64_t len = offset();
        if (chance(50)) {
            const char* p = path();
            trace("truncate(%s, %lld)", name_of(p), static_cast<long long>(len));
            (void)check("truncate", sys::truncate(p, len));
        } else {
            int f = fd();
            trace("ftruncate(%d, %lld)", f, static_cast<long long>(len));
            (void)check("ftruncate", sys::ftruncate(f, len));
        }
        break;
    }
    case 27: {
        int f = fd();
        trace("dup(%d)", f);
        auto r = sys::dup(f);
        if (check("dup", r)) remember(*r);
        break;
    }
    case 28: {
        int f = fd(), nf = fd();
        int kind = static_cast<int>(below(3));
        if (kind == 0) {
            trace("dup2(%d, %d)", f, nf);
            auto r = sys::dup2(f, nf);
            if (check("dup2", r)) remember(*r);
        } else {
            int fl = chance(70) ? (chance(50) ? LX_O_CLOEXEC : 0) : static_cast<int>(u64());
            trace("dup3(%d, %d, %#x)", f, nf, fl);
            auto r = sys::dup3(f, nf, fl);
            if (check("dup3", r)) remember(*r);
        }
        break;
    }
    case 29: {
        int f = fd();
        static const int cmds[] = {LX_F_DUPFD,    LX_F_GETFD,     LX_F_SETFD,         LX_F_GETFL,
                                   LX_F_SETFL,    LX_F_GETLK,     LX_F_SETLK,         LX_F_SETLKW,
                                   LX_F_SETOWN,   LX_F_GETOWN,    LX_F_DUPFD_CLOEXEC, LX_F_OFD_GETLK,
                                   LX_F_OFD_SETLK, LX_F_OFD_SETLKW, LX_F_SETPIPE_SZ,  LX_F_GETPIPE_SZ};
        int cmd = chance(10) ? static_cast<int>(u64()) : cmds[below(16)];
        bool takes_ptr = cmd == LX_F_GETLK || cmd == LX_F_SETLK || cmd == LX_F_SETLKW || cmd == LX_F_OFD_GETLK ||
                         cmd == LX_F_OFD_SETLK || cmd == LX_F_OFD_SETLKW;
        unsigned long arg;
        if (takes_ptr) {
            // Never a random address: a lock struct is read and written.
            // (Only here: an address as an int arg would make runs depend
            // on ASLR.)
            if (chance(60)) std::memset(buf_.data(), static_cast<int>(below(3)), 64);
            arg = reinterpret_cast<unsigned long>(out_ptr());
        } else {
            static const unsigned long args[] = {0, 1, 3, 63, 64, 1000, 0x800, 0x400, ULONG_MAX};
            arg = chance(30) ? static_cast<unsigned long>(u64()) & 0xffffffff : args[below(9)];
        }
        // Never clear O_NONBLOCK: a FIFO or socket made blocking would make
        // a later read wait forever.
        if (cmd == LX_F_SETFL) arg |= LX_O_NONBLOCK;
        trace("fcntl(%d, %d, %#lx)", f, cmd, arg);
        auto r = sys::fcntl(f, cmd, arg);
        if (check("fcntl", r) && (cmd == LX_F_DUPFD || cmd == LX_F_DUPFD_CLOEXEC)) {
            if (*r < 0 || *r > INT_MAX) {
                fail("bad fd from F_DUPFD");
            } else {
                remember(static_cast<int>(*r));
            }
        }
        break;
    }
    case 30: {
        int f = fd();
        static const unsigned long reqs[] = {LX_FIONREAD, LX_FIONBIO, LX_FIOCLEX, LX_FIONCLEX, LX_TCGETS,
                                             LX_TIOCGWINSZ, 0};
        unsigned long req = chance(15) ? static_cast<unsigned long>(u64()) : reqs[below(7)];
        void* arg = out_ptr();
        trace("ioctl(%d, %#lx, %p)", f, req, arg);
        (void)check("ioctl", sys::ioctl(f, req, arg));
        break;
    }
    case 31: {
        std::size_t n = size();
        void* b = buffer(n);
        trace("getcwd(%p, %zu)", b, n);
        auto r = sys::getcwd(static_cast<char*>(b), n);
        if (check("getcwd", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 32: {
        // Mostly back into a scratch dir, so relative names stay there.
        const char* p = chance(60) ? (chance(50) ? "/tmp/fuzz" : "/fuzz") : path();
        trace("chdir(%s)", name_of(p));
        (void)check("chdir", sys::chdir(p));
        break;
    }
    case 33: {
        int f = fd();
        trace("fchdir(%d)", f);
        (void)check("fchdir", sys::fchdir(f));
        break;
    }
    case 34: {
        int f = fd();
        std::size_t n = size();
        void* b = buffer(n);
        trace("getdents64(%d, %p, %zu)", f, b, n);
        auto r = sys::getdents64(f, b, n);
        if (check("getdents64", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 35: {
        int out = fd(), in = fd();
        std::int64_t* o = off_ptr();
        std::size_t n = size();
        trace("sendfile(%d, %d, %p=%lld, %zu)", out, in, static_cast<void*>(o),
              o && o != reinterpret_cast<std::int64_t*>(1) ? static_cast<long long>(*o) : 0LL, n);
        auto r = sys::sendfile(out, in, o, n);
        if (check("sendfile", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 36: {
        int out = fd(), in = fd();
        std::int64_t* io = off_ptr();
        std::int64_t* oo = off_ptr();
        std::size_t n = size();
        unsigned fl = chance(80) ? 0 : static_cast<unsigned>(u64());
        trace("copy_file_range(%d, %p, %d, %p, %zu, %#x)", in, static_cast<void*>(io), out,
              static_cast<void*>(oo), n, fl);
        auto r = sys::copy_file_range(in, io, out, oo, n, fl);
        if (check("copy_file_range", r) && *r > n) fail("more bytes than asked");
        break;
    }
    case 37: {
        int res = chance(80) ? LX_RLIMIT_NOFILE : (chance(50) ? static_cast<int>(below(20)) : static_cast<int>(u64()));
        const lx_rlimit* nl;
        switch (below(5)) {
        case 0: case 1: nl = nullptr; break;
        case 2: nl = reinterpret_cast<const lx_rlimit*>(4096); break;
        default: {
            // Keep the soft limit >= 64 so the fuzz can go on; a cur above
            // max is EINVAL.
            static const std::uint64_t curs[] = {64, 100, 1024, 4096, 1u << 20, LX_RLIM_INFINITY};
            rlim_.rlim_cur = curs[below(6)];
            rlim_.rlim_max = chance(20) ? 64 : (chance(50) ? rlim_.rlim_cur : curs[below(6)]);
            if (rlim_.rlim_max < 64) rlim_.rlim_max = 64;
            nl = &rlim_;
        }
        }
        lx_rlimit* ol = chance(50) ? nullptr : static_cast<lx_rlimit*>(out_ptr());
        trace("prlimit64(%d, %p{%llu,%llu}, %p)", res, static_cast<const void*>(nl),
              nl == &rlim_ ? static_cast<unsigned long long>(rlim_.rlim_cur) : 0ULL,
              nl == &rlim_ ? static_cast<unsigned long long>(rlim_.rlim_max) : 0ULL, static_cast<void*>(ol));
        (void)check("prlimit64", sys::prlimit64(res, nl, ol));
        break;
    }
    case 38: {
        int f = fd();
        int kind = static_cast<int>(below(3));
        if (kind == 0) {
            trace("fsync(%d)", f);
            (void)check("fsync", sys::fsync(f));
        } else if (kind == 1) {
            trace("fdatasync(%d)", f);
            (void)check("fdatasync", sys::fdatasync(f));
        } else {
            int m = chance(70) ? static_cast<int>(below(2)) : static_cast<int>(u64());
            std::int64_t off = offset(), len = chance(50) ? static_cast<std::int64_t>(below(100000)) : offset();
            trace("fallocate(%d, %d, %lld, %lld)", f, m, static_cast<long long>(off), static_cast<long long>(len));
            (void)check("fallocate", sys::fallocate(f, m, off, len));
        }
        break;
    }
    case 39: {
        int d = dirfd();
        const char* p = path();
        static const sys::mode_t types[] = {LX_S_IFREG, LX_S_IFIFO, LX_S_IFCHR, LX_S_IFBLK, LX_S_IFSOCK, 0};
        sys::mode_t m = chance(20) ? static_cast<sys::mode_t>(u64()) : (types[below(6)] | 0644);
        std::uint64_t dev = chance(50) ? 0 : u64();
        trace("mknodat(%d, %s, %#o, %#llx)", d, name_of(p), m, static_cast<unsigned long long>(dev));
        (void)check("mknodat", sys::mknodat(d, p, m, dev));
        break;
    }
    case 45: {
        sys::mode_t m = chance(80) ? 022 : static_cast<sys::mode_t>(u64());
        trace("umask(%#o)", m);
        (void)sys::umask(m);
        break;
    }
    default: {
        // A short valid write and read-back on a scratch file, so data paths
        // see real content too.
        const char* p = chance(50) ? "/tmp/fuzz/a" : "/fuzz/b";
        trace("openat(AT_FDCWD, %s, O_RDWR|O_CREAT|O_NONBLOCK) + pwrite/pread", p);
        // O_NONBLOCK: the fuzz may have made this name a FIFO.
        auto r = sys::openat(LX_AT_FDCWD, p, LX_O_RDWR | LX_O_CREAT | LX_O_NONBLOCK, 0644);
        if (!check("openat", r)) break;
        remember(*r);
        std::size_t n = below(9000);
        std::int64_t off = below(20000);
        (void)check("pwrite64", sys::pwrite64(*r, buf_.data(), n, off));
        (void)check("pread64", sys::pread64(*r, buf_.data(), n, off));
        if (chance(70)) (void)check("close", sys::close(*r));
        break;
    }
    }
}

// ---- the sanity phase: kernel calls only ----

int g_failures = 0;

void expect(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "SANITY FAIL: %s\n", what);
        ++g_failures;
    }
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    auto fd = sys::openat(LX_AT_FDCWD, dir.c_str(), LX_O_RDONLY | LX_O_DIRECTORY, 0);
    if (!fd) return names;
    std::vector<char> b(65536);
    for (;;) {
        auto n = sys::getdents64(*fd, b.data(), b.size());
        if (!n || *n == 0) break;
        for (std::size_t pos = 0; pos < *n;) {
            auto* d = reinterpret_cast<lx_dirent64*>(b.data() + pos);
            std::string name = d->d_name;
            if (name != "." && name != "..") names.push_back(name);
            pos += d->d_reclen;
        }
    }
    (void)sys::close(*fd);
    return names;
}

// Removes a tree with kernel calls; a dir the fuzzer chmod'ed to 0 is made
// searchable first.
void remove_tree(const std::string& p) {
    lx_stat st{};
    if (!sys::newfstatat(LX_AT_FDCWD, p.c_str(), &st, LX_AT_SYMLINK_NOFOLLOW)) return;
    if ((st.st_mode & LX_S_IFMT) == LX_S_IFDIR) {
        (void)sys::fchmodat(LX_AT_FDCWD, p.c_str(), 0700, 0);
        for (const auto& n : list_dir(p)) remove_tree(p + "/" + n);
        auto r = sys::unlinkat(LX_AT_FDCWD, p.c_str(), LX_AT_REMOVEDIR);
        if (!r) std::fprintf(stderr, "rmdir %s: errno %d\n", p.c_str(), static_cast<int>(r.error()));
    } else {
        auto r = sys::unlinkat(LX_AT_FDCWD, p.c_str(), 0);
        if (!r) std::fprintf(stderr, "unlink %s: errno %d\n", p.c_str(), static_cast<int>(r.error()));
    }
}

void close_all(const std::set<int>& seen) {
    // 0-2 too: the fuzz may have put any file there (the harness prints
    // through the host's stdio, not these).
    for (int f : seen) (void)sys::close(f);
    for (int f = 0; f < 3; ++f) (void)sys::close(f);
    lx_rlimit lim{};
    (void)sys::prlimit64(LX_RLIMIT_NOFILE, nullptr, &lim);
    std::uint64_t top = lim.rlim_cur < (1u << 20) ? lim.rlim_cur : (1u << 20);
    for (std::uint64_t f = 3; f < top; ++f) (void)sys::close(static_cast<int>(f));
}

void sanity() {
    (void)sys::chdir("/");
    auto fd = sys::openat(LX_AT_FDCWD, "/tmp/fuzz-after", LX_O_RDWR | LX_O_CREAT | LX_O_TRUNC, 0644);
    expect(fd.ok(), "create /tmp/fuzz-after");
    if (!fd) return;
    std::vector<char> out(10240), in(10240);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(i * 7 + 3);
    auto w = sys::write(*fd, out.data(), out.size());
    expect(w.ok() && *w == out.size(), "write 10 KiB");
    expect(sys::lseek(*fd, 0, LX_SEEK_SET).ok(), "lseek");
    auto r = sys::read(*fd, in.data(), in.size());
    expect(r.ok() && *r == in.size() && in == out, "read back 10 KiB");
    expect(sys::close(*fd).ok(), "close");
    bool found = false;
    for (const auto& n : list_dir("/tmp")) found = found || n == "fuzz-after";
    expect(found, "fuzz-after listed in /tmp");
    expect(sys::unlinkat(LX_AT_FDCWD, "/tmp/fuzz-after", 0).ok(), "unlink /tmp/fuzz-after");
}

void dump_fds() {
    for (int f = 0; f < 4096; ++f) {
        lx_stat st{};
        if (!sys::fstat(f, &st)) continue;
        char link[64], target[4096];
        std::snprintf(link, sizeof link, "/proc/self/fd/%d", f);
        auto n = sys::readlinkat(LX_AT_FDCWD, link, target, sizeof target - 1);
        target[n ? *n : 0] = 0;
        auto fl = sys::fcntl(f, LX_F_GETFL, 0);
        auto pos = sys::lseek(f, 0, LX_SEEK_CUR);
        std::printf("fd %d: %s mode %#o size %lld flags %#lx pos %lld\n", f, target, st.st_mode,
                    static_cast<long long>(st.st_size), fl ? *fl : -1L, pos ? static_cast<long long>(*pos) : -1LL);
        if ((st.st_mode & LX_S_IFMT) == LX_S_IFSOCK) {
            int dom = -1, type = -1;
            lx_timeval rt{}, wt{};
            std::uint32_t l = 4;
            (void)sys::getsockopt(f, LX_SOL_SOCKET, LX_SO_DOMAIN, &dom, &l);
            l = 4;
            (void)sys::getsockopt(f, LX_SOL_SOCKET, LX_SO_TYPE, &type, &l);
            l = sizeof rt;
            (void)sys::getsockopt(f, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &rt, &l);
            l = sizeof wt;
            (void)sys::getsockopt(f, LX_SOL_SOCKET, LX_SO_SNDTIMEO_OLD, &wt, &l);
            std::printf("    socket domain %d type %d rcvtimeo %lld us sndtimeo %lld us\n", dom, type,
                        static_cast<long long>(rt.tv_sec * 1000000 + rt.tv_usec),
                        static_cast<long long>(wt.tv_sec * 1000000 + wt.tv_usec));
        }
    }
}

// Closed TCP connections linger in lwIP (TIME_WAIT for 2 MSL, FIN_WAIT
// until the peer answers) with their pcbs and queued segments: legitimate
// memory, not a leak. Every socket is closed by now, so every pcb left is
// such an orphan: abort them and let the loopback queue drain.
void forget_closed_connections() {
    net::lwip::NetGuard g;
    if (std::getenv("FUZZ_NETDEBUG")) {
        auto count = [](auto* p) { int n = 0; for (; p; p = p->next) ++n; return n; };
        std::fprintf(stderr, "pcbs: active %d tw %d bound %d listen %d udp %d\n", count(tcp_active_pcbs),
                     count(tcp_tw_pcbs), count(tcp_bound_pcbs), count(tcp_listen_pcbs.listen_pcbs), count(udp_pcbs));
    }
    while (tcp_active_pcbs) tcp_abort(tcp_active_pcbs);
    while (tcp_tw_pcbs) tcp_abort(tcp_tw_pcbs);
    net::lwip::Stack::get().deliver_loopback();
}

std::set<std::string> snapshot(const std::string& dir) {
    auto v = list_dir(dir);
    return {v.begin(), v.end()};
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 0x756b70;  // "ukp"
    std::uint64_t max_iter = 200000;
    bool verbose = false;
    std::uint64_t dump_at = UINT64_MAX;
    int pos = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else if (std::strncmp(argv[i], "--dump-at=", 10) == 0) {
            dump_at = std::strtoull(argv[i] + 10, nullptr, 0);
        } else if (pos++ == 0) {
            seed = std::strtoull(argv[i], nullptr, 0);
        } else {
            max_iter = std::strtoull(argv[i], nullptr, 0);
        }
    }
    std::printf("syscall-fuzz: seed %llu (replay: %s %llu %llu -v)\n", static_cast<unsigned long long>(seed), argv[0],
                static_cast<unsigned long long>(seed), static_cast<unsigned long long>(max_iter));
    std::fflush(stdout);

    Config cfg;
    cfg.arena_size = std::uint64_t{4} << 30;
    cfg.root_size = std::uint64_t{64} << 20;
    cfg.tmp_size = std::uint64_t{64} << 20;
    boot(&cfg);

    // fds 0-2 are the host console: reading fd 0 would wait for the
    // terminal and writes would spray the log. Point them at /dev/null.
    auto null_fd = sys::openat(LX_AT_FDCWD, "/dev/null", LX_O_RDWR, 0);
    if (!null_fd) {
        std::fprintf(stderr, "cannot open /dev/null\n");
        return 1;
    }
    for (int f = 0; f < 3; ++f) (void)sys::dup2(*null_fd, f);
    (void)sys::close(*null_fd);

    // A send on a broken socket raises SIGPIPE (MSG_NOSIGNAL is not on the
    // plain write calls).
    std::signal(SIGPIPE, SIG_IGN);
    // lwIP starts on the first socket: its own memory is not the fuzz's.
    if (auto warm = sys::socket(LX_AF_INET, LX_SOCK_DGRAM, 0)) (void)sys::close(*warm);

    std::set<std::string> before_root = snapshot("/"), before_tmp = snapshot("/tmp"), before_dev = snapshot("/dev");
    std::size_t mem_before = mem::stats().in_use;

    (void)sys::mkdirat(LX_AT_FDCWD, "/tmp/fuzz", 0755);
    (void)sys::mkdirat(LX_AT_FDCWD, "/fuzz", 0755);
    (void)sys::chdir("/tmp/fuzz");

    Fuzzer fz(seed, verbose);
    auto start = std::chrono::steady_clock::now();
    auto cap = std::chrono::seconds(20);
    std::uint64_t i = 0;
    for (; i < max_iter; ++i) {
        if ((i & 255) == 0 && std::chrono::steady_clock::now() - start > cap) break;
        if (i == dump_at) {
            dump_fds();
            return 0;
        }
        fz.run_one(i);
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("syscall-fuzz: %llu iterations in %.2f s (%.0f/s); %llu ok, %llu errors\n",
                static_cast<unsigned long long>(i), secs, static_cast<double>(i) / secs,
                static_cast<unsigned long long>(fz.ok_count()), static_cast<unsigned long long>(fz.err_count()));

    // Sanity: the kernel still works, and memory comes back.
    close_all(fz.all_fds());
    (void)sys::chdir("/");
    (void)sys::umask(022);
    (void)sys::fchmodat(LX_AT_FDCWD, "/", 0755, 0);
    (void)sys::fchmodat(LX_AT_FDCWD, "/tmp", 01777, 0);
    sanity();
    remove_tree("/tmp/fuzz");
    remove_tree("/fuzz");
    for (const auto& n : snapshot("/"))
        if (!before_root.count(n)) remove_tree("/" + n);
    for (const auto& n : snapshot("/tmp"))
        if (!before_tmp.count(n)) remove_tree("/tmp/" + n);
    for (const auto& n : snapshot("/dev"))
        if (!before_dev.count(n)) remove_tree("/dev/" + n);
    forget_closed_connections();
    std::size_t mem_after = mem::stats().in_use;
    int top_fd = fz.all_fds().empty() ? 0 : *fz.all_fds().rbegin();
    std::printf("syscall-fuzz: kernel memory in use: %zu before, %zu after (highest fd used: %d)\n", mem_before,
                mem_after, top_fd);
    // Slack: 1 MiB, plus the fd table, which stays as large as the highest
    // fd it held (as Linux's does); a slot is 16 bytes, doubled for the
    // vector's spare capacity.
    std::size_t slack = (std::size_t{1} << 20) + 32 * (static_cast<std::size_t>(top_fd) + 1);
    if (mem_after > mem_before + slack) {
        expect(false, "memory in use grew by more than the slack");
        std::printf("still open:\n");
        dump_fds();
        for (const char* d : {"/", "/tmp", "/dev"}) {
            std::printf("%s:", d);
            for (const auto& n : list_dir(d)) std::printf(" %s", n.c_str());
            std::printf("\n");
        }
        lx_statfs sf{};
        if (sys::statfs("/tmp", &sf)) std::printf("/tmp: %llu of %llu blocks free\n",
                                                  static_cast<unsigned long long>(sf.f_bfree),
                                                  static_cast<unsigned long long>(sf.f_blocks));
        if (sys::statfs("/", &sf)) std::printf("/: %llu of %llu blocks free\n",
                                               static_cast<unsigned long long>(sf.f_bfree),
                                               static_cast<unsigned long long>(sf.f_blocks));
    }

    std::uint64_t fails = fz.failures() + static_cast<std::uint64_t>(g_failures);
    std::printf("syscall-fuzz: %s (%llu failures)\n", fails ? "FAILED" : "passed", static_cast<unsigned long long>(fails));
    return fails ? 1 : 0;
}
