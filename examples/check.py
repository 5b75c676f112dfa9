#!/usr/bin/env python3
"""Runs an example in an empty scratch directory and checks that (1) it
prints what it should and (2) nothing it wrote reached the host: the
scratch directory stays empty and the absolute paths it used do not exist.

usage: check.py hello|files EXECUTABLE
"""
import os
import subprocess
import sys
import tempfile

FILES_EXPECTED = """\
/projects/demo/src is a directory: true
main.txt is 18 bytes
  line 1: line one
  line 2: line two
tree of projects/demo:
  projects/demo/README.txt
  projects/demo/docs/
  projects/demo/src/
  projects/demo/src/main.txt
README.txt: ukp keeps this file in memory
removed 6 entries; /projects exists: false
"""

# Host paths the examples name; none may exist after a run.
HOST_PATHS = {"hello": ["/hello.txt"], "files": ["/projects"]}
# Names the kernel's own root may hold besides what the example creates.
KERNEL_ROOT = {".", "..", "tmp", "dev", "proc", "sys", "run", "etc"}  # etc: the resolver's files


def check_hello(out: str) -> list[str]:
    errors = []
    lines = out.splitlines()
    want = [
        "Hello from a process with its own kernel!",
        "wrote /hello.txt: 38 bytes",
        "this file lives in the kernel's ramfs",
    ]
    if lines[:3] != want:
        errors.append(f"first lines: expected {want}, got {lines[:3]}")
    listing = lines[3] if len(lines) > 3 else ""
    if not listing.startswith("/: "):
        errors.append(f"expected the listing of '/', got {listing!r}")
    else:
        names = set(listing[3:].split())
        if not {".", "..", "hello.txt", "tmp"} <= names:
            errors.append(f"'/' should hold ., .., hello.txt and tmp: {sorted(names)}")
        host_only = names - KERNEL_ROOT - {"hello.txt"}
        if host_only:
            errors.append(f"'/' shows host entries {sorted(host_only)}: the listing is the host's")
    rest = lines[4:]
    if rest == ["no /proc/mounts"]:
        print("note: no procfs in this build, /proc/mounts skipped")
    elif not rest or rest[0] != "/proc/mounts:" or not any(" /tmp " in l for l in rest[1:]):
        errors.append(f"expected /proc/mounts with a /tmp line, got {rest}")
    return errors


def check_files(out: str) -> list[str]:
    if out == FILES_EXPECTED:
        return []
    return ["output differs:\n--- expected\n" + FILES_EXPECTED + "--- got\n" + out]


def main() -> int:
    name, exe = sys.argv[1], os.path.abspath(sys.argv[2])
    leaks_before = [p for p in HOST_PATHS[name] if os.path.lexists(p)]
    if leaks_before:
        print(f"FAIL: {leaks_before} already exist on the host; remove them and rerun")
        return 1
    with tempfile.TemporaryDirectory(prefix=f"ukp-example-{name}-") as cwd:
        proc = subprocess.run([exe], cwd=cwd, capture_output=True, text=True, timeout=60)
        print(proc.stdout, end="")
        print(proc.stderr, end="", file=sys.stderr)
        errors = []
        if proc.returncode != 0:
            errors.append(f"exit status {proc.returncode}")
        errors += {"hello": check_hello, "files": check_files}[name](proc.stdout)
        left = sorted(os.listdir(cwd))
        if left:
            errors.append(f"files appeared in the host's working directory {cwd}: {left}")
    leaked = [p for p in HOST_PATHS[name] if os.path.lexists(p)]
    if leaked:
        errors.append(f"files appeared on the host: {leaked}")
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
