// mkstemp family: random names, exclusivity, flags, suffixes, EINVAL.
#include "common.h"

#include <ctype.h>

static int name_ok(const char* name, const char* prefix, const char* suffix) {
    size_t p = strlen(prefix), s = strlen(suffix), n = strlen(name);
    if (n != p + 6 + s || strncmp(name, prefix, p) || strcmp(name + p + 6, suffix)) return 0;
    for (size_t i = p; i < p + 6; ++i)
        if (!isalnum((unsigned char)name[i])) return 0;
    return strncmp(name + p, "XXXXXX", 6) != 0;
}

int main(void) {
    mkdir("t", 0755);
    // 200 files: all distinct, all created 0600 and empty.
    static char names[200][32];
    int distinct = 1, shaped = 1, modes = 1;
    for (int i = 0; i < 200; ++i) {
        strcpy(names[i], "t/fileXXXXXX");
        int fd = mkstemp(names[i]);
        if (fd < 0) {
            printf("mkstemp: %s\n", en(errno));
            return 1;
        }
        struct stat st;
        fstat(fd, &st);
        modes &= (st.st_mode & 0777) == 0600 && st.st_size == 0 &&
                 (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR;
        close(fd);
        shaped &= name_ok(names[i], "t/file", "");
        for (int j = 0; j < i; ++j) distinct &= strcmp(names[i], names[j]) != 0;
    }
    CHECK("200 distinct names", distinct);
    CHECK("names are prefix + 6 alnum", shaped);
    CHECK("mode 0600, O_RDWR, empty", modes);
    struct stat st;
    CHECK("the files exist", stat(names[0], &st) == 0 && stat(names[199], &st) == 0);
    for (int i = 0; i < 200; ++i) unlink(names[i]);

    char s[32] = "t/dataXXXXXX.log";
    int fd = mkstemps(s, 4);
    CHECK("mkstemps keeps the suffix", fd >= 0 && name_ok(s, "t/data", ".log"));
    close(fd);
    unlink(s);

    char o[32] = "t/appXXXXXX";
    fd = mkostemp(o, O_APPEND | O_CLOEXEC);
    CHECK("mkostemp flags", fd >= 0 && (fcntl(fd, F_GETFL) & O_APPEND) && (fcntl(fd, F_GETFD) & FD_CLOEXEC) &&
                                (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    close(fd);
    unlink(o);
    char os[32] = "t/appXXXXXXsfx";
    fd = mkostemps(os, 3, O_APPEND);
    CHECK("mkostemps", fd >= 0 && name_ok(os, "t/app", "sfx") && (fcntl(fd, F_GETFL) & O_APPEND));
    close(fd);
    unlink(os);

    char dir[32] = "t/dirXXXXXX";
    CHECK("mkdtemp", mkdtemp(dir) == dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
                         (st.st_mode & 0777) == 0700 && name_ok(dir, "t/dir", ""));
    rmdir(dir);

    char mt[32] = "t/mtXXXXXX";
    CHECK("mktemp names without creating", mktemp(mt) == mt && name_ok(mt, "t/mt", "") && access(mt, F_OK) != 0);

    // Bad templates: EINVAL, template untouched.
    char bad1[] = "t/fileXXXXX";
    EXPECT_ERR("five X", mkstemp(bad1) >= 0, EINVAL);
    CHECK("template untouched", strcmp(bad1, "t/fileXXXXX") == 0);
    char bad2[] = "XXXXXXabc";
    EXPECT_ERR("suffix too long", mkstemps(bad2, 4) >= 0, EINVAL);
    char bad3[] = "t/dXXXXXXy";
    EXPECT_ERR("mkdtemp not at end", mkdtemp(bad3) != NULL, EINVAL);
    char bad4[] = "abc";
    CHECK("mktemp bad empties", mktemp(bad4) == bad4 && bad4[0] == '\0');
    char nodir[] = "nope/fileXXXXXX";
    EXPECT_ERR("missing directory", mkstemp(nodir) >= 0, ENOENT);

    // Exactly six X with nothing before works too.
    char bare[] = "XXXXXX";
    fd = mkstemp(bare);
    CHECK("bare XXXXXX", fd >= 0 && name_ok(bare, "", ""));
    close(fd);
    unlink(bare);
    rmdir("t");
    return finish();
}
