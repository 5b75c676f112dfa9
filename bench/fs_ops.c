// File-system micro-benchmarks: the same source is built natively and linked
// with libukp, and bench/run_fs.py compares the two in one run.
//
//   fs_ops WORKDIR [--budget-ms N] [--reps R] [--iters N] [--only OP]
//
// Every operation runs in a timed loop inside WORKDIR (created if missing);
// bench.h has the harness and the output format. --iters fixes the loop
// size (for callgrind runs), otherwise each operation gets about --budget-ms.
#include "bench.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_CAP 512
#define READDIR_ENTRIES 100

static char g_dir[PATH_CAP];
static char g_small[PATH_CAP];    // a small existing file: open, stat
static char g_data[PATH_CAP];     // a 16 KiB file: pread, pwrite
static char g_new[PATH_CAP];      // create+unlink, mkdir+rmdir
static char g_ren_a[PATH_CAP];
static char g_ren_b[PATH_CAP];
static char g_rd[PATH_CAP];       // a directory with READDIR_ENTRIES files
static int g_data_fd = -1;
static char g_buf[4096];
static int g_use_getdents;  // readdir through open+getdents64 (opendir not bridged)

static void join(char* out, const char* dir, const char* name) {
    if ((size_t)snprintf(out, PATH_CAP, "%s/%s", dir, name) >= PATH_CAP) {
        fprintf(stderr, "fs_ops: path too long\n");
        exit(1);
    }
}

// ---- the operations -------------------------------------------------------

static void op_getppid(long n) {
    for (long i = 0; i < n; ++i) g_sink += getppid();
}

static void op_open_close(long n) {
    for (long i = 0; i < n; ++i) {
        int fd = open(g_small, O_RDONLY);
        if (fd < 0) die("open", g_small);
        close(fd);
    }
}

static void op_stat(long n) {
    struct stat st;
    for (long i = 0; i < n; ++i) {
        if (stat(g_small, &st) != 0) die("stat", g_small);
        g_sink += st.st_size;
    }
}

static void op_fstat(long n) {
    struct stat st;
    for (long i = 0; i < n; ++i) {
        if (fstat(g_data_fd, &st) != 0) die("fstat", g_data);
        g_sink += st.st_size;
    }
}

static void op_pread(long n) {
    for (long i = 0; i < n; ++i)
        if (pread(g_data_fd, g_buf, sizeof g_buf, 4096) != (ssize_t)sizeof g_buf) die("pread", g_data);
}

static void op_pwrite(long n) {
    for (long i = 0; i < n; ++i)
        if (pwrite(g_data_fd, g_buf, sizeof g_buf, 4096) != (ssize_t)sizeof g_buf) die("pwrite", g_data);
}

static void op_create_unlink(long n) {
    for (long i = 0; i < n; ++i) {
        int fd = open(g_new, O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (fd < 0) die("create", g_new);
        close(fd);
        if (unlink(g_new) != 0) die("unlink", g_new);
    }
}

static void op_mkdir_rmdir(long n) {
    for (long i = 0; i < n; ++i) {
        if (mkdir(g_new, 0755) != 0) die("mkdir", g_new);
        if (rmdir(g_new) != 0) die("rmdir", g_new);
    }
}

static void op_readdir(long n) {
    for (long i = 0; i < n; ++i) {
        long count = 0;
        if (g_use_getdents) {
            char buf[8192];
            int fd = open(g_rd, O_RDONLY | O_DIRECTORY);
            if (fd < 0) die("open", g_rd);
            ssize_t got;
            while ((got = getdents64(fd, buf, sizeof buf)) > 0) {
                for (ssize_t off = 0; off < got;) {
                    struct dirent64* d = (struct dirent64*)(buf + off);
                    off += d->d_reclen;
                    ++count;
                }
            }
            if (got < 0) die("getdents64", g_rd);
            close(fd);
        } else {
            DIR* d = opendir(g_rd);
            if (!d) die("opendir", g_rd);
            while (readdir(d)) ++count;
            closedir(d);
        }
        if (count != READDIR_ENTRIES + 2) {
            errno = EIO;
            die("readdir saw a wrong number of entries in", g_rd);
        }
    }
}

static void op_rename(long n) {
    for (long i = 0; i < n; ++i) {
        if (rename(g_ren_a, g_ren_b) != 0) die("rename", g_ren_a);
        if (rename(g_ren_b, g_ren_a) != 0) die("rename", g_ren_b);
    }
}

// ---- set-up and tear-down ---------------------------------------------------

static void make_file(const char* path, size_t size) {
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) die("create", path);
    memset(g_buf, 'x', sizeof g_buf);
    for (size_t done = 0; done < size;) {
        size_t n = size - done < sizeof g_buf ? size - done : sizeof g_buf;
        if (write(fd, g_buf, n) != (ssize_t)n) die("write", path);
        done += n;
    }
    close(fd);
}

static int g_can_mkdir, g_can_unlink;

static void setup(const char* workdir) {
    g_can_mkdir = BRIDGED((void*)mkdir, (void*)rmdir);
    g_can_unlink = BRIDGED((void*)unlink);
    snprintf(g_dir, sizeof g_dir, "%s", workdir);
    struct stat st;
    if (stat(g_dir, &st) != 0) {
        if (!g_can_mkdir) {
            // Never let an unbridged mkdir create the directory on the host.
            fprintf(stderr, "fs_ops: %s does not exist and mkdir is not bridged; using /tmp\n", g_dir);
            snprintf(g_dir, sizeof g_dir, "/tmp");
        } else if (mkdir(g_dir, 0755) != 0 && errno != EEXIST) {
            die("mkdir", g_dir);
        }
    }
    join(g_small, g_dir, "small");
    join(g_data, g_dir, "data");
    join(g_new, g_dir, "new");
    join(g_ren_a, g_dir, "ren-a");
    join(g_ren_b, g_dir, "ren-b");
    join(g_rd, g_dir, "rd");
    make_file(g_small, 100);
    make_file(g_data, 16384);
    make_file(g_ren_a, 100);
    g_data_fd = open(g_data, O_RDWR);
    if (g_data_fd < 0) die("open", g_data);
    if (g_can_mkdir) {
        if (mkdir(g_rd, 0755) != 0 && errno != EEXIST) die("mkdir", g_rd);
        for (int i = 0; i < READDIR_ENTRIES; ++i) {
            char name[64], path[PATH_CAP];
            snprintf(name, sizeof name, "entry-%03d", i);
            join(path, g_rd, name);
            make_file(path, 0);
        }
    }
}

static void teardown(void) {
    close(g_data_fd);
    if (!g_can_unlink) return;  // the kernel's ramfs vanishes with the process
    unlink(g_small);
    unlink(g_data);
    unlink(g_ren_a);
    unlink(g_ren_b);
    unlink(g_new);
    if (g_can_mkdir) {
        rmdir(g_new);
        for (int i = 0; i < READDIR_ENTRIES; ++i) {
            char name[64], path[PATH_CAP];
            snprintf(name, sizeof name, "entry-%03d", i);
            join(path, g_rd, name);
            unlink(path);
        }
        rmdir(g_rd);
        if (strcmp(g_dir, "/tmp") != 0) rmdir(g_dir);
    }
}

// After a failed operation: put back what the next ones expect.
static void recover(void) {
    if (g_can_unlink) unlink(g_new);
    if (g_can_mkdir) rmdir(g_new);
    if (BRIDGED((void*)rename)) rename(g_ren_b, g_ren_a);
}

int main(int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: %s WORKDIR [--budget-ms N] [--reps R] [--iters N] [--only OP]\n", argv[0]);
        return 2;
    }
    struct BenchOptions opts = bench_options(argc, argv, 2);

    setup(argv[1]);
    int have_opendir = BRIDGED((void*)opendir, (void*)readdir, (void*)closedir);
    int have_getdents = BRIDGED((void*)getdents64, (void*)open, (void*)close);
    g_use_getdents = !have_opendir && have_getdents;

    struct Op ops[] = {
        {"getppid", op_getppid, 1, ""},
        {"open_close", op_open_close, BRIDGED((void*)open, (void*)close), "open/close"},
        {"stat", op_stat, BRIDGED((void*)stat), "stat"},
        {"fstat", op_fstat, BRIDGED((void*)fstat), "fstat"},
        {"pread_4k", op_pread, BRIDGED((void*)pread), "pread"},
        {"pwrite_4k", op_pwrite, BRIDGED((void*)pwrite), "pwrite"},
        {"create_unlink", op_create_unlink, BRIDGED((void*)open, (void*)close, (void*)unlink), "unlink"},
        {"mkdir_rmdir", op_mkdir_rmdir, g_can_mkdir, "mkdir/rmdir"},
        {"readdir_100", op_readdir, g_can_mkdir && (have_opendir || have_getdents), "opendir or getdents64, mkdir"},
        {"rename", op_rename, BRIDGED((void*)rename), "rename"},
    };

    printf("# build %s\n", BENCH_UKP ? "ukp" : "native");
    printf("# workdir %s\n", g_dir);
    if (BENCH_UKP) {
        printf("# getppid served by %s\n", served_by_ukp((void*)getppid) ? "the ukp kernel" : "the host");
        printf("# readdir via %s\n", have_opendir ? "opendir" : have_getdents ? "getdents64" : "(none)");
    }
    bench_run(ops, sizeof ops / sizeof ops[0], opts, recover);
    teardown();
    return 0;
}
