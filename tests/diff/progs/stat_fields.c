// stat/lstat/fstat/fstatat: type, mode, nlink, size, owner relations.
#include "common.h"

static void st_line(const char* label, int r, struct stat* st) {
    if (r < 0) printf("%s: %s\n", label, en(errno));
    else pstat(label, st);
}

int main(void) {
    umask(022);
    struct stat st, st2;
    // Work one level down: the start directory is "/" under ukp, whose
    // link count includes /dev, /proc and /tmp.
    MUST(mkdir("b", 0755));
    MUST(chdir("b"));
    write_file("f", "hello world");
    mkdir("d", 0750);
    mkdir("d/sub", 0700);
    symlink("f", "ln");
    st_line("stat f", stat("f", &st), &st);
    printf("uid matches euid=%d gid matches egid=%d\n", st.st_uid == geteuid(), st.st_gid == getegid());
    printf("blksize>0=%d\n", st.st_blksize > 0);
    st_line("stat d", stat("d", &st), &st);
    st_line("stat d/sub", stat("d/sub", &st), &st);
    st_line("stat ln", stat("ln", &st), &st);
    st_line("lstat ln", lstat("ln", &st), &st);
    st_line("lstat f", lstat("f", &st), &st);
    st_line("stat .", stat(".", &st), &st);
    st_line("stat d/..", stat("d/..", &st2), &st2);
    printf(". and d/.. same inode=%d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    stat("f", &st);
    lstat("ln", &st2);
    printf("link and target differ=%d\n", st.st_ino != st2.st_ino);
    stat("ln", &st2);
    printf("stat ln is f=%d\n", st.st_ino == st2.st_ino);
    int fd = MUST(open("f", O_RDONLY));
    st_line("fstat f", fstat(fd, &st2), &st2);
    printf("fstat ino == stat ino: %d\n", st.st_ino == st2.st_ino);
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    st_line("fstatat d sub", fstatat(dfd, "sub", &st, 0), &st);
    st_line("fstatat d ../ln nofollow", fstatat(dfd, "../ln", &st, AT_SYMLINK_NOFOLLOW), &st);
    st_line("fstatat cwd f", fstatat(AT_FDCWD, "f", &st, 0), &st);
    st_line("fstatat file-fd x", fstatat(fd, "x", &st, 0), &st);     // ENOTDIR
    st_line("fstatat bad flag", fstatat(dfd, "sub", &st, 0x40000), &st); // EINVAL
    st_line("stat missing", stat("missing", &st), &st);
    st_line("stat f/x", stat("f/x", &st), &st);
    st_line("stat d/sub/../../f", stat("d/sub/../../f", &st), &st);
    st_line("stat ./././f", stat("./././f", &st), &st);
    st_line("stat d//sub//", stat("d//sub//", &st), &st);
    return 0;
}
