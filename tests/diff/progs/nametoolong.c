// ENAMETOOLONG: a 256-byte component, a path of 4096 bytes or more.
#include "common.h"

int main(void) {
    char name[300];
    memset(name, 'n', 255);
    name[255] = 0;
    struct stat st;
    T(open(name, O_RDWR | O_CREAT, 0644) >= 0);   // 255 is fine
    T(stat(name, &st));
    T(unlink(name));
    memset(name, 'n', 256);
    name[256] = 0;
    T(open(name, O_RDWR | O_CREAT, 0644));        // ENAMETOOLONG
    T(stat(name, &st));
    T(mkdir(name, 0755));
    T(symlink("x", name));
    T(unlink(name));
    // a path of 4096 bytes (with the NUL 4097): too long, even if its parts are fine
    static char path[8192];
    size_t n = 0;
    while (n < 4096) { path[n++] = 'a'; if (n % 100 == 0 && n < 4096) path[n++] = '/'; }
    path[4096] = 0;
    T(stat(path, &st));                           // ENAMETOOLONG
    T(open(path, O_RDONLY));
    // 4095 bytes: allowed length, missing -> ENOENT
    path[4095] = 0;
    T(stat(path, &st));
    // "./././..." 4095 chars resolving to the cwd
    for (int i = 0; i < 4094; i += 2) { path[i] = '.'; path[i + 1] = '/'; }
    path[4094] = '.';
    path[4095] = 0;
    T(stat(path, &st));
    // symlink target length: 4095 ok, 4096 ENAMETOOLONG
    static char target[5000];
    memset(target, 't', 4095);
    target[4095] = 0;
    T(symlink(target, "l4095"));
    memset(target, 't', 4096);
    target[4096] = 0;
    T(symlink(target, "l4096"));
    T(getcwd(path, 0) == NULL ? -1 : 0);          // EINVAL? glibc allocates
    return 0;
}
