#!/usr/bin/env python3
"""Runs `httpd --self-test` built natively and linked with ukp, and checks
that (1) both pass, (2) they print the same lines and (3) the ukp build,
which uses its default /srv/www and /var/notes, wrote nothing to the host:
its scratch working directory stays empty and those host paths are as
they were before.

The native build gets directories inside its own scratch directory, so it
leaves nothing behind either.

usage: check.py NATIVE_EXE UKP_EXE
"""
import os
import subprocess
import sys
import tempfile

# The ukp build's default directories; on the host they must not change.
HOST_PATHS = ["/srv/www", "/var/notes"]


def snapshot(path: str):
    """What the host has at `path`: None, or its sorted listing."""
    if not os.path.lexists(path):
        return None
    try:
        return sorted(os.listdir(path))
    except OSError:
        return "not a directory"


def run(exe: str, args: list[str], cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run([exe, "--self-test", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def main() -> int:
    native, linked = (os.path.abspath(p) for p in sys.argv[1:3])
    errors = []

    with tempfile.TemporaryDirectory(prefix="ukp-example-httpd-native-") as cwd:
        nat = run(native, ["--root", os.path.join(cwd, "www"),
                           "--notes", os.path.join(cwd, "notes")], cwd)
    if nat.returncode != 0:
        errors.append(f"native build: exit status {nat.returncode}\n{nat.stdout}{nat.stderr}")

    before = {p: snapshot(p) for p in HOST_PATHS}
    with tempfile.TemporaryDirectory(prefix="ukp-example-httpd-") as cwd:
        ukp = run(linked, [], cwd)
        print(ukp.stdout, end="")
        print(ukp.stderr, end="", file=sys.stderr)
        left = sorted(os.listdir(cwd))
        if left:
            errors.append(f"files appeared in the host's working directory {cwd}: {left}")
    if ukp.returncode != 0:
        errors.append(f"ukp build: exit status {ukp.returncode}")
    for path in HOST_PATHS:
        after = snapshot(path)
        if after != before[path]:
            errors.append(f"the host's {path} changed: {before[path]} -> {after}")

    if nat.stdout != ukp.stdout:
        errors.append("outputs differ:\n--- native\n" + nat.stdout + "--- ukp\n" + ukp.stdout)
    if "FAIL" in ukp.stdout or " 0 failed" not in ukp.stdout:
        errors.append("the self-test did not pass every check")

    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
