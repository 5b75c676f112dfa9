// The flags `ukp run` and `ukp pack` share, in docker's spelling where
// docker has one, and how they become the kernel's configuration (the
// UKP_* settings libukp reads at boot; see the README's Configuration).
#pragma once

#include <string>
#include <vector>

namespace ukp::tool {

struct RunOptions {
    std::vector<std::string> volumes;   // -v HOST:GUEST[:ro]
    std::vector<std::string> publish;   // -p [HOSTIP:]HOSTPORT:GUESTPORT[/udp]
    std::vector<std::string> nets;      // --net KIND (several allowed)
    std::vector<std::string> env;       // -e KEY=VALUE / -e KEY
    std::string workdir;                // -w DIR
    std::string user;                   // --user UID[:GID]
    std::string trace;                  // --trace[=FILE]; "-" is stderr
    std::string capture;                // --capture=off|trap|strict
    std::string log;                    // --log LEVEL
    std::string root;                   // --root DIR
    bool host_dirs = true;              // --no-host-dirs clears it
    std::vector<std::string> argv;      // PROGRAM ARGS...
};

// Parses argv[first..] up to and including "--" (or the first argument that
// is not a flag). Returns an empty string, or a one-line error.
std::string parse_run_options(int argc, char** argv, int first, RunOptions& out);

// The host directories shown read-only by default (those that exist).
std::vector<std::string> default_host_dirs();

// The kernel settings for these options, as UKP_* environment entries;
// `error` says why they cannot be made.
std::vector<std::string> kernel_environment(const RunOptions& o, std::string& error);

// --root DIR: each top-level directory of DIR (symlinks resolved inside
// DIR) as a read-only volume at the same name; the kernel's own /dev, /proc,
// /tmp stay. Sets `error` if DIR is not a directory.
std::vector<std::string> root_volumes(const std::string& root, std::string& error);

// The usage text of `ukp run`.
extern const char kRunUsage[];

}  // namespace ukp::tool
