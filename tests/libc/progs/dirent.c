// opendir family over the kernel: listing, telldir/seekdir, readdir_r,
// fdopendir, scandir(at) with filters and sorts, errors.
#include "common.h"

#include <dirent.h>

static int not_dot(const struct dirent* e) { return e->d_name[0] != '.'; }
static int only_f(const struct dirent64* e) { return e->d_name[0] == 'f'; }
static int by_name(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

// The names in a directory, sorted, on one line.
static void list(const char* path) {
    DIR* d = opendir(path);
    if (!d) {
        printf("list %s: %s\n", path, en(errno));
        return;
    }
    char* names[64];
    int n = 0;
    struct dirent* e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    printf("list %s:", path);
    for (int i = 0; i < n; ++i) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // readdir_r is tested on purpose

int main(void) {
    mkdir("d", 0755);
    put_file("d/file1", "1");
    put_file("d/file10", "10");
    put_file("d/file2", "2");
    mkdir("d/sub", 0755);
    symlink("file1", "d/link");
    list("d");
    list("d/sub");

    // d_type is filled.
    DIR* d = opendir("d");
    int types = 0;
    struct dirent* e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, "sub")) types += e->d_type == DT_DIR;
        if (!strcmp(e->d_name, "link")) types += e->d_type == DT_LNK;
        if (!strcmp(e->d_name, "file1")) types += e->d_type == DT_REG;
    }
    CHECK("d_type", types == 3);
    errno = 0;
    CHECK("end without errno", readdir(d) == NULL && errno == 0);

    // telldir/seekdir replay the same entries.
    rewinddir(d);
    readdir(d);
    readdir(d);
    long pos = telldir(d);
    char after[3][256];
    for (int i = 0; i < 3; ++i) snprintf(after[i], 256, "%s", readdir(d)->d_name);
    seekdir(d, pos);
    int same = 1;
    for (int i = 0; i < 3; ++i) same &= strcmp(readdir(d)->d_name, after[i]) == 0;
    CHECK("seekdir replays", same);
    rewinddir(d);
    int count = 0;
    while (readdir(d)) ++count;
    CHECK("rewinddir gives all 7", count == 7);
    CHECK("dirfd is a directory fd", fcntl(dirfd(d), F_GETFD) >= 0);
    int fd_of_dir = dirfd(d);
    CHECK("closedir", closedir(d) == 0);
    EXPECT_ERR("closedir closed the fd", fcntl(fd_of_dir, F_GETFD) != -1, EBADF);

    // readdir_r / readdir64_r.
    d = opendir("d");
    struct dirent ent, *res;
    count = 0;
    while (readdir_r(d, &ent, &res) == 0 && res) ++count;
    CHECK("readdir_r", count == 7 && res == NULL);
    rewinddir(d);
    struct dirent64 ent64, *res64;
    CHECK("readdir64_r", readdir64_r(d, &ent64, &res64) == 0 && res64 == &ent64);
    closedir(d);

    // fdopendir takes the fd; errors for non-directories.
    int fd = open("d", O_RDONLY | O_DIRECTORY);
    d = fdopendir(fd);
    CHECK("fdopendir", d && dirfd(d) == fd && readdir(d));
    closedir(d);
    fd = open("d/file1", O_RDONLY);
    EXPECT_ERR("fdopendir on file", fdopendir(fd) != NULL, ENOTDIR);
    close(fd);
    EXPECT_ERR("fdopendir bad fd", fdopendir(999) != NULL, EBADF);
    EXPECT_ERR("opendir missing", opendir("nope") != NULL, ENOENT);
    EXPECT_ERR("opendir file", opendir("d/file1") != NULL, ENOTDIR);
    EXPECT_ERR("opendir empty", opendir("") != NULL, ENOENT);

    // scandir with filter and sorts.
    struct dirent** names;
    int n = scandir("d", &names, not_dot, alphasort);
    printf("scandir alphasort %d:", n);
    for (int i = 0; i < n; ++i) {
        printf(" %s", names[i]->d_name);
        free(names[i]);
    }
    printf("\n");
    free(names);
    n = scandir("d", &names, not_dot, versionsort);
    printf("scandir versionsort %d:", n);
    for (int i = 0; i < n; ++i) {
        printf(" %s", names[i]->d_name);
        free(names[i]);
    }
    printf("\n");
    free(names);
    struct dirent64** names64;
    int dfd = open("d", O_RDONLY | O_DIRECTORY);
    n = scandirat64(dfd, ".", &names64, only_f, alphasort64);
    printf("scandirat64 %d:", n);
    for (int i = 0; i < n; ++i) {
        printf(" %s", names64[i]->d_name);
        free(names64[i]);
    }
    printf("\n");
    free(names64);
    n = scandirat(AT_FDCWD, "d/sub", &names, NULL, NULL);
    CHECK("scandirat empty dir gives . and ..", n == 2);
    for (int i = 0; i < n; ++i) free(names[i]);
    free(names);
    close(dfd);
    EXPECT_ERR("scandir missing", scandir("nope", &names, NULL, NULL) >= 0, ENOENT);

    // A directory removed while open reads as empty.
    mkdir("gone", 0755);
    d = opendir("gone");
    rmdir("gone");
    errno = 0;
    CHECK("readdir of removed dir", readdir(d) == NULL && errno == 0);
    closedir(d);

    // Many entries: more than one getdents64 buffer.
    mkdir("many", 0755);
    char p[64];
    for (int i = 0; i < 600; ++i) {
        snprintf(p, sizeof p, "many/entry-with-a-long-name-%04d", i);
        put_file(p, "");
    }
    d = opendir("many");
    count = 0;
    while ((e = readdir(d))) ++count;
    closedir(d);
    CHECK("600 entries", count == 602);
    for (int i = 0; i < 600; ++i) {
        snprintf(p, sizeof p, "many/entry-with-a-long-name-%04d", i);
        unlink(p);
    }
    rmdir("many");
    unlink("d/file1");
    unlink("d/file10");
    unlink("d/file2");
    unlink("d/link");
    rmdir("d/sub");
    rmdir("d");
    return finish();
}
