/* A ukp program that works in volumes (UKP_VOLUME) and tries every way out.
 * check_volume.py mounts HOST:/data and HOST2:/ro:ro and compares what this
 * prints with what the host sees. Lines: "ok NAME", "FAIL NAME: why", and
 * "val NAME=VALUE" for the checker. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int cond, const char* name, const char* why) {
    if (cond) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: %s (errno %s)\n", name, why, strerror(errno));
        failures++;
    }
}

static int put(const char* path, const char* text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The file's text (up to 255 bytes) or "" with errno set. */
static const char* get(const char* path, char* buf) {
    buf[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return buf;
    ssize_t n = read(fd, buf, 255);
    buf[n > 0 ? n : 0] = 0;
    close(fd);
    return buf;
}

static int err_of(int r) { return r < 0 ? errno : 0; }

static ino_t ino_of(const char* path) {
    struct stat st;
    return stat(path, &st) == 0 ? st.st_ino : 0;
}

static int secret(const char* text) { return strstr(text, "SECRET") || strstr(text, "root:x:0:0"); }

static void work(void) {
    char buf[256];
    check(strcmp(get("/data/host.txt", buf), "made on the host\n") == 0, "read-host-file", buf);
    check(put("/data/new.txt", "written inside\n") == 0, "create-write", "");
    check(mkdir("/data/dir", 0755) == 0, "mkdir", "");
    check(rename("/data/new.txt", "/data/dir/renamed.txt") == 0, "rename", "");
    check(unlink("/data/delete-me.txt") == 0, "unlink", "");
    check(access("/data/delete-me.txt", F_OK) != 0 && errno == ENOENT, "unlink-gone", "");
    DIR* d = opendir("/data");
    int seen = 0;
    for (struct dirent* e; d && (e = readdir(d));) {
        if (!strcmp(e->d_name, "host.txt") || !strcmp(e->d_name, "dir")) seen++;
        if (!strcmp(e->d_name, "delete-me.txt")) seen = -100;
    }
    if (d) closedir(d);
    check(seen == 2, "readdir", "host.txt and dir listed, delete-me.txt not");
    struct stat st;
    check(stat("/data/host.txt", &st) == 0 && st.st_size == 17, "stat-size", "");
    printf("val uid=%u gid=%u file_uid=%u file_gid=%u\n", getuid(), getgid(), st.st_uid, st.st_gid);
    check(stat("/data/dir/renamed.txt", &st) == 0 && S_ISREG(st.st_mode), "stat-renamed", "");
    errno = 0;
    int fd = open("/data/rootonly.txt", O_RDONLY);
    printf("val rootonly=%s\n", fd >= 0 ? "opened" : errno == EACCES ? "EACCES" : "other-error");
    if (fd >= 0) close(fd);
}

static void read_only(void) {
    char buf[256];
    check(strcmp(get("/ro/host.txt", buf), "made on the host\n") == 0, "ro-read", buf);
    check(err_of(open("/ro/x", O_WRONLY | O_CREAT, 0644)) == EROFS, "ro-create", "");
    check(err_of(open("/ro/host.txt", O_WRONLY)) == EROFS, "ro-open-write", "");
    check(err_of(unlink("/ro/host.txt")) == EROFS, "ro-unlink", "");
    check(err_of(mkdir("/ro/d", 0755)) == EROFS, "ro-mkdir", "");
    check(err_of(rename("/ro/host.txt", "/ro/y")) == EROFS, "ro-rename", "");
    check(err_of(chmod("/ro/host.txt", 0600)) == EROFS, "ro-chmod", "");
    check(err_of(truncate("/ro/host.txt", 0)) == EROFS, "ro-truncate", "");
    check(err_of(symlink("t", "/ro/s")) == EROFS, "ro-symlink", "");
}

static volatile int racing;

/* Swaps /data/race between a directory and a kernel symlink to "/". */
static void* flip(void* arg) {
    (void)arg;
    long flips = 0;
    while (racing) flips += renameat2(AT_FDCWD, "/data/race", AT_FDCWD, "/data/race-alt", RENAME_EXCHANGE) == 0;
    return (void*)flips;
}

static void escapes(void) {
    char buf[256];
    // The kernel's own /etc/passwd, to tell it from the host's.
    mkdir("/etc", 0755);
    check(put("/etc/passwd", "KERNEL\n") == 0, "kernel-passwd", "");

    check(ino_of("/data/..") == ino_of("/"), "dotdot-is-guest-parent", "");
    check(ino_of("/data/dir/../../../..") == ino_of("/"), "dotdot-stays-at-root", "");
    get("/data/../outside-secret.txt", buf);
    check(buf[0] == 0 && errno == ENOENT, "dotdot-no-host-parent", buf);
    get("/data/abs-link", buf);  // -> the secret's absolute host path
    check(buf[0] == 0 && errno == ENOENT, "absolute-symlink-kernel-namespace", buf);
    get("/data/rel-link", buf);  // -> ../outside-secret.txt
    check(buf[0] == 0 && errno == ENOENT, "relative-symlink-up-stays-inside", buf);
    get("/data/etc-link/passwd", buf);  // -> /etc
    check(strcmp(buf, "KERNEL\n") == 0, "symlink-to-etc-is-kernel-etc", buf);

    get("/proc/self/root/etc/passwd", buf);
    check(!secret(buf), "proc-self-root", buf);
    int dfd = open("/data", O_RDONLY | O_DIRECTORY);
    char magic[64];
    snprintf(magic, sizeof magic, "/proc/self/fd/%d/../outside-secret.txt", dfd);
    get(magic, buf);
    check(buf[0] == 0 && errno == ENOENT, "proc-self-fd-dotdot", buf);
    snprintf(magic, sizeof magic, "/proc/self/fd/%d/..", dfd);
    check(ino_of(magic) == ino_of("/"), "proc-self-fd-dotdot-is-kernel-root", "");
    get("/proc/self/fd/0/../../etc/passwd", buf);
    check(!secret(buf), "proc-self-fd-console", buf);
    close(dfd);

    check(err_of(link("/data/host.txt", "/tmp/out")) == EXDEV, "hardlink-out-exdev", "");
    check(err_of(link("/etc/passwd", "/data/pw")) == EXDEV, "hardlink-in-exdev", "");
    check(err_of(link("/data/../outside-secret.txt", "/data/pw")) == ENOENT, "hardlink-host-path", "");
    check(err_of(linkat(AT_FDCWD, "/data/abs-link", AT_FDCWD, "/data/pw", AT_SYMLINK_FOLLOW)) == ENOENT,
          "hardlink-follow-abs-link", "");

    // Race: the host (check_volume.py) flips /data/race-host between a
    // directory and a symlink to a host directory outside; a thread here
    // exchanges /data/race with a kernel symlink to "/". Neither may ever
    // give a file from outside the volume.
    mkdir("/data/race", 0755);
    mkdir("/data/race/etc", 0755);
    put("/data/race/etc/passwd", "inside\n");
    symlink("/", "/data/race-alt");
    racing = 1;
    pthread_t t;
    pthread_create(&t, NULL, flip, NULL);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long opens = 0, inside = 0, kernel = 0, escaped = 0, host_inside = 0, host_escaped = 0;
    do {
        get("/data/race/etc/passwd", buf);
        opens++;
        if (!strcmp(buf, "inside\n")) inside++;
        else if (!strcmp(buf, "KERNEL\n")) kernel++;
        else if (secret(buf)) escaped++;
        get("/data/race-host/etc/passwd", buf);
        if (!strcmp(buf, "inside\n")) host_inside++;
        else if (secret(buf)) host_escaped++;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) < 1000000000L);
    racing = 0;
    void* flips = NULL;
    pthread_join(t, &flips);
    printf("val race flips=%ld opens=%ld inside=%ld kernel=%ld escaped=%ld host_inside=%ld host_escaped=%ld\n", (long)flips, opens,
           inside, kernel, escaped, host_inside, host_escaped);
    check(escaped == 0 && host_escaped == 0, "race-never-escapes", "a read reached a host file outside");
}

int main(int argc, char** argv) {
    const char* what = argc > 1 ? argv[1] : "all";
    if (!strcmp(what, "all") || !strcmp(what, "work")) work();
    if (!strcmp(what, "all") || !strcmp(what, "ro")) read_only();
    if (!strcmp(what, "all") || !strcmp(what, "escapes")) escapes();
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
