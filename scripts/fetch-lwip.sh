#!/bin/sh
# Puts lwIP's source from Debian's source package into
# subprojects/lwip/upstream (never committed; .gitignore'd). Safe to run
# again: does nothing when the source is already there.
#
# Debian's source packages need a deb-src entry in apt's sources. It is
# derived from the machine's own deb entries (whatever mirror they name), so
# no host name is written here. Needs root (or sudo) only for that step.
set -eu
cd "$(dirname "$0")/.."
dest=subprojects/lwip/upstream
version=2.1.3  # the Debian 12 package; subprojects/lwip/meson.build lists its files
if [ -f "$dest/src/core/tcp.c" ]; then
    echo "fetch-lwip: lwIP source present"
    exit 0
fi

as_root=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && as_root="sudo"
fi

if ! apt-cache showsrc lwip 2>/dev/null | grep -q "^Version: $version"; then
    src_list=/etc/apt/sources.list.d/ukp-deb-src.sources
    legacy_list=/etc/apt/sources.list.d/ukp-deb-src.list
    echo "fetch-lwip: adding deb-src entries next to the machine's deb entries"
    tmp=$(mktemp)
    # deb822 files: the same stanzas with Types: deb-src.
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && [ "$f" != "$src_list" ] || continue
        sed -n '/^Types:.*\bdeb\b/,/^$/p' "$f" | sed 's/^Types:.*/Types: deb-src/' >>"$tmp"
        echo >>"$tmp"
    done
    [ -s "$tmp" ] && $as_root cp "$tmp" "$src_list"
    # One-line format: every "deb " line again as "deb-src ".
    : >"$tmp"
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] && [ "$f" != "$legacy_list" ] || continue
        sed -n 's/^deb \(.*\)/deb-src \1/p' "$f" >>"$tmp"
    done
    [ -s "$tmp" ] && $as_root cp "$tmp" "$legacy_list"
    rm -f "$tmp"
    $as_root apt-get update -q >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -q lwip >apt-source.log 2>&1) || {
    tail -n 20 "$work/apt-source.log" >&2
    echo "fetch-lwip: apt-get source lwip failed" >&2
    exit 1
}
got=$(ls -d "$work"/lwip-"$version"* 2>/dev/null | head -n 1)
if [ -z "$got" ]; then
    echo "fetch-lwip: the source package is not lwIP $version:" "$work"/lwip-* >&2
    exit 1
fi
rm -rf "$dest"
mv "$got" "$dest"
echo "fetch-lwip: lwIP $version in $dest"
