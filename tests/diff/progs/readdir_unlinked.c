// Listing a directory after entries (or the directory) are unlinked while open.
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    write_file("d/a", "");
    write_file("d/b", "");
    write_file("d/c", "");
    DIR* dir = opendir("d");
    if (!dir) { printf("opendir: %s\n", en(errno)); return 1; }
    T(unlink("d/b"));
    char* names[16];
    int n = 0;
    struct dirent* e;
    while ((e = readdir(dir)) && n < 16) names[n++] = strdup(e->d_name);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("after unlink of b:");
    for (int i = 0; i < n; ++i) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
    closedir(dir);
    mkdir("gone", 0755);
    int fd = MUST(open("gone", O_RDONLY | O_DIRECTORY));
    T(rmdir("gone"));
    dir = fdopendir(fd);
    n = 0;
    while (dir && (e = readdir(dir))) ++n;
    printf("removed dir entries=%d\n", n);
    T(openat(fd, "x", O_RDWR | O_CREAT, 0644));   // ENOENT
    T(mkdirat(fd, "x", 0755));                    // ENOENT
    struct stat st;
    T(fstat(fd, &st));
    printf("removed dir nlink=%lu\n", (unsigned long)st.st_nlink);
    if (dir) closedir(dir);
    return 0;
}
