#!/usr/bin/env python3
"""mmap of files on hostfs volumes: tests/fs/mmap_app.c natively on host
directories and under ukp on the same kind of directories mounted with
UKP_VOLUME (/data read-write, /ro read-only) must print the same checks,
and what the program stored through MAP_SHARED must be in the host file
afterwards (MAP_PRIVATE stores must not).

usage: check_mmap.py UKP_APP NATIVE_APP
"""
import os
import shutil
import subprocess
import sys
import tempfile


def fail(msg, out=""):
    print(f"FAIL: {msg}\n{out}")
    sys.exit(1)


def setup():
    base = tempfile.mkdtemp(prefix="ukp-mmap-")
    for d in ("vol", "ro"):
        os.makedirs(os.path.join(base, d))
    with open(os.path.join(base, "ro", "ro.txt"), "w") as f:
        f.write("read-only volume\n")
    return base


def run(cmd, env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env.update(env_extra)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout + p.stderr


def host_checks(base, label):
    data = open(os.path.join(base, "vol", "shared.bin"), "rb").read()
    for want in (b"through-map", b"second-page", b"via-write", b"both", b"left-for-the-host"):
        if want not in data:
            fail(f"{label}: the host file lacks {want!r} stored through MAP_SHARED")
    if open(os.path.join(base, "vol", "private.bin"), "rb").read() != b"original":
        fail(f"{label}: a MAP_PRIVATE store reached the host file")
    print(f"ok: {label}: MAP_SHARED stores are in the host file, MAP_PRIVATE ones are not")


def main():
    app, native = sys.argv[1], sys.argv[2]
    nbase, ubase = setup(), setup()
    try:
        rc, want = run([native, os.path.join(nbase, "vol"), os.path.join(nbase, "ro")], {})
        if rc != 0:
            fail("natively", want)
        host_checks(nbase, "natively")
        rc, got = run([app, "/data", "/ro"], {"UKP_VOLUME": f"{ubase}/vol:/data,{ubase}/ro:/ro:ro"})
        print(got, end="")
        if rc != 0 or got != want:
            fail("under ukp: not what Linux printed", f"--- native:\n{want}")
        print("ok: under ukp, every check as natively")
        host_checks(ubase, "under ukp")
    finally:
        shutil.rmtree(nbase, ignore_errors=True)
        shutil.rmtree(ubase, ignore_errors=True)


main()
