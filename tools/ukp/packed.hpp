// Packed mode: the ukp launcher running as a file made by `ukp pack`. It
// reads its own trailer, merges the run-time flags into the manifest, copies
// libukp.so and the app into memfds and execs the app from there, with the
// embedded image (if any) as the kernel's root, served from this file.
#pragma once

#include <optional>
#include <string>

#include "manifest.hpp"

namespace ukp::tool {

// Reads the trailer at the end of the open file `fd` (see decode_trailer).
TrailerCheck read_trailer(int fd, Trailer& t, std::string& error);

// Runs this executable as a packed app when it is one: returns the exit
// status of a failure (exec does not return on success). Returns nothing
// when this is the plain ukp tool. A file with bytes after the launcher but
// no valid trailer (a truncated or damaged packed app) is an error here,
// never the plain tool.
std::optional<int> run_if_packed(int argc, char** argv);

}  // namespace ukp::tool
