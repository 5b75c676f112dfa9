// readdir while entries are created and deleted: no entry is returned
// twice, and entries present throughout are returned exactly once.
#include "common.h"

int main(void) {
    mkdir("d", 0755);
    char p[64];
    for (int i = 0; i < 100; ++i) { snprintf(p, sizeof p, "d/keep%03d", i); write_file(p, ""); }
    for (int i = 0; i < 50; ++i) { snprintf(p, sizeof p, "d/del%03d", i); write_file(p, ""); }
    DIR* dir = opendir("d");
    if (!dir) { printf("opendir: %s\n", en(errno)); return 1; }
    static char seen[1000][256];
    int n = 0, dup = 0, step = 0;
    struct dirent* e;
    while ((e = readdir(dir))) {
        for (int i = 0; i < n; ++i) if (!strcmp(seen[i], e->d_name)) ++dup;
        snprintf(seen[n++], 256, "%s", e->d_name);
        if (step < 50) {
            snprintf(p, sizeof p, "d/del%03d", step); unlink(p);
            snprintf(p, sizeof p, "d/new%03d", step); write_file(p, "");
        }
        ++step;
    }
    int keep = 0;
    for (int i = 0; i < 100; ++i) {
        int c = 0;
        snprintf(p, sizeof p, "keep%03d", i);
        for (int j = 0; j < n; ++j) c += !strcmp(seen[j], p);
        keep += c == 1;
    }
    printf("duplicates=%d keep-seen-once=%d/100\n", dup, keep);
    closedir(dir);
    dir = opendir("d");
    n = 0;
    while (readdir(dir)) ++n;
    closedir(dir);
    printf("final entries=%d\n", n);
    return 0;
}
