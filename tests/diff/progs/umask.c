// umask shapes the modes of created files, dirs, symlinks (not links).
#include "common.h"

int main(void) {
    T(umask(022));
    T(umask(077));
    T(umask(0777 | 07000));     // only 0777 kept
    T(umask(027));
    close(MUST(open("f", O_RDWR | O_CREAT, 0666)));
    show("f");
    mkdir("d", 0777);
    show("d");
    umask(0);
    close(MUST(open("g", O_RDWR | O_CREAT, 0777)));
    show("g");
    mkdir("e", 01777);
    show("e");
    umask(0777);
    close(MUST(open("h", O_RDWR | O_CREAT, 0666)));
    show("h");
    T(open("h", O_RDWR));        // root: ok; mode 0 file
    mkdir("z", 0777);
    show("z");
    symlink("f", "ln");
    show("ln");                  // symlinks are always 0777
    umask(022);
    close(MUST(open("h", O_RDWR | O_CREAT, 0666)));   // existing: mode unchanged
    show("h");
    T(umask(0));
    return 0;
}
