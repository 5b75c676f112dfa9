// nftw/ftw: kinds, levels, bases, pre/post order, FTW_PHYS, FTW_CHDIR,
// FTW_MOUNT, FTW_ACTIONRETVAL. Sibling order differs between file systems,
// so events are checked for order in the program and printed sorted.
#include "common.h"

#include <ftw.h>
#include <libgen.h>

#define MAX_EV 64
struct ev {
    char path[128];
    int kind, level, base_ok, chdir_ok;
};
static struct ev g_ev[MAX_EV];
static int g_n;
static int g_flags;
static const char* g_stop_at;
static int g_stop_ret;

static const char* kind_name(int k) {
    static const char* names[] = {"F", "D", "DNR", "NS", "SL", "DP", "SLN"};
    return k >= 0 && k <= 6 ? names[k] : "?";
}

static int record(const char* path, const struct stat* st, int kind, struct FTW* f) {
    struct ev* e = &g_ev[g_n < MAX_EV ? g_n++ : MAX_EV - 1];
    snprintf(e->path, sizeof e->path, "%s", path);
    e->kind = kind;
    e->level = f ? f->level : -1;
    char copy[128];
    snprintf(copy, sizeof copy, "%s", path);
    e->base_ok = !f || strcmp(path + f->base, basename(copy)) == 0;
    e->chdir_ok = 1;
    if (f && (g_flags & FTW_CHDIR)) {
        // With FTW_CHDIR the object is reachable by its base name from the cwd.
        struct stat here;
        e->chdir_ok = lstat(path + f->base, &here) == 0;
    }
    (void)st;
    if (g_stop_at && strcmp(path, g_stop_at) == 0) return g_stop_ret;
    return 0;
}

static int record_ftw(const char* path, const struct stat* st, int kind) { return record(path, st, kind, NULL); }

static int remove_one(const char* path, const struct stat* st, int kind, struct FTW* f) {
    (void)st, (void)kind, (void)f;
    return remove(path);
}

static int cmp_ev(const void* a, const void* b) {
    const struct ev *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : x->kind - y->kind;
}

// Every directory's D comes before, and its DP after, everything below it.
static int order_ok(void) {
    for (int i = 0; i < g_n; ++i) {
        if (g_ev[i].kind != FTW_D && g_ev[i].kind != FTW_DP) continue;
        size_t n = strlen(g_ev[i].path);
        for (int j = 0; j < g_n; ++j) {
            if (strncmp(g_ev[j].path, g_ev[i].path, n) || g_ev[j].path[n] != '/') continue;
            if (g_ev[i].kind == FTW_D && j < i) return 0;
            if (g_ev[i].kind == FTW_DP && j > i) return 0;
        }
    }
    return 1;
}

static void run(const char* label, const char* dir, int flags) {
    g_n = 0;
    g_flags = flags;
    errno = 0;
    int r = nftw(dir, record, 8, flags);
    int err = errno;
    int ord = order_ok();
    qsort(g_ev, g_n, sizeof *g_ev, cmp_ev);
    printf("== %s: ret=%d%s%s order=%s\n", label, r, r == -1 ? " errno=" : "", r == -1 ? en(err) : "",
           ord ? "ok" : "WRONG");
    for (int i = 0; i < g_n; ++i)
        printf("  %s %s level=%d base=%s%s\n", g_ev[i].path, kind_name(g_ev[i].kind), g_ev[i].level,
               g_ev[i].base_ok ? "ok" : "BAD", g_ev[i].chdir_ok ? "" : " chdir=BAD");
}

int main(void) {
    mkdir("top", 0755);
    put_file("top/f1", "1");
    mkdir("top/d1", 0755);
    put_file("top/d1/f2", "2");
    mkdir("top/d1/d2", 0755);
    put_file("top/d1/d2/f3", "3");
    mkdir("top/empty", 0755);
    symlink("f1", "top/sl");
    symlink("nowhere", "top/dang");
    symlink(".", "top/loop");  // a cycle, cut without FTW_PHYS

    char cwd_before[512], cwd_after[512];
    getcwd(cwd_before, sizeof cwd_before);
    run("plain", "top", 0);
    run("phys", "top", FTW_PHYS);
    run("phys depth", "top", FTW_PHYS | FTW_DEPTH);
    run("mount", "top", FTW_MOUNT | FTW_PHYS);
    run("chdir", "top", FTW_CHDIR | FTW_PHYS);
    run("chdir depth", "top/", FTW_CHDIR | FTW_DEPTH | FTW_PHYS);
    getcwd(cwd_after, sizeof cwd_after);
    CHECK("cwd restored after FTW_CHDIR", strcmp(cwd_before, cwd_after) == 0);
    run("trailing slashes", "top//", FTW_PHYS);
    run("one file", "top/f1", 0);
    run("dangling start", "top/dang", 0);
    run("dangling start phys", "top/dang", FTW_PHYS);
    run("missing", "nope", 0);
    run("empty path", "", 0);
    run("bad flag", "top", 0x1000);

    g_stop_at = "top/d1";
    g_stop_ret = FTW_SKIP_SUBTREE;
    run("skip subtree", "top", FTW_ACTIONRETVAL | FTW_PHYS);
    g_stop_at = "top/d1/d2/f3";
    g_stop_ret = FTW_SKIP_SIBLINGS;
    run("skip siblings", "top/d1", FTW_ACTIONRETVAL | FTW_PHYS | FTW_DEPTH);
    g_stop_at = "top";
    g_stop_ret = FTW_STOP;
    run("stop", "top", FTW_ACTIONRETVAL);
    g_stop_ret = 7;
    run("nonzero without actionretval", "top", 0);
    g_stop_at = NULL;

    g_n = 0;
    g_flags = 0;
    int r = ftw("top", record_ftw, 4);
    qsort(g_ev, g_n, sizeof *g_ev, cmp_ev);
    printf("== ftw: ret=%d\n", r);
    for (int i = 0; i < g_n; ++i) printf("  %s %s\n", g_ev[i].path, kind_name(g_ev[i].kind));

    g_n = 0;
    r = nftw64("top/d1", (int (*)(const char*, const struct stat64*, int, struct FTW*))record, 4, FTW_PHYS);
    printf("== nftw64: ret=%d events=%d\n", r, g_n);

    // rm -rf with nftw, the usual idiom.
    g_n = 0;
    r = nftw("top", remove_one, 4, FTW_DEPTH | FTW_PHYS);
    CHECK("remove tree with nftw", r == 0 && access("top", F_OK) != 0);
    return finish();
}
