// Service names: /etc/services when the kernel's file system has one,
// otherwise a small built-in table in the same format (IANA's assignments
// for the services programs most often name).
#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/net/resolver/files.hpp"
#include "core/net/resolver/resolver.hpp"

namespace ukp::net::resolver {
namespace {

constexpr std::string_view kBuiltin =
    "echo 7/tcp\necho 7/udp\n"
    "discard 9/tcp sink null\ndiscard 9/udp sink null\n"
    "daytime 13/tcp\ndaytime 13/udp\n"
    "ftp-data 20/tcp\nftp 21/tcp\nssh 22/tcp\ntelnet 23/tcp\nsmtp 25/tcp mail\n"
    "time 37/tcp timserver\ntime 37/udp timserver\nwhois 43/tcp nicname\n"
    "domain 53/tcp\ndomain 53/udp\ntftp 69/udp\ngopher 70/tcp\nfinger 79/tcp\n"
    "http 80/tcp www\n"
    "kerberos 88/tcp kerberos5 krb5 kerberos-sec\nkerberos 88/udp kerberos5 krb5 kerberos-sec\n"
    "pop3 110/tcp pop-3\nsunrpc 111/tcp portmapper\nsunrpc 111/udp portmapper\n"
    "auth 113/tcp authentication tap ident\nnntp 119/tcp readnews untp\nntp 123/udp\n"
    "imap2 143/tcp imap\nsnmp 161/tcp\nsnmp 161/udp\nsnmp-trap 162/tcp snmptrap\nsnmp-trap 162/udp snmptrap\n"
    "ldap 389/tcp\nldap 389/udp\nhttps 443/tcp\nhttps 443/udp\nmicrosoft-ds 445/tcp\n"
    "submissions 465/tcp ssmtp smtps urd\nsyslog 514/udp\nprinter 515/tcp spooler\n"
    "submission 587/tcp\nldaps 636/tcp\nldaps 636/udp\nrsync 873/tcp\nimaps 993/tcp\npop3s 995/tcp\n"
    "socks 1080/tcp\nopenvpn 1194/tcp\nopenvpn 1194/udp\nmysql 3306/tcp\npostgresql 5432/tcp postgres\n"
    "sip 5060/tcp\nsip 5060/udp\nxmpp-client 5222/tcp jabber-client\nredis 6379/tcp\n";

struct Entry {
    std::string_view name;
    int port = -1;
    std::string_view proto;
    Fields aliases{""};
};

// Parses "name port/proto aliases...".
bool parse(std::string_view line, Entry& e) {
    Fields f(line);
    e.name = f.next();
    std::string_view pp = f.next();
    std::size_t slash = pp.find('/');
    if (e.name.empty() || slash == std::string_view::npos || slash == 0) return false;
    int port = 0;
    for (char c : pp.substr(0, slash)) {
        if (c < '0' || c > '9') return false;
        port = port * 10 + (c - '0');
        if (port > 65535) return false;
    }
    e.port = port;
    e.proto = pp.substr(slash + 1);
    e.aliases = f;
    return true;
}

template <typename F>
void scan(F&& fn) {
    CachedFile& file = services_file();
    bool done = false;
    file.with([&](std::string_view text) {
        if (text.empty()) return 0;
        for_each_line(text, fn);
        done = true;
        return 0;
    });
    if (!done) for_each_line(kBuiltin, fn);
}

Result<void> copy_small_string(const char* app, char* out, std::size_t cap) {
    PathBuf buf;
    TRY(copy_path(app, buf));
    if (buf.len >= cap) return LX_ENAMETOOLONG;
    std::memcpy(out, buf.data, buf.len + 1);
    return success();
}

}  // namespace

Result<int> lookup_service(const char* app_name, const char* app_proto) {
    char name[kMaxName], proto[32];
    TRY(copy_small_string(app_name, name, sizeof name));
    TRY(copy_small_string(app_proto, proto, sizeof proto));
    std::string_view want(name), want_proto(proto);
    int port = -1;
    scan([&](std::string_view line) {
        Entry e;
        if (!parse(line, e) || e.proto != want_proto) return true;
        bool hit = e.name == want;
        for (std::string_view a = e.aliases.next(); !hit && !a.empty(); a = e.aliases.next()) hit = a == want;
        if (hit) port = e.port;
        return !hit;
    });
    if (port < 0) return LX_ENOENT;
    return port;
}

Result<void> service_name(int port, const char* app_proto, char* app_name, std::size_t cap) {
    char proto[32];
    TRY(copy_small_string(app_proto, proto, sizeof proto));
    std::string_view want_proto(proto);
    char found[kMaxName];
    std::size_t len = 0;
    bool hit = false;
    scan([&](std::string_view line) {
        Entry e;
        if (!parse(line, e) || e.port != port || e.proto != want_proto) return true;
        len = e.name.size() < sizeof found - 1 ? e.name.size() : sizeof found - 1;
        std::memcpy(found, e.name.data(), len);
        found[len] = '\0';
        hit = true;
        return false;
    });
    if (!hit) return LX_ENOENT;
    if (len + 1 > cap) return LX_ENOSPC;
    return copy_to_app(app_name, found, len + 1);
}

}  // namespace ukp::net::resolver
