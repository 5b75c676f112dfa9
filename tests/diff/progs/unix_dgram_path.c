// Datagram sockets on paths: sendto by name, recvfrom with the sender's
// name, connect() as a default destination and a filter (EPERM), AF_UNSPEC
// to disconnect, sendmmsg/recvmmsg.
#include "common.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void) {
    int a = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    int b = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    int c = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    struct sockaddr_un an = {AF_UNIX, "a.sock"}, bn = {AF_UNIX, "b.sock"}, from;
    T(bind(a, (struct sockaddr*)&an, sizeof an));
    T(bind(b, (struct sockaddr*)&bn, sizeof bn));
    T(sendto(b, "to a", 4, 0, (struct sockaddr*)&an, sizeof an));
    char buf[32] = {0};
    socklen_t fl = sizeof from;
    T(recvfrom(a, buf, sizeof buf, 0, (struct sockaddr*)&from, &fl));
    printf("from len=%u path=%s\n", (unsigned)fl, from.sun_path);
    T(send(a, "x", 1, 0));  // not connected
    // a connects to b: plain sends go there. Once b connects to a, only a
    // may send to b.
    T(connect(a, (struct sockaddr*)&bn, sizeof bn));
    T(send(a, "default", 7, 0));
    fl = sizeof from;
    T(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr*)&from, &fl));
    fl = sizeof from;
    T(getpeername(a, (struct sockaddr*)&from, &fl));
    printf("peer len=%u path=%s\n", (unsigned)fl, from.sun_path);
    T(sendto(c, "intruder", 8, 0, (struct sockaddr*)&bn, sizeof bn));
    T(connect(b, (struct sockaddr*)&an, sizeof an));
    T(sendto(c, "intruder", 8, 0, (struct sockaddr*)&bn, sizeof bn));
    T(sendto(c, "to a", 4, 0, (struct sockaddr*)&an, sizeof an));
    struct sockaddr un = {AF_UNSPEC};
    T(connect(b, &un, sizeof un));
    T(sendto(c, "welcome", 7, 0, (struct sockaddr*)&bn, sizeof bn));
    // Disconnecting from a peer dropped what was queued (the intruder).
    T(recv(b, buf, sizeof buf, 0));
    T(recv(b, buf, sizeof buf, MSG_DONTWAIT));
    // A stream socket's name is the wrong type.
    int st = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    struct sockaddr_un sn = {AF_UNIX, "s.sock"};
    T(bind(st, (struct sockaddr*)&sn, sizeof sn));
    T(sendto(c, "x", 1, 0, (struct sockaddr*)&sn, sizeof sn));
    // sendmmsg / recvmmsg.
    struct mmsghdr mm[3];
    struct iovec iov[3];
    const char* words[3] = {"uno", "dos", "tres"};
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; ++i) {
        iov[i].iov_base = (void*)words[i];
        iov[i].iov_len = strlen(words[i]);
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
        mm[i].msg_hdr.msg_name = &bn;
        mm[i].msg_hdr.msg_namelen = sizeof bn;
    }
    T(sendmmsg(c, mm, 3, 0));
    printf("lens %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
    char rb[3][16];
    memset(rb, 0, sizeof rb);
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; ++i) {
        iov[i].iov_base = rb[i];
        iov[i].iov_len = sizeof rb[i];
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    T(recvmmsg(b, mm, 3, MSG_WAITFORONE, NULL));
    printf("got %s %s %s\n", rb[0], rb[1], rb[2]);
    T(recvmmsg(b, mm, 3, MSG_DONTWAIT, NULL));
    // Receiver closed: ECONNREFUSED for its name (the node stays).
    close(a);
    T(sendto(c, "x", 1, 0, (struct sockaddr*)&an, sizeof an));
    show("a.sock");
    close(b); close(c); close(st);
    unlink("a.sock"); unlink("b.sock"); unlink("s.sock");
    return 0;
}
