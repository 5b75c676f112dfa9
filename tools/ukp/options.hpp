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
    std::string output;                 // -o OUT (ukp pack)
    bool args_given = false;            // "--" or a first non-flag was seen
    std::vector<std::string> argv;      // PROGRAM ARGS...
};

// Who parses: `ukp run`, `ukp pack` (adds -o OUT) or a packed app at run
// time (no --root, no program needed; --manifest).
enum class Command { run, pack, packed };

// Parses argv[first..] up to and including "--" (or the first argument that
// is not a flag). Returns an empty string, "help" (-h), "manifest"
// (--manifest, packed apps), or a one-line error.
std::string parse_run_options(int argc, char** argv, int first, RunOptions& out,
                              Command cmd = Command::run);

// The checks parse_run_options makes of the values (also for options
// merged from a packed app's manifest): empty, or a one-line error.
std::string check_run_options(const RunOptions& o);

// -e entries as KEY=VALUE: a bare KEY takes the launching shell's value
// now, or is left out when the shell has none.
std::vector<std::string> resolve_env(const std::vector<std::string>& entries);

// The host directories shown read-only by default (those that exist).
std::vector<std::string> default_host_dirs();

// The kernel settings for these options, as UKP_* environment entries;
// `error` says why they cannot be made.
std::vector<std::string> kernel_environment(const RunOptions& o, std::string& error);

// --root DIR: each top-level directory of DIR (symlinks resolved inside
// DIR) as a read-only volume at the same name; the kernel's own /dev, /proc,
// /tmp stay. Sets `error` if DIR is not a directory.
std::vector<std::string> root_volumes(const std::string& root, std::string& error);

// The usage text of `ukp run`, and its flag lines less --root (which
// `ukp pack` and packed apps list with their own).
extern const char kRunUsage[];
extern const char kRunFlags[];

}  // namespace ukp::tool
