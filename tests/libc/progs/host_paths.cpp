// Under ukp only: absolute paths that do not exist on the host are made
// with every libc entry point; the runner checks the host afterwards.
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

static int failures = 0;
static void check(const char* what, bool ok) {
    std::printf("%s: %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) ++failures;
}

static int count_files(const char*, const struct stat*, int kind, struct FTW*) { return kind == FTW_F ? 0 : 0; }

int main() {
    namespace fs = std::filesystem;
    const char* root = "/ukp-libc-test";
    check("create_directories", fs::create_directories("/ukp-libc-test/sub/deeper"));
    FILE* f = std::fopen("/ukp-libc-test/stdio.txt", "w");
    check("fopen absolute", f && std::fputs("in the kernel", f) >= 0 && std::fclose(f) == 0);
    std::ofstream("/ukp-libc-test/sub/fstream.txt") << "also in the kernel";
    char tmpl[] = "/ukp-libc-test/tmpXXXXXX";
    int fd = mkstemp(tmpl);
    check("mkstemp absolute", fd >= 0);
    close(fd);
    char dtmpl[] = "/ukp-libc-test/dirXXXXXX";
    check("mkdtemp absolute", mkdtemp(dtmpl) != nullptr);
    symlink("sub", "/ukp-libc-test/link");
    char buf[PATH_MAX];
    check("realpath absolute", realpath("/ukp-libc-test/link/fstream.txt", buf) &&
                                   std::strcmp(buf, "/ukp-libc-test/sub/fstream.txt") == 0);
    DIR* d = opendir(root);
    int n = 0;
    while (d && readdir(d)) ++n;
    if (d) closedir(d);
    check("opendir absolute", n == 7);
    glob_t g{};
    check("glob absolute", glob("/ukp-libc-test/*/*.txt", 0, nullptr, &g) == 0 && g.gl_pathc == 2);  // sub and link
    globfree(&g);
    check("nftw absolute", nftw(root, count_files, 4, FTW_PHYS) == 0);
    FILE* t = tmpfile();
    check("tmpfile", t && std::fputs("x", t) >= 0);
    if (t) std::fclose(t);
    // Nothing of it is on the host: the runner looks for /ukp-libc-test.
    std::printf("failures: %d\n", failures);
    return failures ? 1 : 0;
}
