// chown/fchown/lchown as root: ownership changes, -1 keeps, setuid cleared.
#include "common.h"

static void own(const char* p) {
    struct stat st;
    if (lstat(p, &st) < 0) { printf("%s: %s\n", p, en(errno)); return; }
    printf("%s: uid=%u gid=%u mode=%04o\n", p, st.st_uid, st.st_gid, st.st_mode & 07777);
}

int main(void) {
    write_file("f", "x");
    symlink("f", "ln");
    T(chown("f", 1000, 1000));
    own("f");
    T(chown("f", -1, 2000));
    own("f");
    T(chown("f", 3000, -1));
    own("f");
    T(chmod("f", 06755));
    own("f");
    T(chown("f", 3000, 3000));         // clears setuid/setgid on a regular file
    own("f");
    T(chmod("f", 02745));              // setgid without group exec: kept
    T(chown("f", 4000, -1));
    own("f");
    T(lchown("ln", 5000, 5000));
    own("ln");
    own("f");
    T(chown("ln", 6000, 6000));        // follows
    own("f");
    int fd = MUST(open("f", O_RDONLY));
    T(fchown(fd, 0, 0));
    own("f");
    T(fchownat(AT_FDCWD, "ln", 7, 7, AT_SYMLINK_NOFOLLOW));
    own("ln");
    T(fchownat(AT_FDCWD, "f", 7, 7, 0x1));   // EINVAL
    T(chown("missing", 0, 0));         // ENOENT
    close(fd);
    T(fchown(fd, 0, 0));               // EBADF
    mkdir("d", 0755);
    T(chmod("d", 02755));
    T(chown("d", 8, 8));
    own("d");                          // directories keep setgid
    return 0;
}
