// The directory stream of dirent.cpp, for the other libc functions that
// walk directories (scandir, nftw, glob) without going through exported,
// interposable names.
#pragma once

#include <dirent.h>

namespace ukp::posix {

// opendir relative to dirfd; null with errno set on failure.
DIR* open_dir_at(int dirfd, const char* path);
// Next entry, or null at the end (errno unchanged) or on error (errno set).
dirent64* read_dir(DIR* d);
// Closes the stream and its fd; 0 or -1 with errno.
int close_dir(DIR* d);

}  // namespace ukp::posix

namespace ukp::posix {
// The stream's kernel fd.
int dir_fd(DIR* d);
}  // namespace ukp::posix
