#include "core/abi/trace.hpp"

#include <fmt/format.h>

#include <cstring>
#include <iterator>

#include "core/abi/errno.hpp"
#include "core/abi/linux.hpp"
#include "core/abi/socket.hpp"
#include "core/base/uaccess.hpp"
#include "host/host.hpp"

namespace ukp::abi {

bool g_trace = false;

namespace {

TraceSink g_sink = nullptr;

struct Line {
    char buf[1024];
    std::size_t n = 0;
    template <typename... T>
    void add(fmt::format_string<T...> f, T&&... a) {
        if (n >= sizeof buf) return;
        auto r = fmt::format_to_n(buf + n, sizeof buf - n, f, std::forward<T>(a)...);
        n = std::min(sizeof buf, n + r.size);
    }
};

// A string from application memory, quoted and cut at 64 bytes.
void add_string(Line& l, std::uint64_t p) {
    char s[65];
    std::ptrdiff_t len = p ? host::mem_copy_string_from_app(s, reinterpret_cast<const char*>(p), 64) : -1;
    if (len < 0) {
        l.add("{:#x}", p);
        return;
    }
    l.add("\"");
    for (std::ptrdiff_t i = 0; i < len; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') l.add("\\{}", static_cast<char>(c));
        else if (c >= 32 && c < 127) l.add("{}", static_cast<char>(c));
        else l.add("\\x{:02x}", c);
    }
    if (len == 64) l.add("\"...");
    else l.add("\"");
}

void add_oflags(Line& l, std::uint64_t v) {
    static constexpr struct {
        int bit;
        const char* name;
    } kFlags[] = {{LX_O_CREAT, "O_CREAT"},       {LX_O_EXCL, "O_EXCL"},         {LX_O_NOCTTY, "O_NOCTTY"},
                  {LX_O_TRUNC, "O_TRUNC"},       {LX_O_APPEND, "O_APPEND"},     {LX_O_NONBLOCK, "O_NONBLOCK"},
                  {LX_O_DIRECTORY, "O_DIRECTORY"}, {LX_O_NOFOLLOW, "O_NOFOLLOW"}, {LX_O_CLOEXEC, "O_CLOEXEC"},
                  {LX_O_PATH, "O_PATH"},         {LX_O_LARGEFILE, "O_LARGEFILE"}};
    int f = static_cast<int>(v);
    int acc = f & LX_O_ACCMODE;
    l.add("{}", acc == LX_O_RDONLY ? "O_RDONLY" : acc == LX_O_WRONLY ? "O_WRONLY" : acc == LX_O_RDWR ? "O_RDWR" : "3");
    f &= ~LX_O_ACCMODE;
    for (auto& k : kFlags)
        if ((f & k.bit) == k.bit) {
            l.add("|{}", k.name);
            f &= ~k.bit;
        }
    if (f) l.add("|{:#o}", f);
}

// AF_UNIX path, AF_INET address:port, AF_INET6 port; else the family.
void add_sockaddr(Line& l, std::uint64_t p, std::uint64_t len) {
    unsigned char sa[110] = {};
    std::size_t n = std::min<std::size_t>(len, sizeof sa);
    if (!p || n < 2 || !copy_from_app(sa, reinterpret_cast<const void*>(p), n).ok()) {
        l.add("{:#x}", p);
        return;
    }
    int family = sa[0] | (sa[1] << 8);
    int port = (sa[2] << 8) | sa[3];
    if (family == 1) {
        l.add("{{AF_UNIX, \"");
        // An abstract name starts with NUL: shown as '@', like ss(8).
        for (std::size_t i = 2; i < n && (sa[i] || i == 2); ++i)
            l.add("{}", sa[i] >= 32 && sa[i] < 127 ? static_cast<char>(sa[i]) : '@');
        l.add("\"}}");
    } else if (family == 2 && n >= 8) {
        l.add("{{AF_INET, {}.{}.{}.{}:{}}}", sa[4], sa[5], sa[6], sa[7], port);
    } else if (family == 10) {
        l.add("{{AF_INET6, port {}}}", port);
    } else {
        l.add("{{family {}}}", family);
    }
}

void add_family(Line& l, std::uint64_t v) {
    switch (static_cast<int>(v)) {
        case LX_AF_UNSPEC: l.add("AF_UNSPEC"); break;
        case LX_AF_UNIX: l.add("AF_UNIX"); break;
        case LX_AF_INET: l.add("AF_INET"); break;
        case LX_AF_INET6: l.add("AF_INET6"); break;
        case LX_AF_NETLINK: l.add("AF_NETLINK"); break;
        case LX_AF_PACKET: l.add("AF_PACKET"); break;
        default: l.add("{}", static_cast<int>(v));
    }
}

void add_socktype(Line& l, std::uint64_t v) {
    static constexpr const char* kTypes[] = {nullptr,     "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW",
                                             "SOCK_RDM",  "SOCK_SEQPACKET", "SOCK_DCCP"};
    int t = static_cast<int>(v);
    int base = t & LX_SOCK_TYPE_MASK;
    if (base > 0 && base < static_cast<int>(std::size(kTypes))) l.add("{}", kTypes[base]);
    else l.add("{}", base);
    if (t & LX_SOCK_NONBLOCK) l.add("|SOCK_NONBLOCK");
    if (t & LX_SOCK_CLOEXEC) l.add("|SOCK_CLOEXEC");
    int rest = t & ~(LX_SOCK_TYPE_MASK | LX_SOCK_NONBLOCK | LX_SOCK_CLOEXEC);
    if (rest) l.add("|{:#x}", rest);
}

void add_arg(Line& l, Arg kind, std::uint64_t v, std::uint64_t next) {
    switch (kind) {
        case Arg::none: break;
        case Arg::num: l.add("{}", static_cast<std::int64_t>(v)); break;
        case Arg::hex: l.add("{:#x}", v); break;
        case Arg::fd:
            if (static_cast<int>(v) == LX_AT_FDCWD) l.add("AT_FDCWD");
            else l.add("{}", static_cast<int>(v));
            break;
        case Arg::path: add_string(l, v); break;
        case Arg::oflags: add_oflags(l, v); break;
        case Arg::mode: l.add("{:#o}", v); break;
        case Arg::size: l.add("{}", v); break;
        case Arg::ptr:
            if (v) l.add("{:#x}", v);
            else l.add("NULL");
            break;
        case Arg::sockaddr: add_sockaddr(l, v, next); break;
        case Arg::sig: l.add("{}", static_cast<int>(v)); break;
        case Arg::family: add_family(l, v); break;
        case Arg::socktype: add_socktype(l, v); break;
    }
}

void add_result(Line& l, std::int64_t r, std::int64_t ns) {
    if (r == kNoReturn) {
        l.add(" = ?\n");
        return;
    }
    if (r < 0 && r > -4096) l.add(" = -1 {}", errno_name(static_cast<int>(-r)));
    else if (r > 0xffff) l.add(" = {:#x}", r);
    else l.add(" = {}", r);
    l.add(" <{}.{:06}>\n", ns / 1000000000, (ns / 1000) % 1000000);
}

void emit(const Line& l) {
    if (g_sink) g_sink(l.buf, l.n);
}

}  // namespace

void trace_start(TraceSink sink) {
    g_sink = sink;
    g_trace = sink != nullptr;
}

void trace_raw(long nr, const std::uint64_t (&args)[6], std::int64_t result, std::int64_t ns) {
    Line l;
    const SyscallEntry* e = syscall_entry(nr);
    l.add("ukp {} raw ", host::thread_id());
    if (!e) {
        l.add("syscall_{}({:#x}, {:#x}, {:#x}, ...)", nr, args[0], args[1], args[2]);
    } else {
        l.add("{}(", e->name);
        for (int i = 0; i < 6 && e->args[i] != Arg::none; ++i) {
            if (i) l.add(", ");
            add_arg(l, e->args[i], args[i], i < 5 ? args[i + 1] : 0);
        }
        l.add(")");
    }
    add_result(l, result, ns);
    emit(l);
}

void trace_symbol(const SymbolCall& c) {
    Line l;
    const SyscallEntry* e = c.nr >= 0 ? syscall_entry(c.nr) : nullptr;
    l.add("ukp {} sym {}(", host::thread_id(), c.name);
    for (int i = 0; i < c.nargs; ++i) {
        if (i) l.add(", ");
        Arg kind = e && i < 6 && e->args[i] != Arg::none ? e->args[i] : c.kinds[i];
        add_arg(l, kind, c.args[i], i + 1 < c.nargs ? c.args[i + 1] : 0);
    }
    l.add(")");
    if (c.has_result) {
        add_result(l, c.result, c.ns);
    } else {
        l.add(" <{}.{:06}>\n", c.ns / 1000000000, (c.ns / 1000) % 1000000);
    }
    emit(l);
}

}  // namespace ukp::abi
