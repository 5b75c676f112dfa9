// Bad pointers are EFAULT, never a crash.
#include "common.h"
#include <sys/uio.h>

// Called through pointers: the headers' nonnull attributes (and UBSan's
// checks of them) do not apply to calls that pass NULL on purpose.
static int (*lstat_p)(const char*, struct stat*) = lstat;
static int (*open_p)(const char*, int, ...) = open;
static ssize_t (*read_p)(int, void*, size_t) = read;
static ssize_t (*write_p)(int, const void*, size_t) = write;

int main(void) {
    struct stat st;
    write_file("f", "data");
    int fd = MUST(open("f", O_RDWR));
    T(stat("f", BADP));
    T(fstat(fd, BADP));
    T(lstat_p("f", NULLP));
    T(open((char*)BADP, O_RDONLY));
    T(open_p(NULLP, O_RDONLY));
    T(stat((char*)BADP, &st));
    T(read_p(fd, NULLP, 4));
    T(read(fd, BADP, 4));
    T(lseek(fd, 0, SEEK_SET));
    T(write(fd, BADP, 4));
    T(write_p(fd, NULLP, 0));          // zero bytes: ok
    T(read_p(fd, NULLP, 0));
    T(pread(fd, BADP, 4, 0));
    T(mkdir((char*)BADP, 0755));
    T(unlink((char*)BADP));
    T(rename("f", (char*)BADP));
    T(symlink((char*)BADP, "x"));
    T(readv(fd, (struct iovec*)BADP, 1));
    T(access((char*)BADP, F_OK));
    T(chdir((char*)BADP));
    T(lseek(fd, 0, 99));            // EINVAL: invalid whence
    T(lseek(fd, 0, SEEK_CUR));
    cat("f");
    return 0;
}
