#pragma once

#include <string>

namespace ukp::tool {

// `ukp run ...`: argv[1] is "run". Returns an exit status when it cannot exec.
int run_main(int argc, char** argv);
// libukp.so: $UKP_LIBRARY, else next to this executable (build tree or prefix).
std::string find_libukp();
// Looks `name` up in a PATH-style list (as execvp does); empty if absent.
std::string find_program(const std::string& name, const std::string& path);

}  // namespace ukp::tool
