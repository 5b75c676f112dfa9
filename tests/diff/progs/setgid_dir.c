// A setgid directory passes its group and its setgid bit down.
#include "common.h"

static void own(const char* p) {
    struct stat st;
    if (lstat(p, &st) < 0) { printf("%s: %s\n", p, en(errno)); return; }
    printf("%s: type=%s gid=%u mode=%04o\n", p, ftype(st.st_mode), st.st_gid, st.st_mode & 07777);
}

int main(void) {
    umask(022);
    mkdir("g", 0755);
    T(chown("g", 0, 4242));
    T(chmod("g", 02775));
    own("g");
    write_file("g/file", "x");
    own("g/file");
    T(mkdir("g/sub", 0755));
    own("g/sub");                     // gid 4242 and setgid inherited
    write_file("g/sub/deep", "y");
    own("g/sub/deep");
    T(symlink("file", "g/ln"));
    own("g/ln");
    mkdir("plain", 0755);
    write_file("plain/f", "z");
    own("plain/f");
    T(rename("plain/f", "g/moved"));  // rename keeps the old group
    own("g/moved");
    return 0;
}
