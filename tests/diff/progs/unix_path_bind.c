// AF_UNIX over a path: bind creates a socket node, listen/accept/connect,
// ECONNREFUSED / EADDRINUSE / ENOENT, exact address lengths.
#include "common.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static void pname(const char* what, struct sockaddr_un* a, socklen_t len) {
    int off = (int)offsetof(struct sockaddr_un, sun_path);
    printf("%s: len=%u family=%d path='%s'\n", what, (unsigned)len, a->sun_family,
           (int)len > off ? a->sun_path : "");
}

int main(void) {
    umask(022);
    int l = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    struct sockaddr_un a = {AF_UNIX, "srv.sock"};
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1;
    T(bind(l, (struct sockaddr*)&a, alen));
    show("srv.sock");
    T(bind(l, (struct sockaddr*)&a, alen));  // already bound: EINVAL
    int l2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(l2, (struct sockaddr*)&a, alen));  // EADDRINUSE
    // Not listening yet.
    int c = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c, (struct sockaddr*)&a, alen));
    T(listen(l, 5));
    int on = -1; socklen_t ol = sizeof on;
    T(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &on, &ol));
    printf("acceptconn %d\n", on);
    T(connect(c, (struct sockaddr*)&a, alen));
    T(connect(c, (struct sockaddr*)&a, alen));  // EISCONN
    struct sockaddr_un got;
    socklen_t glen = sizeof got;
    int s = accept(l, (struct sockaddr*)&got, &glen);
    printf("accepted %d\n", s >= 0);
    pname("accept peer", &got, glen);
    glen = sizeof got;
    T(getsockname(l, (struct sockaddr*)&got, &glen));
    pname("listener name", &got, glen);
    glen = sizeof got;
    T(getsockname(s, (struct sockaddr*)&got, &glen));
    pname("server name", &got, glen);
    glen = sizeof got;
    T(getpeername(s, (struct sockaddr*)&got, &glen));
    pname("server peer", &got, glen);
    glen = sizeof got;
    T(getpeername(c, (struct sockaddr*)&got, &glen));
    pname("client peer", &got, glen);
    glen = sizeof got;
    T(getsockname(c, (struct sockaddr*)&got, &glen));
    pname("client name", &got, glen);
    glen = 4;  // short buffer: truncated, full length reported
    memset(&got, 0, sizeof got);
    T(getpeername(c, (struct sockaddr*)&got, &glen));
    printf("short: len=%u bytes='%.2s'\n", (unsigned)glen, got.sun_path);
    T(getpeername(l, (struct sockaddr*)&got, &glen));

    char buf[16] = {0};
    T(send(c, "ping", 4, 0));
    T(recv(s, buf, sizeof buf, 0));
    T(send(s, "pong", 4, 0));
    T(recv(c, buf, sizeof buf, 0));
    printf("%s\n", buf);

    // The listener closes: the node stays, nobody listens.
    T(close(l));
    show("srv.sock");
    int c2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c2, (struct sockaddr*)&a, alen));
    // The node in the way of a new bind.
    int l3 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(l3, (struct sockaddr*)&a, alen));
    T(unlink("srv.sock"));
    T(bind(l3, (struct sockaddr*)&a, sizeof a));  // the full size: the path ends at its NUL
    glen = sizeof got;
    T(getsockname(l3, (struct sockaddr*)&got, &glen));
    pname("rebound", &got, glen);

    // Missing paths, a regular file, a directory.
    struct sockaddr_un m = {AF_UNIX, "nodir/x.sock"};
    T(bind(l2, (struct sockaddr*)&m, sizeof m));
    T(connect(c2, (struct sockaddr*)&m, sizeof m));
    strcpy(m.sun_path, "missing.sock");
    T(connect(c2, (struct sockaddr*)&m, sizeof m));
    write_file("plain", "x");
    strcpy(m.sun_path, "plain");
    T(connect(c2, (struct sockaddr*)&m, sizeof m));
    T(bind(l2, (struct sockaddr*)&m, sizeof m));
    mkdir("dir", 0755);
    strcpy(m.sun_path, "dir");
    T(connect(c2, (struct sockaddr*)&m, sizeof m));
    // A symlink to a socket node is followed by connect.
    T(listen(l3, 1));
    T(symlink("srv.sock", "link.sock"));
    strcpy(m.sun_path, "link.sock");
    T(connect(c2, (struct sockaddr*)&m, sizeof m));
    int s2 = accept(l3, NULL, NULL);
    printf("accepted via link %d\n", s2 >= 0);

    close(c); close(s); close(c2); close(l2); close(l3); close(s2);
    unlink("srv.sock"); unlink("link.sock"); unlink("plain"); rmdir("dir");
    return 0;
}
