#pragma once

#include <string>
#include <vector>

#include "options.hpp"

namespace ukp::tool {

// `ukp run ...`: argv[1] is "run". Returns an exit status when it cannot exec.
int run_main(int argc, char** argv);
// libukp.so: $UKP_LIBRARY, else next to this executable (build tree or prefix).
std::string find_libukp();
// Looks `name` up in a PATH-style list (as execvp does); empty if absent.
std::string find_program(const std::string& name, const std::string& path);
// The program's environment (shared by `ukp run` and packed apps): a clean
// PATH, HOME and TERM, the -e entries (KEY alone: the launcher's value),
// then `settings` (UKP_*, LD_PRELOAD); a later entry wins for its key.
std::vector<std::string> program_environment(const RunOptions& o, const std::vector<std::string>& settings);
// The PATH of such an environment.
std::string environment_path(const std::vector<std::string>& env);

}  // namespace ukp::tool
