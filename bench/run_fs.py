#!/usr/bin/env python3
"""Runs the file-system benchmark natively and under ukp, side by side.

    run_fs.py NATIVE_BIN UKP_BIN [--rounds 3] [--budget-ms 60] [--reps 31]
              [--markdown FILE] [--svg FILE]

The two binaries are the same fs_ops.c built twice, run alternately;
sidebyside.py has the method. Builds nothing; standard library only.
"""
import argparse
import datetime
import shutil
import tempfile

import sidebyside as sbs

# (key printed by fs_ops, label for humans); the order of the table.
OPS = [
    ("getppid", "null call (getppid)"),
    ("open_close", "open+close"),
    ("stat", "stat"),
    ("fstat", "fstat"),
    ("pread_4k", "pread 4 KiB"),
    ("pwrite_4k", "pwrite 4 KiB"),
    ("create_unlink", "create+unlink"),
    ("mkdir_rmdir", "mkdir+rmdir"),
    ("readdir_100", "readdir 100 entries"),
    ("rename", "rename a→b→a"),
]
# ukp must be at least this much faster than native.
TARGETS = {"open_close": 5, "stat": 5, "pread_4k": 5, "pwrite_4k": 5}
TITLE = "File-system operations: native vs ukp"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("native")
    ap.add_argument("ukp")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget-ms", type=int, default=60, help="per operation and run")
    ap.add_argument("--reps", type=int, default=31, help="timed repetitions per operation and run")
    ap.add_argument("--ukp-dir", default="/tmp/bench", help="work directory inside the kernel's ramfs")
    ap.add_argument("--markdown")
    ap.add_argument("--svg")
    args = ap.parse_args()
    timeout = 120

    def run_native():
        native_dir = tempfile.mkdtemp(prefix="ukp-bench-", dir="/dev/shm")
        try:
            return sbs.run_once([args.native, native_dir], args.budget_ms, args.reps, timeout)
        finally:
            shutil.rmtree(native_dir, ignore_errors=True)

    def run_ukp():
        return sbs.run_once([args.ukp, args.ukp_dir], args.budget_ms, args.reps, timeout)

    def keep_note(c):
        if not c.startswith("workdir "):
            return c
        where = c.split(None, 1)[1]
        if where == args.ukp_dir:
            return None
        return (f"ukp ran in {where} instead of {args.ukp_dir} (mkdir not bridged): "
                "its paths have one component fewer than native's")

    started = sbs.machine()
    med, notes = sbs.compare(OPS, args.rounds, run_native, run_ukp, keep_note)
    info = {"machine": started, "date": datetime.date.today().isoformat(), "rounds": args.rounds,
            "reps": args.reps, "notes": notes}
    method = (f"Native runs in a fresh directory on tmpfs (/dev/shm); ukp in {args.ukp_dir} "
              "inside the kernel's ramfs.")
    sbs.write_outputs(args, TITLE, method, OPS, TARGETS, med, info)


if __name__ == "__main__":
    main()
