#!/usr/bin/env python3
"""The differential mmap programs (tests/diff/progs/mmap_*.c) with their
working directory on a hostfs volume: each runs natively in a host
directory and under ukp in a directory of the same host file system
mounted with UKP_VOLUME as its UKP_WORKDIR; stdout and exit status must
match. Every file they map is then a host-backed mapping.

usage: check_mmap_diff.py DIFF_BUILD_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, cwd, env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env.update(env_extra)
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        return p.stdout, p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return "", "timeout", ""


def main():
    build = os.path.abspath(sys.argv[1])
    natives = sorted(glob.glob(os.path.join(build, "mmap_*-native")))
    if not natives:
        print(f"FAIL: no mmap_*-native programs in {build}")
        return 1
    failures = 0
    for native in natives:
        name = os.path.basename(native)[: -len("-native")]
        linked = os.path.join(build, name + "-ukp")
        base = tempfile.mkdtemp(prefix="ukp-mmap-diff-")
        try:
            nat, vol = os.path.join(base, "native"), os.path.join(base, "vol")
            os.makedirs(nat)
            os.makedirs(vol)
            want = run([native], nat, {})
            got = run([linked], "/", {"UKP_VOLUME": f"{vol}:/vol", "UKP_WORKDIR": "/vol"})
            if got[:2] == want[:2]:
                print(f"ok: {name} on a volume")
            else:
                failures += 1
                print(f"FAIL: {name} on a volume: status {got[1]} (native {want[1]})")
                print("--- native\n" + want[0] + "--- ukp\n" + got[0] + got[2][-800:])
        finally:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failures else 0


sys.exit(main())
