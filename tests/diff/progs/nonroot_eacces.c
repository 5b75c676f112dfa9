// Permission checks as an unprivileged user: open, create, search.
#include "common.h"

int main(void) {
    printf("euid is root: %d\n", geteuid() == 0);
    write_file("f", "secret");
    T(chmod("f", 0));
    T(open("f", O_RDONLY));           // EACCES
    T(open("f", O_WRONLY));           // EACCES
    T(access("f", R_OK));
    T(access("f", F_OK));
    T(chmod("f", 0200));
    T(open("f", O_RDONLY));           // EACCES
    T(open("f", O_WRONLY) >= 0);
    T(truncate("f", 0));
    T(chmod("f", 0400));
    T(truncate("f", 0));              // EACCES
    T(open("f", O_RDWR | O_TRUNC));   // EACCES
    T(open("f", O_RDONLY) >= 0);
    T(mkdir("ro", 0555));
    T(mkdir("ro/sub", 0755));         // EACCES
    T(open("ro/new", O_RDWR | O_CREAT, 0644)); // EACCES
    T(symlink("x", "ro/ln"));         // EACCES
    T(chmod("ro", 0755));
    write_file("ro/victim", "v");
    T(chmod("ro", 0555));
    T(unlink("ro/victim"));           // EACCES
    T(rename("ro/victim", "out"));    // EACCES
    T(link("ro/victim", "hard"));     // ok: only the new dir needs write
    T(mkdir("ns", 0755));
    write_file("ns/inner", "i");
    T(chmod("ns", 0600));             // no search permission
    struct stat st;
    T(stat("ns/inner", &st));         // EACCES
    T(open("ns/inner", O_RDONLY));    // EACCES
    T(chdir("ns"));                   // EACCES
    T(stat("ns", &st));               // the dir itself is fine
    T(chmod("ns", 0100));             // search only: can reach, cannot list
    T(stat("ns/inner", &st));
    T(open("ns", O_RDONLY));          // EACCES (no read)
    T(open("ns", O_PATH) >= 0);
    T(chmod("ns", 0700));
    return 0;
}
