// Threads create, rename and delete files in one directory; the final
// listing is exactly what the operations imply.
#include "common.h"
#include <pthread.h>

#define THREADS 6
#define FILES 100

static void* worker(void* arg) {
    int id = (int)(long)arg;
    char a[64], b[64];
    for (int i = 0; i < FILES; ++i) {
        snprintf(a, sizeof a, "d/t%d-%03d.tmp", id, i);
        snprintf(b, sizeof b, "d/t%d-%03d", id, i);
        int fd = open(a, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) return (void*)1;
        if (write(fd, b, strlen(b)) < 0) return (void*)2;
        close(fd);
        if (rename(a, b) < 0) return (void*)3;
        if (i % 3 == 0) {
            if (unlink(b) < 0) return (void*)4;
            continue;
        }
        // all threads atomically replace one shared name
        snprintf(a, sizeof a, "d/shared-%d", id);
        if (link(b, a) < 0) return (void*)5;
        if (rename(a, "d/shared") < 0) return (void*)6;
    }
    return NULL;
}

int main(void) {
    MUST(mkdir("d", 0755));
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, worker, (void*)i);
    for (int i = 0; i < THREADS; ++i) {
        void* r;
        pthread_join(t[i], &r);
        printf("thread %d: %ld\n", i, (long)r);
    }
    DIR* dir = opendir("d");
    int n = 0, tmp = 0, shared = 0;
    struct dirent* e;
    while (dir && (e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        ++n;
        tmp += strstr(e->d_name, ".tmp") != NULL;
        shared += !strcmp(e->d_name, "shared");
    }
    if (dir) closedir(dir);
    printf("entries=%d tmp=%d shared=%d\n", n, tmp, shared);
    struct stat st;
    T(stat("d", &st));
    printf("dir nlink=%lu\n", (unsigned long)st.st_nlink);
    T(stat("d/shared", &st) == 0 && st.st_size > 0);
    return 0;
}
