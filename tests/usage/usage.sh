#!/bin/bash
# The three ways an application builds against ukp, each checked end to end:
# the program must run on the in-process kernel, so the file it creates in
# "/" exists only there and never on the host.
#
#   usage.sh cc       SRC BUILD   the build tree's tools/ukp-cc
#   usage.sh pkgconfig SRC BUILD  pkg-config ukp, against `meson install --destdir`
#   usage.sh meson    SRC BUILD   dependency('ukp') with ukp as a subproject
#   usage.sh nobody   SRC BUILD APP  APP (built with ukp_dep) run unprivileged:
#                                  as user nobody when we are root
#
# Environment from tests/usage/meson.build (named USAGE_*, since the kernel
# reads UKP_* as its own settings): USAGE_SANITIZE (b_sanitize), USAGE_HOST,
# USAGE_PREFIX and the absolute USAGE_LIBDIR, USAGE_BINDIR, USAGE_INCLUDEDIR.
set -euo pipefail

mode=$1 src=$2 build=$3
# meson test points LD_LIBRARY_PATH at this build's libukp, which would win
# over the rpath and the installed copy we mean to test.
unset LD_LIBRARY_PATH
leak=/ukp-usage-test.txt
sanflags=()
if [[ ${USAGE_SANITIZE:-none} != none ]]; then
    sanflags=(-fsanitize="$USAGE_SANITIZE" -fno-omit-frame-pointer)
fi

die() { echo "FAIL ($mode): $*" >&2; exit 1; }

# libukp's libc names win only if it precedes libc in DT_NEEDED (a
# sanitizer runtime may come first: it must, and it forwards to libukp).
check_needed() {
    local needed
    needed=$(readelf -d "$1" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')
    [[ $needed == *libukp.so*libc.so* ]] || die "$1: libukp must precede libc in DT_NEEDED: $needed"
    # ASan insists on coming first; its interceptors then call libukp's
    # functions (the next definition), which run_app's leak check confirms.
    if [[ ${USAGE_SANITIZE:-none} == *address* && $needed != libasan.so* ]]; then
        die "$1: libasan must be the first DT_NEEDED entry: $needed"
    fi
    return 0
}

[[ -e $leak ]] && die "$leak already exists on the host (an earlier leak?); remove it and rerun"

mkdir -p "$build/tests/usage"
work=$(mktemp -d "$build/tests/usage/$mode.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

run_app() {
    local out
    out=$("$@") || die "$* exited with $?"
    echo "$out"
    [[ $out == ok:* ]] || die "unexpected output: $out"
    [[ -e $leak ]] && { rm -f "$leak"; die "$leak appeared on the host: the program did not run on ukp"; }
    return 0
}

case $mode in
cc)
    # Build the way README shows: one command; then compile and link
    # separately, which must work as well.
    "$build/tools/ukp-cc" "${sanflags[@]}" -Wall -Werror -o app "$src/tests/usage/kernel_file.c"
    check_needed app
    run_app ./app
    "$build/tools/ukp-cc" "${sanflags[@]}" -c -o app.o "$src/tests/usage/kernel_file.c"
    "$build/tools/ukp-cc" "${sanflags[@]}" -o app2 app.o
    run_app ./app2
    "$build/tools/ukp-c++" "${sanflags[@]}" -x c++ -o app3 "$src/tests/usage/kernel_file.c"
    run_app ./app3
    ;;
pkgconfig)
    dest=$work/dest
    meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >install.log 2>&1 \
        || { cat install.log; die "meson install failed"; }
    prefix=$dest$USAGE_PREFIX
    libdir=$dest$USAGE_LIBDIR
    export PKG_CONFIG_PATH=$libdir/pkgconfig
    flags=$(pkg-config --define-variable=prefix="$prefix" --cflags --libs ukp) || die "pkg-config ukp failed"
    # shellcheck disable=SC2086
    cc "${sanflags[@]}" -o app "$src/tests/usage/kernel_file.c" $flags
    check_needed app
    LD_LIBRARY_PATH=$libdir run_app ./app
    # The installed wrappers point at the prefix, not at the build tree.
    for w in ukp-cc ukp-c++; do
        printed=$("$dest$USAGE_BINDIR/$w" --ukp-print-flags) || die "installed $w failed"
        [[ $printed == *"-I$USAGE_INCLUDEDIR "*"-L$USAGE_LIBDIR "* ]] || die "installed $w has flags: $printed"
    done
    [[ -f $dest$USAGE_INCLUDEDIR/ukp/ukp.h ]] || die "ukp/ukp.h was not installed"
    ;;
meson)
    mkdir -p proj/subprojects
    cp "$src"/tests/usage/meson-subproject/* proj/
    ln -s "$src" proj/subprojects/ukp
    meson setup proj/build proj --force-fallback-for=ukp --buildtype=debug \
        -Dukp:tests=false -Dukp:benchmarks=false -Dukp:host="${USAGE_HOST:-linux}" >setup.log 2>&1 \
        || { cat setup.log; die "meson setup of a project using dependency('ukp') failed"; }
    ninja -C proj/build >ninja.log 2>&1 || { cat ninja.log; die "building it failed"; }
    run_app proj/build/user
    ;;
nobody)
    app=$4
    if [[ $(id -u) != 0 ]]; then
        run_app "$app"
    else
        # setpriv needs no PAM session; nobody must be able to reach the build.
        as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
        if ! "${as_nobody[@]}" test -x "$app"; then
            echo "SKIP: user nobody cannot reach $app (a parent directory is not world-searchable)"
            exit 77
        fi
        run_app "${as_nobody[@]}" env -C / "$app"
    fi
    ;;
*)
    die "unknown mode"
    ;;
esac
echo "PASS ($mode)"
