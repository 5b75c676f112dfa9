#!/bin/bash
# Builds ukp and runs every test: scripts/test.sh [BUILD_DIR] [meson setup options...]
#   scripts/test.sh                       build/ with the defaults (linux host)
#   scripts/test.sh build-posix -Dhost=posix
# Then, when run as root, runs a program built with ukp as user nobody:
# ukp needs no privileges.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
shift || true
if [[ -f $build/build.ninja ]]; then
    meson setup --reconfigure "$build" "$@" >/dev/null
else
    meson setup "$build" "$@"
fi
ninja -C "$build"
status=0
meson test -C "$build" --print-errorlogs || status=$?

if [[ $(id -u) == 0 ]]; then
    as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    for app in "$build/tests/usage/kernel_file" "$build/examples/hello"; do
        if [[ -x $app ]] && "${as_nobody[@]}" test -x "$app"; then
            echo "== $app as user nobody"
            "${as_nobody[@]}" env -C / "$(realpath "$app")" || status=1
        else
            echo "note: user nobody cannot reach $app; skipped the unprivileged run"
        fi
    done
fi
exit $status
