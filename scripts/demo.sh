#!/bin/bash
# The demo: sets up a fresh Debian 12 machine, builds ukp, runs two ordinary
# programs on their in-process kernel, and compares ukp with the host kernel.
#   scripts/demo.sh            (as root or with sudo for the package install)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh </dev/null
build=build-demo
[[ -f $build/build.ninja ]] || meson setup "$build" --buildtype=release -Dtests=true >/dev/null
ninja -C "$build" examples/hello examples/files bench/fs_ops_native bench/fs_ops_ukp >/dev/null

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "examples/hello (C): its files live in the kernel inside the process"
"$build/examples/hello"
say "on the host, /hello.txt does not exist:"
ls -l /hello.txt 2>&1 || true

say "examples/files (C++: std::fstream and std::filesystem on the kernel)"
"$build/examples/files"

say "any program: build with ukp-cc, run, look at /proc from inside"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/peek.c" <<'C'
#include <stdio.h>
int main(void) {
    char line[256];
    FILE* f = fopen("/proc/meminfo", "r");
    for (int i = 0; f && i < 3 && fgets(line, sizeof line, f); ++i) fputs(line, stdout);
    if (f) fclose(f);
    f = fopen("/proc/ukp/stats", "r");
    while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
    return 0;
}
C
"$build/tools/ukp-cc" -o "$tmp/peek" "$tmp/peek.c"
"$tmp/peek"

say "the same file-system calls, host kernel vs ukp (a few seconds)"
python3 bench/run_fs.py "$build/bench/fs_ops_native" "$build/bench/fs_ops_ukp"
