// open(2) flags and the errors of each.
#include "common.h"

int main(void) {
    OK(open("f", O_RDONLY));                       // ENOENT
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "hello", 5));
    close(fd);
    OK(open("f", O_RDWR | O_CREAT | O_EXCL, 0644)); // EEXIST
    OK(open("f", O_RDONLY | O_CREAT | O_EXCL, 0644));
    fd = MUST(open("f", O_RDWR | O_TRUNC));
    struct stat st;
    fstat(fd, &st);
    printf("after O_TRUNC size=%lld\n", (long long)st.st_size);
    close(fd);
    write_file("f", "abc");
    fd = MUST(open("f", O_RDONLY | O_TRUNC));  // O_RDONLY|O_TRUNC truncates on Linux
    fstat(fd, &st);
    printf("after O_RDONLY|O_TRUNC size=%lld\n", (long long)st.st_size);
    close(fd);

    MUST(mkdir("d", 0755));
    OK(open("d", O_RDONLY));
    OK(open("d", O_WRONLY));                        // EISDIR
    OK(open("d", O_RDWR));
    OK(open("d", O_RDONLY | O_CREAT, 0644));        // EISDIR
    OK(open("d", O_RDONLY | O_DIRECTORY));
    OK(open("f", O_RDONLY | O_DIRECTORY));          // ENOTDIR
    OK(open("f/x", O_RDONLY));                      // ENOTDIR
    OK(open("f/x", O_RDONLY | O_CREAT, 0644));
    OK(open("nodir/x", O_RDONLY | O_CREAT, 0644)); // ENOENT
    OK(open("d/new", O_RDWR | O_CREAT | O_EXCL, 0600));
    OK(open("d/new", O_RDWR | O_CREAT | O_EXCL, 0600));

    MUST(symlink("f", "ln"));
    MUST(symlink("d", "lnd"));
    MUST(symlink("missing", "dangling"));
    OK(open("ln", O_RDONLY));
    OK(open("ln", O_RDONLY | O_NOFOLLOW));          // ELOOP
    OK(open("lnd", O_RDONLY | O_DIRECTORY));
    OK(open("lnd", O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    OK(open("dangling", O_RDONLY));                 // ENOENT
    OK(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644)); // EEXIST
    OK(open("dangling", O_WRONLY | O_CREAT, 0644)); // creates "missing"
    show("missing");

    int p = open("ln", O_PATH | O_NOFOLLOW);
    printf("O_PATH|O_NOFOLLOW on symlink: %s\n", p >= 0 ? "ok" : en(errno));
    if (p >= 0) {
        fstat(p, &st);
        printf("fstat type=%s\n", ftype(st.st_mode));
        char c;
        OK(read(p, &c, 1));                         // EBADF
        close(p);
    }
    p = MUST(open("f", O_PATH));
    char c;
    OK(read(p, &c, 1));
    OK(write(p, "x", 1));
    fstat(p, &st);
    printf("O_PATH fstat type=%s size=%lld\n", ftype(st.st_mode), (long long)st.st_size);
    close(p);
    OK(open("f", O_RDONLY | 0x40000000 /* unknown bit: ignored */));
    OK(open("", O_RDONLY));
    return 0;
}
