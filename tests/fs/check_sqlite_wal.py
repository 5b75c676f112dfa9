#!/usr/bin/env python3
"""sqlite3 in WAL mode on a `ukp run -v` volume: the database's -shm index
is mmapped MAP_SHARED by two connections in one process (and the -wal file
read and written beside it). The output must be the native run's, and the
host must see a sane database afterwards.

usage: check_sqlite_wal.py UKP_TOOL
"""
import os
import shutil
import subprocess
import sys
import tempfile

SQLITE = shutil.which("sqlite3")

SCRIPT = """\
.open {db}
pragma journal_mode = wal;
create table t(a integer primary key, b text);
insert into t(b) values ('one'), ('two');
.connection 1
.open {db}
pragma journal_mode;
select count(*), group_concat(b) from t;
insert into t(b) values ('three');
begin;
insert into t(b) select b || '!' from t;
commit;
.connection 0
select count(*), group_concat(b) from t;
insert into t(b) values ('four');
.connection 1
select count(*), max(a) from t;
pragma wal_checkpoint(truncate);
.connection 0
pragma integrity_check;
select b from t order by a;
"""


def run(cmd, script, env=None):
    return subprocess.run(cmd, input=script, capture_output=True, text=True, timeout=60, env=env)


def main():
    if not SQLITE:
        print("SKIP: sqlite3 is not installed on this machine: the WAL-on-a-volume test did not run")
        sys.exit(77)
    ukp = sys.argv[1]
    base = tempfile.mkdtemp(prefix="ukp-wal-")
    try:
        nat, vol = os.path.join(base, "native"), os.path.join(base, "vol")
        os.makedirs(nat)
        os.makedirs(vol)
        want = run([SQLITE], SCRIPT.format(db=os.path.join(nat, "w.db")))
        if want.returncode != 0 or want.stderr:
            print(f"FAIL: sqlite3 natively:\n{want.stdout}{want.stderr}")
            sys.exit(1)
        env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
        got = run([ukp, "run", "-v", f"{vol}:/data", "--", SQLITE], SCRIPT.format(db="/data/w.db"), env)
        print(got.stdout + got.stderr, end="")
        if got.returncode != 0 or got.stdout != want.stdout or got.stderr:
            print(f"FAIL: sqlite3 WAL with two connections on a -v volume differs from native\n"
                  f"--- native:\n{want.stdout}")
            sys.exit(1)
        print("ok: sqlite3 WAL, two connections on a -v volume: output as natively")
        check = run([SQLITE, os.path.join(vol, "w.db")], "pragma integrity_check;\nselect count(*) from t;\n")
        if check.stdout != "ok\n7\n":
            print(f"FAIL: the host's view of the database: {check.stdout!r} {check.stderr!r}")
            sys.exit(1)
        print("ok: the host reads the database back: integrity ok, 7 rows")
    finally:
        shutil.rmtree(base, ignore_errors=True)


main()
