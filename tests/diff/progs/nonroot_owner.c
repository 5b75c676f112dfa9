// As an unprivileged user: chmod/utimes/chown of files owned by someone else.
#include "common.h"

int main(void) {
    struct stat st;
    T(stat("/tmp", &st));
    printf("/tmp owned by me: %d sticky: %d\n", st.st_uid == geteuid(), !!(st.st_mode & S_ISVTX));
    T(chmod("/tmp", st.st_mode & 07777));   // EPERM: not the owner
    T(chmod("/dev/null", 0666));            // EPERM
    T(utimensat(AT_FDCWD, "/dev/null", NULL, 0));   // ok: writable and NULL times
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    T(utimensat(AT_FDCWD, "/dev/null", ts, 0));     // EPERM: explicit times need ownership
    T(chown("/dev/null", geteuid(), -1));   // EPERM
    write_file("mine", "x");
    T(chown("mine", 0, -1));                // EPERM: giving away
    T(chown("mine", geteuid(), -1));        // no change: ok
    T(chown("mine", -1, 0));                // EPERM: not a member of group 0
    T(chmod("mine", 04755));                // setuid on own file: ok
    T(stat("mine", &st));
    printf("mode=%04o\n", st.st_mode & 07777);
    T(mkdir("/tmp/../tmp", 0755));          // EEXIST
    T(setuid(0));                           // EPERM
    return 0;
}
