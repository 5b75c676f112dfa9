// What programs read from /proc (ps, top, uptime, free, python, redis) and
// dmesg's syslog(2): which files exist and the shape of their text (field
// counts, line formats, relations to uname and getrlimit), never values
// that differ between the machine and ukp. Also get_mempolicy and
// set_mempolicy on node 0, which every Linux machine has.
#include "common.h"

#include <sys/klog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static char text[65536];

// The whole file into text; its length or -1 (errno set).
static long slurp(const char* path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    long n = 0;
    for (;;) {
        ssize_t r = read(fd, text + n, sizeof text - 1 - n);
        if (r <= 0) break;
        n += r;
    }
    close(fd);
    text[n] = 0;
    return n;
}

static int must_slurp(const char* path) {
    if (slurp(path) < 0) {
        printf("%s: %s\n", path, en(errno));
        return 0;
    }
    return 1;
}

// The line of text starting with prefix, or NULL.
static const char* line_of(const char* prefix) {
    size_t n = strlen(prefix);
    for (const char* p = text; *p;) {
        if (strncmp(p, prefix, n) == 0) return p;
        const char* nl = strchr(p, '\n');
        if (!nl) break;
        p = nl + 1;
    }
    return NULL;
}

static int words(const char* s) {
    int n = 0;
    while (*s && *s != '\n') {
        while (*s == ' ' || *s == '\t') ++s;
        if (!*s || *s == '\n') break;
        ++n;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n') ++s;
    }
    return n;
}

static int is_uuid(const char* s) {
    for (int i = 0; i < 36; ++i) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i])) return 0;
    }
    return s[36] == '\n' && s[37] == 0;
}

static void machine_files(void) {
    double a, b, c;
    if (must_slurp("/proc/uptime"))
        printf("uptime: %d numbers, %d words, newline %d\n", sscanf(text, "%lf %lf", &a, &b), words(text),
               text[strlen(text) - 1] == '\n');
    int running, total, last;
    if (must_slurp("/proc/loadavg"))
        printf("loadavg: %d fields parsed, %d words\n",
               sscanf(text, "%lf %lf %lf %d/%d %d", &a, &b, &c, &running, &total, &last), words(text));
    if (must_slurp("/proc/stat")) {
        printf("stat: starts with cpu %d, cpu0 %d, btime %d, processes %d, procs_running %d\n",
               strncmp(text, "cpu  ", 5) == 0, line_of("cpu0 ") != NULL, line_of("btime ") != NULL,
               line_of("processes ") != NULL, line_of("procs_running ") != NULL);
        printf("stat: cpu line has >= 8 numbers %d\n", words(text) >= 9);
    }
    struct utsname u;
    uname(&u);
    if (must_slurp("/proc/version")) {
        char want[256];
        snprintf(want, sizeof want, "Linux version %s ", u.release);
        printf("version: Linux version <uname release> %d, one line %d\n", strncmp(text, want, strlen(want)) == 0,
               strchr(text, '\n') == text + strlen(text) - 1);
    }
    if (must_slurp("/proc/filesystems")) {
        int ok = 1;
        for (const char* p = text; *p;) {
            const char* nl = strchr(p, '\n');
            if (!nl) { ok = 0; break; }
            if (strncmp(p, "nodev\t", 6) != 0 && *p != '\t') ok = 0;
            p = nl + 1;
        }
        printf("filesystems: lines [nodev]\\tNAME %d, tmpfs %d, proc %d\n", ok, line_of("nodev\ttmpfs\n") != NULL,
               line_of("nodev\tproc\n") != NULL);
    }
}

static void sysctl_files(void) {
    struct utsname u;
    uname(&u);
    char want[128];
    if (must_slurp("/proc/sys/kernel/ostype")) printf("ostype: \"%s\"\n", strtok(text, "\n"));
    snprintf(want, sizeof want, "%s\n", u.release);
    if (must_slurp("/proc/sys/kernel/osrelease")) printf("osrelease = uname release: %d\n", strcmp(text, want) == 0);
    snprintf(want, sizeof want, "%s\n", u.nodename);
    if (must_slurp("/proc/sys/kernel/hostname")) printf("hostname = uname nodename: %d\n", strcmp(text, want) == 0);
    if (must_slurp("/proc/sys/kernel/pid_max"))
        printf("pid_max > pid: %d\n", atol(text) > getpid());
    char first[64];
    if (must_slurp("/proc/sys/kernel/random/uuid")) {
        strcpy(first, text);
        int v4 = text[14] == '4' && strchr("89ab", text[19]) != NULL;
        slurp("/proc/sys/kernel/random/uuid");
        printf("uuid: format %d, v4 %d, fresh each read %d\n", is_uuid(first), v4, strcmp(first, text) != 0);
    }
    if (must_slurp("/proc/sys/kernel/random/boot_id")) {
        strcpy(first, text);
        slurp("/proc/sys/kernel/random/boot_id");
        printf("boot_id: format %d, same each read %d\n", is_uuid(first), strcmp(first, text) == 0);
    }
    if (must_slurp("/proc/sys/vm/overcommit_memory"))
        printf("overcommit_memory: one digit 0-2 %d\n", strlen(text) == 2 && text[0] >= '0' && text[0] <= '2');
    if (must_slurp("/proc/sys/net/core/somaxconn")) printf("somaxconn > 0: %d\n", atol(text) > 0);
    if (must_slurp("/proc/sys/fs/file-max")) printf("file-max > 0: %d\n", atoll(text) > 0);
}

static void process_files(void) {
    mode_t old_mask = umask(027);
    if (must_slurp("/proc/self/status")) {
        const char* um = line_of("Umask:\t");
        printf("status: Umask %.4s\n", um ? um + 7 : "none");
        umask(old_mask);
        const char* names[] = {"Name:\t", "State:\t", "Tgid:\t", "Pid:\t", "PPid:\t", "Uid:\t", "Gid:\t",
                               "Groups:\t", "VmRSS:\t", "Threads:\t", "SigBlk:\t"};
        printf("status:");
        for (unsigned i = 0; i < sizeof names / sizeof names[0]; ++i)
            printf(" %.*s%d", (int)strlen(names[i]) - 2, names[i], line_of(names[i]) != NULL);
        printf("\n");
        long pid = -1, ppid = -1;
        unsigned uid[4] = {0}, gid[4] = {0};
        const char* l = line_of("Pid:\t");
        if (l) pid = atol(l + 5);
        if ((l = line_of("PPid:\t"))) ppid = atol(l + 6);
        int nu = (l = line_of("Uid:\t")) ? sscanf(l, "Uid:\t%u\t%u\t%u\t%u", &uid[0], &uid[1], &uid[2], &uid[3]) : 0;
        int ng = (l = line_of("Gid:\t")) ? sscanf(l, "Gid:\t%u\t%u\t%u\t%u", &gid[0], &gid[1], &gid[2], &gid[3]) : 0;
        printf("status: Pid = getpid %d, PPid = getppid %d, Uid %d fields = getuid %d, Gid %d fields = getgid %d\n",
               pid == getpid(), ppid == getppid(), nu, uid[0] == getuid() && uid[1] == geteuid(), ng,
               gid[0] == getgid() && gid[1] == getegid());
    }
    if (must_slurp("/proc/self/limits")) {
        const char* nl = strchr(text, '\n');
        printf("limits header: \"%.*s\"\n", nl ? (int)(nl - text) : 0, text);
        int rows = 0;
        printf("limits rows:");
        for (const char* p = nl ? nl + 1 : text; *p;) {
            const char* end = strchr(p, '\n');
            if (!end) break;
            printf(" [%.25s]", p);  // the name column
            ++rows;
            p = end + 1;
        }
        printf("\nlimits: %d rows\n", rows);
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        char want[128];
        snprintf(want, sizeof want, "%-25s %-20llu %-20llu %-10s\n", "Max open files", (unsigned long long)rl.rlim_cur,
                 (unsigned long long)rl.rlim_max, "files");
        const char* row = line_of("Max open files");
        printf("limits: Max open files row = getrlimit %d\n", row && strncmp(row, want, strlen(want)) == 0);
    }
    // A lower limit shows at once.
    struct rlimit rl, low;
    getrlimit(RLIMIT_NOFILE, &rl);
    low = rl;
    low.rlim_cur = 100;
    setrlimit(RLIMIT_NOFILE, &low);
    if (must_slurp("/proc/self/limits")) {
        const char* row = line_of("Max open files");
        printf("limits after setrlimit: soft %ld\n", row ? atol(row + 26) : -1L);
    }
    setrlimit(RLIMIT_NOFILE, &rl);
    // The same files under /proc/<pid>.
    const char* names[] = {"status", "limits"};
    for (int i = 0; i < 2; ++i) {
        char path[64], label[64];
        snprintf(path, sizeof path, "/proc/%d/%s", getpid(), names[i]);
        snprintf(label, sizeof label, "/proc/<pid>/%s", names[i]);
        struct stat st;
        if (stat(path, &st) < 0) printf("%s: %s\n", label, en(errno));
        else pstat(label, &st);
    }
}

// syslog(2) needs CAP_SYSLOG (or dmesg_restrict 0): only root's answers are
// compared. Nothing here changes the machine's log (no READ, CLEAR, CONSOLE_*).
static void kernel_log(void) {
    if (getuid() != 0) {
        printf("klogctl: not root, skipped\n");
        return;
    }
    int size = klogctl(10, NULL, 0);
    printf("klogctl SIZE_BUFFER > 0: %d\n", size > 0);
    printf("klogctl SIZE_UNREAD >= 0: %d\n", klogctl(9, NULL, 0) >= 0);
    char* buf = malloc(size > 0 ? size : 1);
    int n = klogctl(3, buf, size);
    printf("klogctl READ_ALL >= 0: %d\n", n >= 0);
    free(buf);
    T(klogctl(3, text, 0));
    T(klogctl(3, NULLP, 16));
    T(klogctl(3, text, NEG1));
    T(klogctl(2, NULLP, 16));
    T(klogctl(8, NULL, 0));
    T(klogctl(8, NULL, 9));
    T(klogctl(11, NULL, 0));
    T(klogctl(-1, NULL, 0));
    T(klogctl(0, NULL, 0));
    T(klogctl(1, NULL, 0));
}

static void mempolicy(void) {
    int mode = -1;
    unsigned long mask[2] = {~0UL, ~0UL};
    T(syscall(SYS_get_mempolicy, &mode, mask, 128, NULL, 0));
    printf("mode %d, mask %lx %lx\n", mode, mask[0], mask[1]);
    T(syscall(SYS_get_mempolicy, &mode, mask, 64, NULL, 4));  // MPOL_F_MEMS_ALLOWED
    printf("mems allowed: node 0 %lu\n", mask[0] & 1);
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 1));  // MPOL_F_NODE: not interleaving
    mode = -1;
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, text, 3));  // MPOL_F_NODE | MPOL_F_ADDR
    printf("node of a page: %d\n", mode);
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, text, 0));
    T(syscall(SYS_get_mempolicy, &mode, mask, 0, NULL, 0));
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 8));
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, (void*)16, 2));
    unsigned long node0 = 1, node63 = 1UL << 63;
    T(syscall(SYS_set_mempolicy, 2, &node0, 2));  // MPOL_BIND
    mask[0] = 0;
    T(syscall(SYS_get_mempolicy, &mode, mask, 64, NULL, 0));
    printf("mode %d, mask %lx\n", mode, mask[0]);
    T(syscall(SYS_set_mempolicy, 2, &node63, 65));
    T(syscall(SYS_set_mempolicy, 2, &node0, 1));      // maxnode 1: no node given
    T(syscall(SYS_set_mempolicy, 1, &node0, 2));      // MPOL_PREFERRED
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0));
    printf("mode %d\n", mode);
    T(syscall(SYS_set_mempolicy, 3, &node0, 2));      // MPOL_INTERLEAVE
    mode = -1;
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 1));
    printf("next interleave node %d\n", mode);
    T(syscall(SYS_set_mempolicy, 1, NULL, 0));        // preferred, no node: local
    T(syscall(SYS_get_mempolicy, &mode, mask, 64, NULL, 0));
    printf("mode %d, mask %lx\n", mode, mask[0]);
    T(syscall(SYS_set_mempolicy, 2 | (1 << 15), &node0, 2));  // MPOL_F_STATIC_NODES
    T(syscall(SYS_get_mempolicy, &mode, mask, 64, NULL, 0));
    printf("mode %d, mask %lx\n", mode, mask[0]);
    T(syscall(SYS_set_mempolicy, 2 | (1 << 15) | (1 << 14), &node0, 2));
    T(syscall(SYS_set_mempolicy, 3 | (1 << 13), &node0, 2));
    T(syscall(SYS_set_mempolicy, 99, NULL, 0));
    T(syscall(SYS_set_mempolicy, 0, &node0, 2));     // default with a node
    T(syscall(SYS_set_mempolicy, 0, NULL, 0));
    T(syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0));
    printf("mode %d\n", mode);
}

int main(void) {
    machine_files();
    sysctl_files();
    process_files();
    kernel_log();
    mempolicy();
    return 0;
}
