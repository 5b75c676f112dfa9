// AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW across the *at calls.
#include "common.h"

int main(void) {
    struct stat st;
    write_file("f", "abc");
    symlink("f", "ln");
    symlink("nowhere", "dang");
    int fd = MUST(open("f", O_RDONLY));
    T(fstatat(fd, "", &st, AT_EMPTY_PATH));
    pstat("empty path on fd", &st);
    T(fstatat(fd, "", &st, 0));                    // ENOENT
    T(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));  // the cwd
    printf("cwd type=%s\n", ftype(st.st_mode));
    int p = MUST(open("ln", O_PATH | O_NOFOLLOW));
    T(fstatat(p, "", &st, AT_EMPTY_PATH));
    printf("O_PATH symlink type=%s size=%lld\n", ftype(st.st_mode), (long long)st.st_size);
    T(fstatat(AT_FDCWD, "ln", &st, AT_SYMLINK_NOFOLLOW));
    printf("nofollow type=%s size=%lld\n", ftype(st.st_mode), (long long)st.st_size);
    T(fstatat(AT_FDCWD, "ln", &st, 0));
    printf("follow type=%s size=%lld\n", ftype(st.st_mode), (long long)st.st_size);
    T(fstatat(AT_FDCWD, "dang", &st, 0));          // ENOENT
    T(fstatat(AT_FDCWD, "dang", &st, AT_SYMLINK_NOFOLLOW));
    T(lstat("dang", &st));
    printf("dangling lstat type=%s size=%lld\n", ftype(st.st_mode), (long long)st.st_size);
    T(faccessat(AT_FDCWD, "dang", F_OK, 0));       // ENOENT
    T(faccessat(AT_FDCWD, "dang", F_OK, AT_SYMLINK_NOFOLLOW));
    T(fchmodat(AT_FDCWD, "ln", 0600, AT_SYMLINK_NOFOLLOW)); // EOPNOTSUPP on Linux
    T(fchownat(AT_FDCWD, "ln", -1, -1, AT_SYMLINK_NOFOLLOW));
    T(linkat(AT_FDCWD, "ln", AT_FDCWD, "hard_ln", 0));        // link to symlink itself
    T(lstat("hard_ln", &st));
    printf("hard_ln type=%s nlink=%lu\n", ftype(st.st_mode), (unsigned long)st.st_nlink);
    T(linkat(AT_FDCWD, "ln", AT_FDCWD, "hard_f", AT_SYMLINK_FOLLOW));
    T(lstat("hard_f", &st));
    printf("hard_f type=%s nlink=%lu\n", ftype(st.st_mode), (unsigned long)st.st_nlink);
    T(unlinkat(AT_FDCWD, "hard_ln", 0));
    T(lstat("ln", &st));
    printf("ln nlink=%lu\n", (unsigned long)st.st_nlink);
    return 0;
}
