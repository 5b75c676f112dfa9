// sendmmsg/recvmmsg on UDP: several datagrams in one call, per-message
// lengths, MSG_TRUNC in msg_flags, and vlen limits.
#include "net.h"

int main(void) {
    int r = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(r, (struct sockaddr*)&a, sizeof a));
    a = lo4(port_of(r));
    int s = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    MUST(connect(s, (struct sockaddr*)&a, sizeof a));
    char msgs[5][16];
    struct iovec iov[5];
    struct mmsghdr mm[5];
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 5; ++i) {
        int n = snprintf(msgs[i], sizeof msgs[i], "msg-%d-%.*s", i, i * 2, "xxxxxxxxxx");
        iov[i] = (struct iovec){msgs[i], (size_t)n};
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    T(sendmmsg(s, mm, 5, 0));
    for (int i = 0; i < 5; ++i) printf("sent[%d] len=%u\n", i, mm[i].msg_len);
    char in[8][8];
    struct iovec riov[8];
    struct mmsghdr rm[8];
    struct sockaddr_in from[8];
    memset(rm, 0, sizeof rm);
    for (int i = 0; i < 8; ++i) {
        riov[i] = (struct iovec){in[i], 8};
        rm[i].msg_hdr.msg_iov = &riov[i];
        rm[i].msg_hdr.msg_iovlen = 1;
        rm[i].msg_hdr.msg_name = &from[i];
        rm[i].msg_hdr.msg_namelen = sizeof from[i];
    }
    T(recvmmsg(r, rm, 2, MSG_DONTWAIT, NULL));
    T(recvmmsg(r, rm + 2, 6, MSG_DONTWAIT, NULL));
    for (int i = 0; i < 5; ++i)
        printf("recv[%d] len=%u trunc=%d '%.*s' from_lo=%d namelen=%u\n", i, rm[i].msg_len,
               !!(rm[i].msg_hdr.msg_flags & MSG_TRUNC), (int)(rm[i].msg_len < 8 ? rm[i].msg_len : 8), in[i],
               from[i].sin_addr.s_addr == htonl(INADDR_LOOPBACK), rm[i].msg_hdr.msg_namelen);
    T(recvmmsg(r, rm, 8, MSG_DONTWAIT, NULL));
    T(sendmmsg(s, mm, 0, 0));
    T(recvmmsg(r, rm, 0, MSG_DONTWAIT, NULL));
    close(r);
    close(s);
    return 0;
}
