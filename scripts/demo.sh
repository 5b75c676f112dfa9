#!/bin/bash
# The demo: sets up a fresh Debian 12 machine, builds ukp, runs two ordinary
# programs on their in-process kernel, compares ukp with the host kernel, and
# ends serving examples/httpd, packed with `ukp pack` into one executable,
# at http://127.0.0.1:8080 through the `user` network (libslirp in the
# process), until Ctrl-C.
#   scripts/demo.sh            (as root or with sudo for the package install)
#   DEMO_PORT=9090             another host port
#   DEMO_SECONDS=60            stop serving after that long (default: never)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --build-only </dev/null  # the test-only tools (chromium, wrk) are not needed
build=build-demo
[[ -f $build/build.ninja ]] || meson setup "$build" --buildtype=release -Dtests=true >/dev/null
ninja -C "$build" examples/hello examples/files examples/httpd-standalone examples/httpd-native bench/fs_ops_native bench/fs_ops_ukp \
    bench/ipc_ops_native bench/ipc_ops_ukp tools/ukp >/dev/null

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

say "ukp run: Debian's own python3, unmodified, on the kernel (host /usr read-only, the rest in memory)"
"$build/tools/ukp" run -w /srv/demo -- python3 -c '
import os, socket, sqlite3
open("notes.txt", "w").write("written inside\n")
db = sqlite3.connect("demo.db"); db.execute("create table t(x)"); db.execute("insert into t values (42)"); db.commit()
print("cwd", os.getcwd(), "holds", sorted(os.listdir(".")))
print("root", sorted(os.listdir("/")))
print("hostname lookup of localhost:", socket.gethostbyname("localhost"))'
echo "on the host, /srv/demo does not exist:"
ls -d /srv/demo 2>&1 || true

say "the same file-system calls, host kernel vs ukp (a few seconds)"
python3 bench/run_fs.py "$build/bench/fs_ops_native" "$build/bench/fs_ops_ukp" --rounds 1

say "pipes, sockets, epoll and loopback TCP, host kernel vs ukp (a few seconds)"
python3 bench/run_ipc.py "$build/bench/ipc_ops_native" "$build/bench/ipc_ops_ukp" --rounds 1

port=${DEMO_PORT:-8080}
say "ukp pack: examples/httpd, its kernel and its web pages as one executable"
# httpd-standalone carries the kernel itself (linked in, no libukp.so); its
# pages go into the image, served from the packed file's own bytes.
"$build/examples/httpd-native" --write-site "$tmp/site/srv/www"
"$build/tools/ukp" pack --root "$tmp/site" -p "127.0.0.1:8080:8080" -o "$tmp/httpd-app" -- \
    "$build/examples/httpd-standalone" --port 8080
mkdir "$tmp/elsewhere" && mv "$tmp/httpd-app" "$tmp/elsewhere/"
ls -l "$tmp/elsewhere"
"$tmp/elsewhere/httpd-app" --manifest

say "the packed httpd, alone, with an empty environment: its pages, notes and TCP/IP stack live in the process"
echo "open http://127.0.0.1:$port/ in a browser; Ctrl-C stops it"
# The kernel's `user` network forwards the host's 127.0.0.1:$port to the
# server's port 8080 inside (a run-time -p replaces the packed one);
# nothing else of the host is reachable from outside.
run=(env -i "$tmp/elsewhere/httpd-app" -p "127.0.0.1:$port:8080")
if [[ -n ${DEMO_SECONDS:-} ]]; then run=(timeout --foreground -s INT "$DEMO_SECONDS" "${run[@]}"); fi
"${run[@]}" || { rc=$?; [[ $rc == 124 || $rc == 130 ]]; }
