// ukp: the command-line front end. `ukp run` starts an existing program on
// the in-process kernel.
#include <cstdio>
#include <cstring>

#include "run.hpp"

namespace {
const char kUsage[] =
    "usage: ukp COMMAND [ARGS...]\n"
    "\n"
    "  run   run an unmodified program on ukp's in-process kernel (ukp run --help)\n";
}

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "run")) return ukp::tool::run_main(argc, argv);
    std::fprintf(stderr, "ukp: unknown command %s (see ukp --help)\n", argv[1]);
    return 2;
}
