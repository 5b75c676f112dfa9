// fopen/fdopen/freopen/tmpfile/remove: every mode letter, fileno() as a
// usable fd, append, exclusive create, close-on-exec.
#include "common.h"

static void show(const char* label, const char* path) { printf("%s: [%s]\n", label, slurp(path)); }

int main(void) {
    // "w" creates and truncates; "r" reads; fileno() is the fd stdio uses.
    FILE* f = fopen("a.txt", "w");
    CHECK("fopen w", f != NULL);
    CHECK("fprintf", fprintf(f, "hello %d\n", 42) == 9);
    CHECK("fileno w", fileno(f) >= 3);
    CHECK("fclose w", fclose(f) == 0);
    show("after w", "a.txt");

    f = fopen("a.txt", "r");
    char line[128];
    CHECK("fgets", f && fgets(line, sizeof line, f) && strcmp(line, "hello 42\n") == 0);
    CHECK("fgets eof", fgets(line, sizeof line, f) == NULL && feof(f));
    CHECK("fputc on r fails", fputc('x', f) == EOF && ferror(f));
    clearerr(f);
    CHECK("rewind+fgetc", (rewind(f), fgetc(f)) == 'h');
    CHECK("ungetc", ungetc('H', f) == 'H' && fgetc(f) == 'H');
    CHECK("ftell r", ftell(f) == 1);
    CHECK("fseek end", fseek(f, 0, SEEK_END) == 0 && ftell(f) == 9);
    // The fd behind fileno() reads the same file.
    char raw[4] = {0};
    CHECK("pread on fileno", pread(fileno(f), raw, 3, 0) == 3 && strcmp(raw, "hel") == 0);
    CHECK("fclose r", fclose(f) == 0);

    // "a": writes go to the end, ftell reports the end.
    f = fopen("a.txt", "a");
    CHECK("ftell a at open", f && ftell(f) == 9);
    CHECK("fseek a ignored", fseek(f, 0, SEEK_SET) == 0 && fputs("more\n", f) >= 0);
    CHECK("ftell a after write", ftell(f) == 14);
    fclose(f);
    show("after a", "a.txt");

    // "r+" keeps contents and writes in place.
    f = fopen("a.txt", "r+");
    CHECK("r+ write", f && fputs("J", f) >= 0 && fflush(f) == 0);
    CHECK("r+ read on", fgetc(f) == 'e');
    fclose(f);
    show("after r+", "a.txt");

    // "w+" truncates and reads back.
    f = fopen("a.txt", "w+");
    CHECK("w+ write/read", f && fputs("abc", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 && fgetc(f) == 'a');
    fclose(f);
    show("after w+", "a.txt");

    // "a+": reading starts at 0, writing appends.
    f = fopen("a.txt", "a+");
    CHECK("a+ read from start", f && fgetc(f) == 'a');
    CHECK("a+ append", fputs("Z", f) >= 0 && fflush(f) == 0);
    CHECK("a+ reread", fseek(f, 0, SEEK_SET) == 0 && fgets(line, sizeof line, f) && strcmp(line, "abcZ") == 0);
    fclose(f);

    // Letters: b ignored, x exclusive, e close-on-exec, m accepted.
    f = fopen("a.txt", "rb");
    CHECK("rb", f != NULL);
    CHECK("no cloexec by default", (fcntl(fileno(f), F_GETFD) & FD_CLOEXEC) == 0);
    fclose(f);
    f = fopen("a.txt", "re");
    CHECK("re sets FD_CLOEXEC", f && (fcntl(fileno(f), F_GETFD) & FD_CLOEXEC));
    fclose(f);
    f = fopen("a.txt", "rm");
    CHECK("rm", f && fgetc(f) == 'a');
    fclose(f);
    EXPECT_ERR("wx on existing", fopen("a.txt", "wx") != NULL, EEXIST);
    f = fopen("new.txt", "wbx");
    CHECK("wbx on new", f != NULL);
    fclose(f);
    f = fopen("a.txt", "r+b");
    CHECK("r+b is read-write", f && (fcntl(fileno(f), F_GETFL) & O_ACCMODE) == O_RDWR);
    fclose(f);
    f = fopen("a.txt", "a");
    CHECK("a has O_APPEND|O_WRONLY",
          f && (fcntl(fileno(f), F_GETFL) & (O_APPEND | O_ACCMODE)) == (O_APPEND | O_WRONLY));
    fclose(f);
    EXPECT_ERR("bad mode", fopen("a.txt", "q") != NULL, EINVAL);
    EXPECT_ERR("missing file", fopen("nope/x", "r") != NULL, ENOENT);
    EXPECT_ERR("dir for writing", fopen(".", "w") != NULL, EISDIR);

    // fdopen on a kernel fd, mode checks against the fd's access mode.
    int fd = open("a.txt", O_RDONLY);
    EXPECT_ERR("fdopen w on O_RDONLY", fdopen(fd, "w") != NULL, EINVAL);
    f = fdopen(fd, "r");
    CHECK("fdopen r", f && fileno(f) == fd && fgetc(f) == 'a');
    fclose(f);
    EXPECT_ERR("fd closed by fclose", fcntl(fd, F_GETFD) != -1, EBADF);
    EXPECT_ERR("fdopen bad fd", fdopen(987, "r") != NULL, EBADF);
    fd = open("a.txt", O_WRONLY);
    f = fdopen(fd, "a");
    CHECK("fdopen a adds O_APPEND", f && (fcntl(fd, F_GETFL) & O_APPEND));
    CHECK("fdopen a appends", fputs("!", f) >= 0 && fclose(f) == 0);
    show("after fdopen a", "a.txt");

    // freopen to another path keeps the FILE and its fd number.
    f = fopen("a.txt", "r");
    int old = fileno(f);
    FILE* g = freopen("b.txt", "w", f);
    CHECK("freopen path", g == f && fileno(g) == old);
    CHECK("freopen write", fputs("to b", g) >= 0 && fflush(g) == 0);
    // freopen(NULL) changes the mode of the same file.
    g = freopen(NULL, "r", g);
    CHECK("freopen NULL r", g == f && fgets(line, sizeof line, g) && strcmp(line, "to b") == 0);
    CHECK("freopen NULL r no writes", fputc('x', g) == EOF);
    g = freopen(NULL, "a", g);
    CHECK("freopen NULL a", g && fputs("+", g) >= 0 && fclose(g) == 0);
    show("b after freopen", "b.txt");
    f = fopen("a.txt", "r");
    EXPECT_ERR("freopen missing", freopen("nope/x", "r", f) != NULL, ENOENT);

    // tmpfile: read-write, nameless.
    f = tmpfile();
    CHECK("tmpfile", f && fputs("temp", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 && fgets(line, sizeof line, f) &&
                         strcmp(line, "temp") == 0);
    struct stat st;
    CHECK("tmpfile unlinked", fstat(fileno(f), &st) == 0 && st.st_nlink == 0);
    fclose(f);

    // Larger data through the buffer, and binary fread/fwrite.
    f = fopen("big.bin", "w+");
    static char big[100000], back[100000];
    for (size_t i = 0; i < sizeof big; ++i) big[i] = (char)(i * 7);
    CHECK("fwrite big", f && fwrite(big, 1, sizeof big, f) == sizeof big);
    CHECK("fread big", fseek(f, 0, SEEK_SET) == 0 && fread(back, 1, sizeof back, f) == sizeof back &&
                           memcmp(big, back, sizeof big) == 0);
    CHECK("size via fstat", fstat(fileno(f), &st) == 0 && st.st_size == (off_t)sizeof big);
    fclose(f);

    // getline/getdelim and fscanf.
    put_file("lines.txt", "one\ntwo 2\n");
    f = fopen("lines.txt", "r");
    char* l = NULL;
    size_t cap = 0;
    CHECK("getline", f && getline(&l, &cap, f) == 4 && strcmp(l, "one\n") == 0);
    int n = 0;
    CHECK("fscanf", fscanf(f, "two %d", &n) == 1 && n == 2);
    free(l);
    fclose(f);

    // remove: files and empty directories.
    CHECK("remove file", remove("big.bin") == 0 && access("big.bin", F_OK) != 0);
    mkdir("dir", 0755);
    CHECK("remove dir", remove("dir") == 0);
    EXPECT_ERR("remove missing", remove("dir") == 0, ENOENT);
    remove("a.txt");
    remove("b.txt");
    remove("new.txt");
    remove("lines.txt");
    return finish();
}
