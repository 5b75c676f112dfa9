// getaddrinfo's checks, in glibc's order: no host and no service, unknown
// flags, AI_CANONNAME without a host, families, socket types, protocols
// that fit no type, services a type cannot have; and gai_strerror's texts.
#include "gai.h"

int main(void) {
    gai(NULL, NULL, AF_UNSPEC, 0, 0, 0);
    gai(NULL, NULL, 99, 0, 0, 0x10000);
    gai("1.2.3.4", "80", AF_UNSPEC, 0, 0, 0x10000);
    gai("1.2.3.4", "80", AF_UNSPEC, 0, 0, 0x800);
    gai(NULL, "80", AF_UNSPEC, 0, 0, AI_CANONNAME);
    gai("1.2.3.4", "80", AF_UNIX, 0, 0, 0);
    gai("1.2.3.4", "80", 99, 0, 0, 0);
    gai("1.2.3.4", "80", -1, 0, 0, 0);
    gai("1.2.3.4", "80", AF_INET, 99, 0, 0);
    gai("1.2.3.4", "80", AF_INET, -1, 0, 0);
    gai("1.2.3.4", "80", AF_INET, SOCK_STREAM, IPPROTO_UDP, 0);
    gai("1.2.3.4", "80", AF_INET, SOCK_DGRAM, IPPROTO_TCP, 0);
    gai("1.2.3.4", "80", AF_INET, 0, 12345, 0);
    gai("1.2.3.4", "80", AF_INET, SOCK_RAW, 0, 0);
    gai("1.2.3.4", "http", AF_INET, SOCK_RAW, 0, 0);
    gai("1.2.3.4", "no-such-service", AF_INET, 0, 0, 0);
    gai("1.2.3.4", "http", AF_INET, 0, 0, AI_NUMERICSERV);
    gai("not a number", "80", AF_INET, 0, 0, AI_NUMERICHOST);
    gai("", "80", AF_INET, 0, 0, 0);
    gai("1.2.3.4", "80", AF_INET6, 0, 0, 0);
    gai("::1", "80", AF_INET, 0, 0, 0);
    gai("fe80::1%", "80", AF_INET6, 0, 0, AI_NUMERICHOST);
    int codes[] = {0, EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_NODATA, EAI_FAMILY, EAI_SOCKTYPE,
                   EAI_SERVICE, EAI_ADDRFAMILY, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW, EAI_INPROGRESS,
                   EAI_CANCELED, EAI_NOTCANCELED, EAI_ALLDONE, EAI_INTR, EAI_IDN_ENCODE, -13, 1, 12345};
    for (unsigned i = 0; i < sizeof codes / sizeof *codes; ++i) printf("gai_strerror(%d) = %s\n", codes[i], gai_strerror(codes[i]));
    return 0;
}
