// utimensat: explicit times, UTIME_NOW, UTIME_OMIT, symlinks, errors.
#include "common.h"
#include <time.h>

static void times_of(const char* label, const char* p, int flags) {
    struct stat st;
    if (fstatat(AT_FDCWD, p, &st, flags) < 0) { printf("%s: %s\n", label, en(errno)); return; }
    printf("%s: atime=%lld.%09ld mtime=%lld.%09ld\n", label, (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static int recent(const char* p, int which_m) {
    struct stat st;
    stat(p, &st);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    time_t t = which_m ? st.st_mtim.tv_sec : st.st_atim.tv_sec;
    return t <= now.tv_sec && t >= now.tv_sec - 5;
}

int main(void) {
    write_file("f", "x");
    struct timespec ts[2] = {{1000000000, 123456789}, {1500000000, 987654321}};
    T(utimensat(AT_FDCWD, "f", ts, 0));
    times_of("explicit", "f", 0);
    struct timespec omit_a[2] = {{0, UTIME_OMIT}, {1600000000, 5}};
    T(utimensat(AT_FDCWD, "f", omit_a, 0));
    times_of("omit atime", "f", 0);
    struct timespec now_a[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
    T(utimensat(AT_FDCWD, "f", now_a, 0));
    printf("atime now recent=%d\n", recent("f", 0));
    struct stat st;
    stat("f", &st);
    printf("mtime kept: %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    T(utimensat(AT_FDCWD, "f", NULL, 0));
    printf("both now: a=%d m=%d\n", recent("f", 0), recent("f", 1));
    struct timespec neg[2] = {{-1, 0}, {0, 0}};
    T(utimensat(AT_FDCWD, "f", neg, 0));   // allowed on Linux
    times_of("negative/zero", "f", 0);
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    T(utimensat(AT_FDCWD, "f", bad, 0));   // EINVAL
    struct timespec badn[2] = {{0, -5}, {0, 0}};
    T(utimensat(AT_FDCWD, "f", badn, 0));  // EINVAL
    symlink("f", "ln");
    struct timespec t2[2] = {{2000, 1}, {3000, 2}};
    T(utimensat(AT_FDCWD, "ln", t2, AT_SYMLINK_NOFOLLOW));
    times_of("link itself", "ln", AT_SYMLINK_NOFOLLOW);
    times_of("target kept", "f", 0);
    T(utimensat(AT_FDCWD, "ln", t2, 0));
    times_of("target via link", "f", 0);
    T(utimensat(AT_FDCWD, "missing", NULL, 0));   // ENOENT
    T(utimensat(AT_FDCWD, "f", NULL, 0x1));       // EINVAL
    mkdir("d", 0755);
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    write_file("d/g", "y");
    T(utimensat(dfd, "g", ts, 0));
    times_of("via dirfd", "d/g", 0);
    struct timespec both_omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
    T(utimensat(AT_FDCWD, "f", both_omit, 0));
    times_of("both omit", "f", 0);
    return 0;
}
