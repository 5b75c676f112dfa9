// /proc/self/exe names this program's file (an absolute path ending in its
// name: under ukp the host's path, which the kernel shows where the host's
// directories are mounted); /proc/self/root is "/".
#include "common.h"

int main(int argc, char** argv) {
    (void)argc;
    char exe[PATH_MAX], root[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n < 0 ? 0 : n] = '\0';
    const char* base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    const char* exe_base = strrchr(exe, '/');
    printf("exe absolute: %d\n", exe[0] == '/');
    printf("exe ends in this program's name: %d\n", exe_base && strcmp(exe_base + 1, base) == 0);
    n = readlink("/proc/self/root", root, sizeof root - 1);
    root[n < 0 ? 0 : n] = '\0';
    printf("root: %s\n", root);
    struct stat st;
    T(lstat("/proc/self/exe", &st));
    printf("exe is a link: %d\n", S_ISLNK(st.st_mode));
    T(readlink("/proc/self/exe", exe, 0));
    return 0;
}
