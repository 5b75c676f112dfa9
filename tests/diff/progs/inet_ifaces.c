// The loopback interface as applications enumerate it: if_nametoindex,
// if_indextoname, if_nameindex, SIOCGIFCONF, SIOCGIF{ADDR,NETMASK,FLAGS,
// INDEX,NAME} and getifaddrs. The host may have more interfaces than ukp:
// only "lo" is printed.
#include "net.h"

#include <ifaddrs.h>
#include <net/if.h>

static const char* ntop(const struct sockaddr* sa, char* b, size_t n) {
    if (!sa) return "none";
    if (sa->sa_family == AF_INET) return inet_ntop(AF_INET, &((struct sockaddr_in*)sa)->sin_addr, b, n);
    if (sa->sa_family == AF_INET6) return inet_ntop(AF_INET6, &((struct sockaddr_in6*)sa)->sin6_addr, b, n);
    return "?";
}

int main(void) {
    unsigned lo = if_nametoindex("lo");
    printf("if_nametoindex(lo) = %u\n", lo);
    errno = 0;
    unsigned bad = if_nametoindex("nosuch0");
    printf("if_nametoindex(nosuch0) = %u %s\n", bad, en(errno));
    char name[IF_NAMESIZE] = {0};
    printf("if_indextoname(lo) = %s\n", if_indextoname(lo, name) ? name : en(errno));
    errno = 0;
    const char* nm = if_indextoname(99999, name);
    printf("if_indextoname(99999) = %s\n", nm ? nm : en(errno));
    struct if_nameindex* ni = if_nameindex();
    int seen = 0;
    for (struct if_nameindex* p = ni; p && p->if_index; ++p) seen += strcmp(p->if_name, "lo") == 0 && p->if_index == lo;
    printf("if_nameindex has lo: %d\n", seen);
    if_freenameindex(ni);

    int s = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct ifconf ic = {.ifc_len = 0, .ifc_buf = NULL};
    T(ioctl(s, SIOCGIFCONF, &ic));
    printf("SIOCGIFCONF size is whole entries: %d\n", ic.ifc_len > 0 && ic.ifc_len % (int)sizeof(struct ifreq) == 0);
    struct ifreq reqs[32];
    ic.ifc_len = sizeof reqs;
    ic.ifc_req = reqs;
    T(ioctl(s, SIOCGIFCONF, &ic));
    char b[64];
    for (int i = 0; i < ic.ifc_len / (int)sizeof(struct ifreq); ++i)
        if (strcmp(reqs[i].ifr_name, "lo") == 0) printf("SIOCGIFCONF lo: %s\n", ntop(&reqs[i].ifr_addr, b, sizeof b));
    ic.ifc_len = sizeof(struct ifreq) - 1;
    T(ioctl(s, SIOCGIFCONF, &ic));
    printf("too small: ifc_len=%d\n", ic.ifc_len);
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    T(ioctl(s, SIOCGIFADDR, &r));
    printf("SIOCGIFADDR lo: %s\n", ntop(&r.ifr_addr, b, sizeof b));
    T(ioctl(s, SIOCGIFNETMASK, &r));
    printf("SIOCGIFNETMASK lo: %s\n", ntop(&r.ifr_netmask, b, sizeof b));
    T(ioctl(s, SIOCGIFFLAGS, &r));
    printf("SIOCGIFFLAGS lo: up=%d loopback=%d running=%d broadcast=%d\n", !!(r.ifr_flags & IFF_UP),
           !!(r.ifr_flags & IFF_LOOPBACK), !!(r.ifr_flags & IFF_RUNNING), !!(r.ifr_flags & IFF_BROADCAST));
    T(ioctl(s, SIOCGIFINDEX, &r));
    printf("SIOCGIFINDEX lo: %d\n", r.ifr_ifindex == (int)lo);
    memset(&r, 0, sizeof r);
    r.ifr_ifindex = (int)lo;
    T(ioctl(s, SIOCGIFNAME, &r));
    printf("SIOCGIFNAME: %s\n", r.ifr_name);
    strcpy(r.ifr_name, "nosuch0");
    T(ioctl(s, SIOCGIFADDR, &r));
    T(ioctl(s, SIOCGIFADDR, NULL));
    int t6 = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    strcpy(r.ifr_name, "lo");
    T(ioctl(t6, SIOCGIFINDEX, &r));
    close(t6);
    close(s);

    struct ifaddrs* ifa;
    MUST(getifaddrs(&ifa));
    int v4 = 0, v6 = 0;
    for (struct ifaddrs* p = ifa; p; p = p->ifa_next) {
        if (strcmp(p->ifa_name, "lo") != 0 || !p->ifa_addr) continue;
        int fam = p->ifa_addr->sa_family;
        if (fam != AF_INET && fam != AF_INET6) continue;
        char m[64], bc[64];
        printf("getifaddrs lo %s %s/%s up=%d loopback=%d broad=%s\n", fam == AF_INET ? "inet" : "inet6",
               ntop(p->ifa_addr, b, sizeof b), ntop(p->ifa_netmask, m, sizeof m), !!(p->ifa_flags & IFF_UP),
               !!(p->ifa_flags & IFF_LOOPBACK), ntop(p->ifa_broadaddr, bc, sizeof bc));
        v4 += fam == AF_INET;
        v6 += fam == AF_INET6;
    }
    printf("lo entries: %d inet, %d inet6\n", v4, v6);
    freeifaddrs(ifa);
    return 0;
}
