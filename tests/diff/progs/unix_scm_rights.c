// SCM_RIGHTS: pass file descriptors, use them, MSG_CTRUNC when the control
// buffer is too small, files in flight dropped with the message.
#include "common.h"
#include <sys/socket.h>

static int send_fds(int s, const int* fds, int n, const char* data) {
    char cbuf[CMSG_SPACE(sizeof(int) * 8)];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {(void*)data, strlen(data)};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf;
    mh.msg_controllen = CMSG_SPACE(sizeof(int) * n);
    struct cmsghdr* c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
    return (int)sendmsg(s, &mh, 0);
}

// Receives; prints the data, flags, and how many fds came. Returns the first fd.
static int recv_fds(int s, size_t cspace, int flags) {
    char cbuf[256];
    char data[64] = {0};
    struct iovec iov = {data, sizeof data - 1};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cspace ? cbuf : NULL;
    mh.msg_controllen = cspace;
    ssize_t n = recvmsg(s, &mh, flags);
    if (n < 0) { printf("recvmsg: %s\n", en(errno)); return -1; }
    int nfds = 0, first = -1;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            nfds += k;
            if (k > 0 && first < 0) memcpy(&first, CMSG_DATA(c), sizeof first);
        }
    }
    printf("recv %zd '%s' fds=%d ctrunc=%d controllen=%zu", n, data, nfds, !!(mh.msg_flags & MSG_CTRUNC),
           (size_t)mh.msg_controllen);
    if (first >= 0) printf(" cloexec=%d", fcntl(first, F_GETFD));
    printf("\n");
    return first;
}

int main(void) {
    write_file("passed.txt", "contents of the passed file");
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    int f = MUST(open("passed.txt", O_RDONLY));
    char buf[64] = {0};
    T(read(f, buf, 9));
    T(send_fds(sv[0], &f, 1, "F"));
    int g = recv_fds(sv[1], 256, 0);
    printf("different fd %d\n", g != f);
    // Same open file description: the offset is shared.
    memset(buf, 0, sizeof buf);
    T(read(g, buf, sizeof buf - 1));
    printf("read via passed fd: '%s'\n", buf);
    T(lseek(f, 0, SEEK_CUR));
    close(g);

    // Several fds, MSG_CMSG_CLOEXEC.
    int three[3] = {f, sv[0], f};
    T(send_fds(sv[0], three, 3, "three"));
    int h = recv_fds(sv[1], 256, MSG_CMSG_CLOEXEC);
    struct stat s1, s2;
    fstat(h, &s1);
    fstat(f, &s2);
    printf("same file %d\n", s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);

    // Too small a control buffer: MSG_CTRUNC, the extra fds are dropped.
    T(send_fds(sv[0], three, 3, "trunc"));
    recv_fds(sv[1], CMSG_SPACE(sizeof(int)), 0);
    T(send_fds(sv[0], three, 3, "none"));
    recv_fds(sv[1], 0, 0);
    // Peek keeps them queued.
    T(send_fds(sv[0], &f, 1, "peek"));
    recv_fds(sv[1], 256, MSG_PEEK);
    recv_fds(sv[1], 256, 0);

    // A message with fds is not glued to data before or after it.
    T(send(sv[0], "ab", 2, 0));
    T(send_fds(sv[0], &f, 1, "cd"));
    T(send(sv[0], "ef", 2, 0));
    recv_fds(sv[1], 256, 0);
    recv_fds(sv[1], 256, 0);

    // A bad fd, a non-SOL_SOCKET message is ignored, a bad type.
    int bad = 999;
    T(send_fds(sv[0], &bad, 1, "bad"));
    // Files in flight keep the file open after its last fd closes.
    T(send_fds(sv[0], &f, 1, "flight"));
    T(close(f));
    T(close(h));
    int k = recv_fds(sv[1], 256, 0);
    memset(buf, 0, sizeof buf);
    T(pread(k, buf, 8, 0));
    printf("after close: '%s'\n", buf);
    // Datagram sockets pass fds too.
    int dv[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, dv));
    T(send_fds(dv[0], &k, 1, "dgram"));
    int m = recv_fds(dv[1], 256, 0);
    T(pread(m, buf, 4, 9));
    // Dropped with the socket that held them.
    T(send_fds(sv[0], &k, 1, "dropped"));
    close(sv[0]);
    close(sv[1]);
    close(k);
    close(m);
    close(dv[0]);
    close(dv[1]);
    unlink("passed.txt");
    return 0;
}
