// SO_PEERCRED, SO_PASSCRED and SCM_CREDENTIALS. Prints only relations to
// the process's own ids, never the ids themselves.
#include "common.h"
#include <sys/socket.h>
#include <sys/un.h>

static void peercred(const char* what, int s) {
    struct ucred c;
    socklen_t l = sizeof c;
    if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &c, &l) < 0) { printf("%s: %s\n", what, en(errno)); return; }
    printf("%s: len=%u pid_self=%d uid_self=%d gid_self=%d pid0=%d uidm1=%d\n", what, (unsigned)l,
           c.pid == getpid(), c.uid == getuid(), c.gid == getgid(), c.pid == 0, c.uid == (uid_t)-1);
}

static void recv_creds(int s) {
    char cbuf[256], data[16] = {0};
    struct iovec iov = {data, sizeof data};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf;
    mh.msg_controllen = sizeof cbuf;
    ssize_t n = recvmsg(s, &mh, 0);
    if (n < 0) { printf("recvmsg: %s\n", en(errno)); return; }
    int got = 0;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred u;
            memcpy(&u, CMSG_DATA(c), sizeof u);
            printf("  creds len=%zu pid_self=%d uid_self=%d gid_self=%d\n", (size_t)c->cmsg_len,
                   u.pid == getpid(), u.uid == getuid(), u.gid == getgid());
            got++;
        }
    }
    printf("recv %zd '%s' creds=%d ctrunc=%d\n", n, data, got, !!(mh.msg_flags & MSG_CTRUNC));
}

int main(void) {
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    peercred("pair", sv[0]);
    int s = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    peercred("unconnected", s);
    struct ucred c;
    socklen_t l = 4;
    T(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &l));
    printf("short len=%u\n", (unsigned)l);
    T(setsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, sizeof c));

    // Over a path: both ends see the process.
    struct sockaddr_un a = {AF_UNIX, "cred.sock"};
    T(bind(s, (struct sockaddr*)&a, sizeof a));
    T(listen(s, 1));
    int cl = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(cl, (struct sockaddr*)&a, sizeof a));
    int sr = MUST(accept(s, NULL, NULL));
    peercred("client", cl);
    peercred("server", sr);

    // SO_PASSCRED: each read carries the sender's credentials.
    int one = 1, v = -1;
    T(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    l = sizeof v;
    T(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &l));
    printf("passcred %d\n", v);
    T(send(sv[0], "hello", 5, 0));
    recv_creds(sv[1]);
    // Explicit credentials: one's own are accepted; with SO_PASSCRED off
    // on the receiver nothing is reported.
    char cbuf[CMSG_SPACE(sizeof(struct ucred))];
    memset(cbuf, 0, sizeof cbuf);
    struct ucred me = {getpid(), getuid(), getgid()};
    struct iovec iov = {"cred", 4};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf;
    mh.msg_controllen = sizeof cbuf;
    struct cmsghdr* cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_CREDENTIALS;
    cm->cmsg_len = CMSG_LEN(sizeof me);
    memcpy(CMSG_DATA(cm), &me, sizeof me);
    T(sendmsg(sv[0], &mh, 0));
    recv_creds(sv[1]);
    T(sendmsg(sv[1], &mh, 0));
    recv_creds(sv[0]);
    cm->cmsg_len = CMSG_LEN(sizeof me - 1);
    T(sendmsg(sv[0], &mh, 0));
    // Datagrams carry them too.
    int dv[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, dv));
    T(setsockopt(dv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    T(send(dv[0], "dg", 2, 0));
    recv_creds(dv[1]);
    peercred("dgram pair", dv[0]);
    unlink("cred.sock");
    return 0;
}
