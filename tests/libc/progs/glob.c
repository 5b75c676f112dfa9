// glob over the kernel's directories: patterns, flags, errors, and an
// application's own GLOB_ALTDIRFUNC functions.
#include "common.h"

#include <dirent.h>
#include <glob.h>

static void show(const char* label, const char* pattern, int flags) {
    glob_t g;
    memset(&g, 0, sizeof g);
    int r = glob(pattern, flags, NULL, &g);
    printf("%s (%s): ret=%d count=%zu flags_kept=%d:", label, pattern, r, g.gl_pathc,
           r == 0 ? (g.gl_flags & ~GLOB_MAGCHAR) == flags : 1);
    // Without sorting the order is the file system's: print only the count.
    for (size_t i = 0; i < g.gl_pathc && !(flags & GLOB_NOSORT); ++i) printf(" %s", g.gl_pathv[i]);
    printf("\n");
    globfree(&g);
}

static int g_opens;
static void* my_opendir(const char* p) {
    ++g_opens;
    return opendir(p);
}
static void* my_readdir(void* d) { return readdir(d); }
static void my_closedir(void* d) { closedir(d); }
static int my_stat(const char* p, struct stat* st) { return stat(p, st); }
static int my_lstat(const char* p, struct stat* st) { return lstat(p, st); }

static int g_errs;
static int on_error(const char* path, int err) {
    (void)path, (void)err;
    ++g_errs;
    return 0;
}

int main(void) {
    mkdir("g", 0755);
    put_file("g/a.txt", "");
    put_file("g/b.txt", "");
    put_file("g/c.log", "");
    put_file("g/.hidden.txt", "");
    mkdir("g/sub1", 0755);
    mkdir("g/sub2", 0755);
    put_file("g/sub1/x.txt", "");
    put_file("g/sub2/y.txt", "");
    symlink("a.txt", "g/link.txt");
    symlink("sub1", "g/sublink");

    show("star", "g/*.txt", 0);
    show("question", "g/?.log", 0);
    show("class", "g/[ab].txt", 0);
    show("nested", "g/sub*/*.txt", 0);
    show("period", "g/.*.txt", 0);
    show("GLOB_PERIOD", "g/*.txt", GLOB_PERIOD);
    show("GLOB_MARK", "g/*", GLOB_MARK);
    show("GLOB_ONLYDIR", "g/sub*", GLOB_ONLYDIR);
    show("GLOB_NOSORT count", "g/*.txt", GLOB_NOSORT);
    show("literal", "g/a.txt", 0);
    show("literal missing", "g/zzz.txt", 0);
    show("GLOB_NOCHECK", "g/*.none", GLOB_NOCHECK);
    show("no match", "g/*.none", 0);
    show("GLOB_BRACE", "g/{a,c}.*", GLOB_BRACE);
    show("missing dir", "nodir/*", 0);
    show("GLOB_NOESCAPE", "g/a.tx\\t", GLOB_NOESCAPE);
    show("escape", "g/a.tx\\t", 0);

    // GLOB_APPEND and GLOB_DOOFFS keep the earlier results.
    glob_t g;
    memset(&g, 0, sizeof g);
    g.gl_offs = 2;
    int r1 = glob("g/*.log", GLOB_DOOFFS, NULL, &g);
    int r2 = glob("g/sub1/*", GLOB_DOOFFS | GLOB_APPEND, NULL, &g);
    CHECK("append", r1 == 0 && r2 == 0 && g.gl_pathc == 2 && g.gl_pathv[0] == NULL &&
                        strcmp(g.gl_pathv[2], "g/c.log") == 0 && strcmp(g.gl_pathv[3], "g/sub1/x.txt") == 0);
    globfree(&g);

    // The application's own directory functions stay in charge.
    memset(&g, 0, sizeof g);
    g.gl_opendir = my_opendir;
    g.gl_readdir = (struct dirent * (*)(void*)) my_readdir;
    g.gl_closedir = my_closedir;
    g.gl_stat = my_stat;
    g.gl_lstat = my_lstat;
    int r = glob("g/sub*/*.txt", GLOB_ALTDIRFUNC, NULL, &g);
    CHECK("own GLOB_ALTDIRFUNC used", r == 0 && g.gl_pathc == 3 && g_opens >= 3 && (g.gl_flags & GLOB_ALTDIRFUNC));
    globfree(&g);

    // An unreadable directory reaches errfunc (a file used as a directory
    // gives ENOTDIR, which glob ignores) -- GLOB_ERR stops on it.
    memset(&g, 0, sizeof g);
    r = glob("g/*/x.txt", 0, on_error, &g);
    CHECK("errfunc not called for files", r == 0 && g_errs == 0 && g.gl_pathc == 2);
    globfree(&g);

    unlink("g/link.txt");
    unlink("g/sublink");
    unlink("g/sub1/x.txt");
    unlink("g/sub2/y.txt");
    rmdir("g/sub1");
    rmdir("g/sub2");
    unlink("g/a.txt");
    unlink("g/b.txt");
    unlink("g/c.log");
    unlink("g/.hidden.txt");
    rmdir("g");
    return finish();
}
