#!/bin/sh
# Installs every Debian 12 package that building ukp and running all of its
# tests needs. Safe to run again: packages already present are left alone,
# and the package index is refreshed only when something is missing. Then
# fetches lwIP's source (scripts/fetch-lwip.sh).
#
#   scripts/setup.sh              (as root, or as a user who may sudo)
#   scripts/setup.sh --build-only  without the test-only tools (a demo needs none)
set -eu

# What each package is for:
#   meson ninja-build pkg-config  the build; pkg-config also for tests/usage
#   g++ gcc                       the compilers (libasan/libubsan/libtsan come with gcc)
#   liburing-dev                  io_uring, the linux host's event port
#   libfmt-dev                    kernel log formatting
#   doctest-dev                   unit tests
#   libboost-context-dev          fibers (the scheduler of the later VM mode)
#   libslirp-dev                  user-mode networking (-net user)
#   clang libclang-rt-14-dev      building and sanitizing with clang
#   python3                       test drivers (tests/examples, meson itself)
#   util-linux                    setpriv/runuser: running tests as an unprivileged user
#   file binutils                 checks on built binaries (readelf, nm)
#   dpkg-dev                      apt-get source: lwIP comes from Debian's source package
packages="meson ninja-build pkg-config gcc g++ liburing-dev libfmt-dev doctest-dev
libboost-context-dev libslirp-dev clang libclang-rt-14-dev python3 util-linux
binutils file dpkg-dev"
# Only the tests and benchmarks use these (--build-only skips them):
#   chromium                      tests/net/check_browser.py: the demo page in headless Chromium
#   wrk                           bench/run_net.py: HTTP load against examples/httpd
#   sqlite3 redis-server redis-tools  real programs under `ukp run` (tests/run, bench/run_real.py)
#   iproute2                      ip netns / ip tuntap for the tap test's namespace
test_packages="chromium wrk redis-server redis-tools sqlite3 iproute2"
case "${1:-}" in
    --build-only) ;;
    "") packages="$packages $test_packages" ;;
    *) echo "usage: $0 [--build-only]" >&2; exit 2 ;;
esac

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "setup: all packages present"
    exec sh "$(dirname "$0")/fetch-lwip.sh"
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "setup: missing packages:$missing" >&2
    echo "setup: run this script as root (or install sudo)" >&2
    exit 1
fi

echo "setup: installing$missing"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
run() {
    if ! "$@" >"$log" 2>&1; then
        echo "setup: failed: $*" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
}
# A fresh machine has no package lists; an old one may have stale ones.
# shellcheck disable=SC2086
if ! $as_root apt-get install -y -q --no-install-recommends $missing >"$log" 2>&1; then
    run $as_root apt-get update -q
    run $as_root apt-get install -y -q --no-install-recommends $missing
fi
echo "setup: packages done"
exec sh "$(dirname "$0")/fetch-lwip.sh"
