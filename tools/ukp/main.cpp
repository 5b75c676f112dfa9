// ukp: the command-line front end. `ukp run` starts an existing program on
// the in-process kernel; `ukp pack` makes one executable of a program, and
// that executable is this launcher again, in packed mode.
#include <cstdio>
#include <cstring>

#include "pack.hpp"
#include "packed.hpp"
#include "run.hpp"

namespace {
const char kUsage[] =
    "usage: ukp COMMAND [ARGS...]\n"
    "\n"
    "  run   run an unmodified program on ukp's in-process kernel (ukp run --help)\n"
    "  pack  make one self-contained executable of a program (ukp pack --help)\n";
}

int main(int argc, char** argv) {
    if (auto status = ukp::tool::run_if_packed(argc, argv)) return *status;
    if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "run")) return ukp::tool::run_main(argc, argv);
    if (!std::strcmp(argv[1], "pack")) return ukp::tool::pack_main(argc, argv);
    std::fprintf(stderr, "ukp: unknown command %s (see ukp --help)\n", argv[1]);
    return 2;
}
