// Threads storing into a shared map while others read the file with
// pread and through a second map; the file grows meanwhile.
#include "common.h"

#include <pthread.h>
#include <sys/mman.h>

enum { kPages = 16, kWriters = 4, kRounds = 200 };

static int fd;
static char* map;
static volatile int bad;

static void* writer(void* arg) {
    int id = (int)(long)arg;
    for (int r = 0; r < kRounds; ++r)
        for (int pg = id; pg < kPages; pg += kWriters) {
            // Each page holds one round number, written as 8 equal bytes.
            memset(map + pg * 4096 + 64, 'a' + r % 26, 8);
        }
    return NULL;
}

static void* reader(void* arg) {
    (void)arg;
    char* view = mmap(NULL, kPages * 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (view == MAP_FAILED) { bad = 1; return NULL; }
    for (int r = 0; r < kRounds; ++r)
        for (int pg = 0; pg < kPages; ++pg) {
            char buf[8];
            if (pread(fd, buf, 8, pg * 4096 + 64) != 8) bad = 1;
            // A byte is one of the writers' values, never garbage.
            char c = view[pg * 4096 + 64 + r % 8];
            if (c != 0 && (c < 'a' || c > 'z')) bad = 1;
            if (buf[0] != 0 && (buf[0] < 'a' || buf[0] > 'z')) bad = 1;
        }
    munmap(view, kPages * 4096);
    return NULL;
}

static void* grower(void* arg) {
    (void)arg;
    for (int i = 0; i < 50; ++i) {
        char b = 'g';
        if (pwrite(fd, &b, 1, kPages * 4096 + i * 100) != 1) bad = 1;
    }
    return NULL;
}

int main(void) {
    fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(ftruncate(fd, kPages * 4096));
    map = mmap(NULL, (kPages + 2) * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    pthread_t t[kWriters + 3];
    for (int i = 0; i < kWriters; ++i) pthread_create(&t[i], NULL, writer, (void*)(long)i);
    pthread_create(&t[kWriters], NULL, reader, NULL);
    pthread_create(&t[kWriters + 1], NULL, reader, NULL);
    pthread_create(&t[kWriters + 2], NULL, grower, NULL);
    for (int i = 0; i < kWriters + 3; ++i) pthread_join(t[i], NULL);
    printf("bad: %d\n", bad);
    // After the joins every page holds the last round's value.
    char want = 'a' + (kRounds - 1) % 26;
    int same = 1;
    for (int pg = 0; pg < kPages; ++pg) {
        char buf[8];
        if (pread(fd, buf, 8, pg * 4096 + 64) != 8) same = 0;
        for (int i = 0; i < 8; ++i) same &= buf[i] == want && map[pg * 4096 + 64 + i] == want;
    }
    printf("final pages agree: %d\n", same);
    printf("grown page through map: %c\n", map[kPages * 4096 + 4900]);
    struct stat st;
    MUST(fstat(fd, &st));
    printf("size %lld\n", (long long)st.st_size);
    T(munmap(map, (kPages + 2) * 4096));
    close(fd);
    return 0;
}
