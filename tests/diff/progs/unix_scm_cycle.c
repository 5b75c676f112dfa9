// Sockets sent over themselves and in cycles, then closed: the kernel
// must neither leak them forever nor crash collecting them; sockets still
// reachable from an open fd keep their queued files.
#include "common.h"
#include <dirent.h>
#include <sys/socket.h>

static int send_fd(int s, int fd) {
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {"f", 1};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf;
    mh.msg_controllen = sizeof cbuf;
    struct cmsghdr* c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return (int)sendmsg(s, &mh, 0);
}

static int recv_fd(int s) {
    char cbuf[CMSG_SPACE(sizeof(int))], b;
    struct iovec iov = {&b, 1};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf;
    mh.msg_controllen = sizeof cbuf;
    if (recvmsg(s, &mh, 0) < 0) return -1;
    struct cmsghdr* c = CMSG_FIRSTHDR(&mh);
    if (!c) return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return fd;
}

static int open_fds(void) {
    DIR* d = opendir("/proc/self/fd");
    int n = 0;
    while (readdir(d)) n++;
    closedir(d);
    return n;
}

int main(void) {
    int before = open_fds();
    int fails = 0;
    for (int i = 0; i < 3000; ++i) {
        int sv[2], dv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) { fails++; continue; }
        if (socketpair(AF_UNIX, SOCK_DGRAM, 0, dv) < 0) { fails++; continue; }
        // Each end in its own queue, and across.
        fails += send_fd(sv[0], sv[1]) != 1;
        fails += send_fd(sv[1], sv[0]) != 1;
        fails += send_fd(dv[0], sv[0]) != 1;
        fails += send_fd(sv[0], dv[1]) != 1;
        if (i % 3 == 0) {
            close(sv[1]);
            close(sv[0]);
        } else {
            close(sv[0]);
            close(sv[1]);
        }
        close(dv[0]);
        close(dv[1]);
    }
    printf("sends failed %d, fds back to start %d\n", fails, open_fds() == before);

    // A socket in flight but still reachable keeps its queue.
    int a[2], b[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
    T(send(b[1], "kept", 4, 0));
    T(send_fd(a[0], b[0]));   // b[0] travels inside a
    T(close(b[0]));
    T(close(b[1]));           // now only a's queue holds b[0]
    int x[2];                 // closing other sockets runs the collector
    for (int i = 0; i < 10; ++i) {
        socketpair(AF_UNIX, SOCK_STREAM, 0, x);
        close(x[0]);
        close(x[1]);
    }
    int got = recv_fd(a[1]);
    char buf[8] = {0};
    T(recv(got, buf, sizeof buf, 0));
    printf("kept '%s'\n", buf);
    return 0;
}
