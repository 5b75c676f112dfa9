#!/bin/bash
# The full check, and what CI runs (.ci/run calls it): on a fresh Debian 12
# machine, as root or with sudo.
# Installs what is needed, then builds and tests ukp four ways:
#   linux  the linux host (io_uring, futex), warnings are errors, all tests
#   posix  the portable host (poll, pthreads), all tests
#   asan   AddressSanitizer + UBSan over the unit, libc, differential,
#          example, usage, config, fuzz, stress and network tests
#   tsan   ThreadSanitizer over the unit (threading) tests and a 30 s
#          IPC stress run with 64 threads
# CI_JOBS (default 2) sets the parallelism, CI_BUILD_DIR_PREFIX the
# build directories' names. Ends with one line "N passed, N failed[, N skipped]" and a non-zero status
# if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${CI_JOBS:-2}
prefix=${CI_BUILD_DIR_PREFIX:-build-ci-}  # build directories: build-ci-linux, ...
t0=$SECONDS
passed=0 failed=0 skipped=0
problems=()

bash scripts/setup.sh </dev/null

# Counts one run's results from meson's machine-readable log.
count_results() {
    python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, sys
p = f = s = 0
with open(sys.argv[1]) as log:
    for line in log:
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            p += 1
        elif r == "SKIP":
            s += 1
        else:
            f += 1
print(p, f, s)
PY
}

# run NAME BUILD_DIR "SETUP OPTIONS" "TEST OPTIONS" [ENV=VALUE...]
run() {
    local name=$1 dir=$2 setup_opts=$3 test_opts=$4
    shift 4
    local start=$SECONDS
    echo "::: $name: configure and build ($dir)"
    mkdir -p "$dir"
    local setup=(meson setup "$dir")
    [[ -f $dir/build.ninja ]] && setup=(meson setup --reconfigure "$dir")
    # shellcheck disable=SC2086
    if ! "${setup[@]}" $setup_opts >"$dir/ci-setup.log" 2>&1; then
        tail -n 40 "$dir/ci-setup.log"
        echo "::: $name: configure FAILED"
        failed=$((failed + 1)) problems+=("$name: configure")
        return
    fi
    # -k 0: build everything that can be built, then test what was, so one
    # broken file does not hide every other result. The failure counts.
    if ! ninja -C "$dir" -k 0 -j "$jobs" >"$dir/ci-build.log" 2>&1; then
        grep -E -A12 '^FAILED' "$dir/ci-build.log" | head -n 80
        echo "::: $name: build FAILED (full log: $dir/ci-build.log)"
        failed=$((failed + 1)) problems+=("$name: build")
    fi
    echo "::: $name: built in $((SECONDS - start))s; testing"
    rm -f "$dir/meson-logs/testlog.json"
    # shellcheck disable=SC2086
    env "$@" meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$jobs" \
        $test_opts </dev/null 2>&1 | grep -vE '^ *[0-9]+/[0-9]+ .* OK +[0-9.]+s$' || true
    local p=0 f=1 s=0
    if [[ -f $dir/meson-logs/testlog.json ]]; then
        read -r p f s < <(count_results "$dir")
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    [[ $f == 0 ]] || problems+=("$name: $f failed")
    echo "::: $name: $p passed, $f failed, $s skipped in $((SECONDS - start))s"
}

# -O0 -g: sanitizer builds compile much faster unoptimized, and the tests are small.
san_common="-Dbenchmarks=false -Db_lundef=false --buildtype=debug"
# No LeakSanitizer: the differential tests compare a native run with a ukp
# run, and short test programs that never fclose() "leak" a glibc FILE
# natively but not under ukp. Kernel memory lives in the arena, which LSan
# does not track anyway.
sanitizer_env=(
    ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=0:print_summary=1
    UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1
    TSAN_OPTIONS=halt_on_error=1:abort_on_error=1:second_deadlock_stack=1
)

run linux "${prefix}linux" "-Dhost=linux -Dwerror=true" ""
run posix "${prefix}posix" "-Dhost=posix" ""
run asan "${prefix}asan" "$san_common -Db_sanitize=address,undefined" \
    "--suite unit --suite libc --suite diff --suite examples --suite usage --suite config --suite fuzz --suite stress --suite net" \
    "${sanitizer_env[@]}"
run tsan "${prefix}tsan" "$san_common -Db_sanitize=thread -Dstress_seconds=30" \
    "--suite unit --suite threads --suite stress" "${sanitizer_env[@]}"

echo "::: total time $((SECONDS - t0))s"
for p in "${problems[@]}"; do echo "::: problem: $p"; done
summary="$passed passed, $failed failed"
[[ $skipped == 0 ]] || summary+=", $skipped skipped"
echo "$summary"
[[ $failed == 0 ]]
