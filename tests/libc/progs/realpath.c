// realpath/canonicalize_file_name through symlinks, "." and "..", and the
// errors glibc gives. Printed paths are relative to the starting cwd.
#include "common.h"

#include <limits.h>

static char g_base[PATH_MAX];

// Prints the result with the starting cwd replaced by "$".
static void show(const char* in) {
    char out[PATH_MAX];
    errno = 0;
    char* r = realpath(in, out);
    if (!r) {
        printf("realpath(%s): %s\n", in, en(errno));
        return;
    }
    size_t n = strlen(g_base);
    if (strncmp(r, g_base, n) == 0 && (r[n] == '/' || r[n] == '\0'))
        printf("realpath(%s) = $%s\n", in, r + n);
    else
        printf("realpath(%s) = %s\n", in, r);
}

int main(void) {
    // Work below the start directory, so "$" is never just "/".
    mkdir("rp", 0755);
    if (chdir("rp") != 0 || !getcwd(g_base, sizeof g_base)) return 2;
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    put_file("a/b/f", "x");
    symlink("a/b", "lb");            // relative dir link
    symlink("../b/f", "a/b/lf");     // relative file link with ..
    symlink("lb/lf", "chain");       // link through links
    symlink("missing", "dangling");
    symlink("loop2", "loop1");
    symlink("loop1", "loop2");
    symlink("/", "root");

    show(".");
    show("a/b/f");
    show("./a/./b/../b/f");
    show("a//b///f");
    show("lb");
    show("lb/");
    show("lb/f");
    show("lb/..");        // .. after a symlink: physical parent
    show("chain");
    show("a/b/lf");
    show("root");
    show("/");
    show("//");
    show("/..");
    show("dangling");
    show("missing");
    show("a/b/f/");
    show("a/b/f/x");
    show("a/b/f/..");
    show("loop1");
    show("loop1/x");
    show("");

    // resolved == NULL: malloc'd.
    char* m = realpath("lb/f", NULL);
    CHECK("malloc'd result", m && strcmp(m + strlen(g_base), "/a/b/f") == 0);
    free(m);
    m = canonicalize_file_name("chain");
    CHECK("canonicalize_file_name", m && strcmp(m + strlen(g_base), "/a/b/f") == 0);
    free(m);
    errno = 0;
    CHECK("canonicalize missing", canonicalize_file_name("nope") == NULL && errno == ENOENT);
    EXPECT_ERR("NULL path", realpath(NULL, NULL) != NULL, EINVAL);

    // A relative path after chdir.
    chdir("a/b");
    show("../../lb/lf");
    chdir(g_base);

    // Too long: one component over NAME_MAX, and a path over PATH_MAX.
    char longname[300];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    show(longname);
    static char longpath[PATH_MAX + 100];
    strcpy(longpath, "a");
    while (strlen(longpath) < PATH_MAX + 10) strcat(longpath, "/.");
    // The input may exceed PATH_MAX when "." shrinks it (glibc allows it).
    char* r = realpath(longpath, NULL);
    CHECK("long input, short result", r && strcmp(r + strlen(g_base), "/a") == 0);
    free(r);

    unlink("a/b/f");
    unlink("a/b/lf");
    rmdir("a/b");
    rmdir("a");
    unlink("lb");
    unlink("chain");
    unlink("dangling");
    unlink("loop1");
    unlink("loop2");
    unlink("root");
    chdir("..");
    rmdir("rp");
    return finish();
}
