// N threads append fixed-size records to one O_APPEND file: the total size
// is exact and no record is torn or lost.
#include "common.h"
#include <pthread.h>

#define THREADS 8
#define RECORDS 500
#define RECLEN 64

static int fd;

static void* worker(void* arg) {
    int id = (int)(long)arg;
    char rec[RECLEN];
    for (int i = 0; i < RECORDS; ++i) {
        memset(rec, 'a' + id, RECLEN);
        snprintf(rec, 16, "%02d:%05d", id, i);
        rec[8] = '|';
        rec[RECLEN - 1] = '\n';
        if (write(fd, rec, RECLEN) != RECLEN) return (void*)1;
    }
    return NULL;
}

int main(void) {
    fd = MUST(open("log", O_WRONLY | O_CREAT | O_APPEND, 0644));
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, worker, (void*)i);
    int fails = 0;
    for (int i = 0; i < THREADS; ++i) { void* r; pthread_join(t[i], &r); fails += r != NULL; }
    close(fd);
    printf("failed threads=%d\n", fails);
    struct stat st;
    stat("log", &st);
    printf("size=%lld expected=%d\n", (long long)st.st_size, THREADS * RECORDS * RECLEN);
    static char all[THREADS * RECORDS * RECLEN];
    int r = MUST(open("log", O_RDONLY));
    ssize_t got = 0, n;
    while ((n = read(r, all + got, sizeof all - got)) > 0) got += n;
    int torn = 0, next[THREADS] = {0}, order = 0;
    for (ssize_t o = 0; o + RECLEN <= got; o += RECLEN) {
        char* rec = all + o;
        int id = (rec[0] - '0') * 10 + (rec[1] - '0');
        if (id < 0 || id >= THREADS || rec[RECLEN - 1] != '\n' || rec[8] != '|') { ++torn; continue; }
        for (int k = 9; k < RECLEN - 1; ++k) if (rec[k] != 'a' + id) { ++torn; break; }
        int seq = atoi(rec + 3);
        if (seq != next[id]) ++order;
        next[id] = seq + 1;
    }
    int complete = 1;
    for (int i = 0; i < THREADS; ++i) complete &= next[i] == RECORDS;
    printf("read=%zd torn=%d out-of-order=%d complete=%d\n", got, torn, order, complete);
    return 0;
}
