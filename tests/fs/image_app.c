/* A ukp program that reads an image mounted with UKP_IMAGE at /app (see
 * check_image.py): it prints every path under /app with its type, size,
 * mode and a checksum of its bytes (or a symlink's target), depth first in
 * name order, then tries to change the image. The checker compares the
 * listing with one made from the host tree. Lines: "node ...", "ok NAME",
 * "FAIL NAME: why". */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void check(int cond, const char* name) {
    if (cond) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: errno %s\n", name, strerror(errno));
        failures++;
    }
}

static unsigned long sum_of(const char* path, long* size) {
    FILE* f = fopen(path, "rb"); /* stdio: the kernel's files too */
    unsigned long h = 5381;
    *size = 0;
    if (!f) return 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        h = h * 33 + (unsigned char)c;
        ++*size;
    }
    fclose(f);
    return h;
}

static int by_name(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

static void walk(const char* dir, const char* rel) {
    DIR* d = opendir(dir);
    if (!d) {
        printf("FAIL opendir %s: %s\n", dir, strerror(errno));
        failures++;
        return;
    }
    char* names[256];
    int n = 0;
    struct dirent* e;
    while ((e = readdir(d)) && n < 256)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (int i = 0; i < n; i++) {
        char path[4096], sub[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (lstat(path, &st) != 0) {
            printf("FAIL lstat %s: %s\n", path, strerror(errno));
            failures++;
        } else if (S_ISDIR(st.st_mode)) {
            printf("node %s dir %o\n", sub, st.st_mode & 07777);
            walk(path, sub);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t k = readlink(path, target, sizeof target - 1);
            target[k < 0 ? 0 : k] = 0;
            printf("node %s link %s\n", sub, target);
        } else {
            long size;
            unsigned long h = sum_of(path, &size);
            printf("node %s file %o %ld %ld %lu\n", sub, st.st_mode & 07777, (long)st.st_size, size, h);
        }
        free(names[i]);
    }
}

int main(int argc, char** argv) {
    const char* root = argc > 1 ? argv[1] : "/app";
    struct stat st;
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("FAIL no image at %s\n", root);
        return 1;
    }
    walk(root, "");
    char p[4096];
    snprintf(p, sizeof p, "%s/new", root);
    errno = 0;
    check(open(p, O_WRONLY | O_CREAT, 0644) < 0 && errno == EROFS, "create-erofs");
    snprintf(p, sizeof p, "%s/dir", root);
    errno = 0;
    check(mkdir(p, 0755) < 0 && (errno == EROFS || errno == EEXIST), "mkdir-erofs");
    snprintf(p, sizeof p, "%s/hello.txt", root);
    errno = 0;
    check(open(p, O_RDWR) < 0 && errno == EROFS, "write-erofs");
    errno = 0;
    check(unlink(p) < 0 && errno == EROFS, "unlink-erofs");
    return failures ? 1 : 0;
}
