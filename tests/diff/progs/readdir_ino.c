// readdir's d_ino and d_type agree with lstat.
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    write_file("d/reg", "x");
    mkdir("d/dir", 0755);
    symlink("reg", "d/lnk");
    link("d/reg", "d/hard");
    DIR* dir = opendir("d");
    if (!dir) { printf("opendir: %s\n", en(errno)); return 1; }
    struct dirent* e;
    char* lines[16];
    int n = 0;
    while ((e = readdir(dir)) && n < 16) {
        char p[300];
        snprintf(p, sizeof p, "d/%s", e->d_name);
        struct stat st;
        lstat(p, &st);
        char buf[400];
        snprintf(buf, sizeof buf, "%s: ino matches=%d type matches=%d", e->d_name, e->d_ino == st.st_ino,
                 e->d_type == IFTODT(st.st_mode));
        lines[n++] = strdup(buf);
    }
    closedir(dir);
    qsort(lines, n, sizeof lines[0], cmp_str);
    for (int i = 0; i < n; ++i) { printf("%s\n", lines[i]); free(lines[i]); }
    struct stat a, b;
    stat("d/reg", &a);
    stat("d/hard", &b);
    printf("hard link same ino=%d\n", a.st_ino == b.st_ino);
    return 0;
}
