// scandir and its sort helpers, over our directory streams (glibc's
// scandir calls its internal __opendir/__readdir).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "posix/dirstream.hpp"
#include "posix/ret.hpp"

namespace {

// dirent and dirent64 share their layout on x86-64, so one body serves both.
using Select = int (*)(const struct dirent64*);
using Compare = int (*)(const struct dirent64**, const struct dirent64**);

int scan(int dirfd, const char* path, struct dirent64*** out, Select select, Compare compare) {
    DIR* d = ukp::posix::open_dir_at(dirfd, path);
    if (!d) return -1;
    int saved = errno;
    struct dirent64** list = nullptr;
    size_t count = 0, cap = 0;
    errno = 0;
    while (dirent64* e = ukp::posix::read_dir(d)) {
        if (select) {
            int keep;
            {
                ukp::host::AppCall app;
                keep = select(e);
            }
            errno = 0;  // the selector may leave errno set on success
            if (!keep) continue;
        }
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            auto* grown = static_cast<struct dirent64**>(realloc(list, ncap * sizeof *list));
            if (!grown) break;
            list = grown;
            cap = ncap;
        }
        auto* copy = static_cast<struct dirent64*>(malloc(e->d_reclen));
        if (!copy) break;
        memcpy(copy, e, e->d_reclen);
        list[count++] = copy;
    }
    if (errno != 0) {
        int err = errno;
        while (count > 0) free(list[--count]);
        free(list);
        ukp::posix::close_dir(d);
        errno = err;
        return -1;
    }
    ukp::posix::close_dir(d);
    if (compare && count > 1) {
        ukp::host::AppCall app;  // qsort is libc's: it calls only compare
        qsort(list, count, sizeof *list, reinterpret_cast<int (*)(const void*, const void*)>(compare));
    }
    *out = list;
    errno = saved;
    return static_cast<int>(count);
}

template <typename Ent, typename Sel, typename Cmp>
int scan_as(int dirfd, const char* path, Ent*** out, Sel select, Cmp compare) {
    return scan(dirfd, path, reinterpret_cast<struct dirent64***>(out), reinterpret_cast<Select>(select),
                reinterpret_cast<Compare>(compare));
}

}  // namespace

UKP_EXPORT int scandir(const char* path, struct dirent*** out, int (*select)(const struct dirent*),
                       int (*compare)(const struct dirent**, const struct dirent**)) {
    UKP_ENTRY_ARGS(libc, path, out, select, compare);
    return scan_as(AT_FDCWD, path, out, select, compare);
}
UKP_EXPORT int scandir64(const char* path, struct dirent64*** out, int (*select)(const struct dirent64*),
                         int (*compare)(const struct dirent64**, const struct dirent64**)) {
    UKP_ENTRY_ARGS(libc, path, out, select, compare);
    return scan_as(AT_FDCWD, path, out, select, compare);
}
UKP_EXPORT int scandirat(int dirfd, const char* path, struct dirent*** out, int (*select)(const struct dirent*),
                         int (*compare)(const struct dirent**, const struct dirent**)) {
    UKP_ENTRY_ARGS(libc, dirfd, path, out, select, compare);
    return scan_as(dirfd, path, out, select, compare);
}
UKP_EXPORT int scandirat64(int dirfd, const char* path, struct dirent64*** out,
                           int (*select)(const struct dirent64*),
                           int (*compare)(const struct dirent64**, const struct dirent64**)) {
    UKP_ENTRY_ARGS(libc, dirfd, path, out, select, compare);
    return scan_as(dirfd, path, out, select, compare);
}

UKP_EXPORT int alphasort(const struct dirent** a, const struct dirent** b) {
    UKP_ENTRY_ARGS(libc, a, b);
    return strcoll((*a)->d_name, (*b)->d_name);
}
UKP_EXPORT int alphasort64(const struct dirent64** a, const struct dirent64** b) {
    UKP_ENTRY_ARGS(libc, a, b);
    return strcoll((*a)->d_name, (*b)->d_name);
}
UKP_EXPORT int versionsort(const struct dirent** a, const struct dirent** b) {
    UKP_ENTRY_ARGS(libc, a, b);
    return strverscmp((*a)->d_name, (*b)->d_name);
}
UKP_EXPORT int versionsort64(const struct dirent64** a, const struct dirent64** b) {
    UKP_ENTRY_ARGS(libc, a, b);
    return strverscmp((*a)->d_name, (*b)->d_name);
}
