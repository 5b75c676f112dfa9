// The shared libraries `ukp pack` bundles: what the app and libukp load
// beyond glibc's own, found the way the host's dynamic loader finds them,
// and read back by the packed launcher (the libraries part of manifest.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace ukp::tool {

struct Library {
    std::string soname;  // the name DT_NEEDED entries ask for
    std::string path;    // pack: the host file; run: empty
    Extent bytes;        // run: where it lies in the packed file
};

// The libraries `objects` need, as the dynamic loader `interpreter`
// resolves them (`interpreter --list`), less glibc's own (the loader's
// partners, which must match it: they stay the host's) and sanitizer
// runtimes. Empty, or a one-line error.
std::string needed_libraries(const std::string& interpreter, const std::vector<std::string>& objects,
                             std::vector<Library>& out);

// Appends the libraries part to `fd`: *size gets its length. Empty, or an error.
std::string write_libraries(int fd, const std::vector<Library>& libs, std::uint64_t* size);

// Reads the libraries part `part` of the packed file `fd`. Empty, or why
// it is corrupt.
std::string read_libraries(int fd, const Extent& part, std::vector<Library>& out);

}  // namespace ukp::tool
