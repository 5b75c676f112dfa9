"""`ukp run`: the launcher's flags, the program's view of the host, and
unmodified Debian programs (python3, sqlite3) whose output must match a
native run. Usage: check_run.py UKP_TOOL TESTS_RUN_DIR"""
import os
import pwd
import shutil
import subprocess
import sys
import tempfile

from report import fail, finish, ok

if os.environ.get("UKP_TEST_HOST", "linux") != "linux":
    print(f"SKIP: ukp run needs raw system call capture, which the {os.environ['UKP_TEST_HOST']} host "
          "does not have: libc's internal calls would reach the host")
    sys.exit(77)
UKP, HERE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def ukp(*args, stdin=None, env=None, timeout=120):
    e = dict(os.environ)
    e["UKP_OUTSIDE_MARKER"] = "leaked"  # must not reach the program
    e.update(env or {})
    return subprocess.run([UKP, "run", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, env=e)


def expect(name, r, status=0, out=None, err_has=None):
    good = r.returncode == status and (out is None or r.stdout == out) and \
        (err_has is None or err_has in r.stderr)
    if good:
        ok(name)
    else:
        fail(f"{name}: status {r.returncode} (want {status})\n  stdout {r.stdout[-600:]!r}\n"
             f"  stderr {r.stderr[-600:]!r}" + (f"\n  want stdout {out[-600:]!r}" if out is not None else ""))


def flags():
    r = ukp("--help")
    missing = [f for f in ("-v", "-p", "--net", "-e", "-w", "--user", "--root", "--no-host-dirs",
                           "--trace", "--capture", "--log") if f not in r.stdout]
    if r.returncode != 0 or missing:
        fail(f"--help: status {r.returncode}, flags not documented: {missing}")
    else:
        ok("--help documents every flag")
    for bad in (["--bogus", "--", "true"], ["--capture=sometimes", "true"], [], ["-v", "rel:/x", "true"],
                ["-w", "relative", "true"], ["-v"]):
        r = ukp(*bad)
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or len(lines) != 1 or not lines[0].startswith("ukp run: "):
            fail(f"bad flags {bad}: status {r.returncode}, stderr {r.stderr!r}")
    ok("wrong flags: one line, status 2")
    expect("a missing program is 127", ukp("--", "no-such-program-ukp"), 127, err_has="not found")


def environment():
    r = ukp("-e", "FOO=bar", "-e", "PATH=/usr/bin:/bin", "--", "/usr/bin/env")
    env = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    if r.returncode != 0 or env.get("FOO") != "bar" or env.get("PATH") != "/usr/bin:/bin" or \
            "UKP_OUTSIDE_MARKER" in env:
        fail(f"environment: {r.returncode} {r.stdout!r} {r.stderr!r}")
    else:
        ok("a clean environment plus -e (and -e overrides the default PATH)")
    expect("-w: the working directory is made and entered", ukp("-w", "/srv/here/now", "--", "/bin/pwd"),
           out="/srv/here/now\n")
    py = "import os; print(os.getuid(), os.getgid())"
    expect("--user: the ids inside", ukp("--user", "1234:4321", "--", "python3", "-c", py), out="1234 4321\n")


def unprivileged():
    """What users run: the launcher and the program as a plain user."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        print("SKIP (part): not root, so already unprivileged; the as-nobody run is left out")
        return
    py = "import os; open('f', 'w').write('x'); print(os.getuid(), os.listdir('.'))"
    r = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", UKP, "run",
                        "-w", "/srv/x", "--", "python3", "-c", py],
                       capture_output=True, text=True, timeout=120, cwd="/")
    expect("as user nobody: a working directory of its own, files in the kernel", r,
           out=f"{pwd.getpwnam('nobody').pw_uid} ['f']\n")


def filesystem(tmp):
    host_dir = os.path.join(tmp, "vol")
    os.mkdir(host_dir)
    with open(os.path.join(host_dir, "in.txt"), "w") as f:
        f.write("from the host\n")
    py = ("import os\n"
          "print(open('/data/in.txt').read(), end='')\n"
          "open('/data/out.txt', 'w').write('from inside\\n')\n"
          "open('/tmp/scratch', 'w').write('kernel only')\n"
          "print(sorted(os.listdir('/data')))\n")
    expect("-v: read and write a host directory", ukp("-v", f"{host_dir}:/data", "--", "python3", "-c", py),
           out="from the host\n['in.txt', 'out.txt']\n")
    if open(os.path.join(host_dir, "out.txt")).read() != "from inside\n":
        fail("-v: the host does not see the file written inside")
    if os.path.exists("/tmp/scratch"):
        fail("a file written to the kernel's /tmp reached the host")
    py_ro = ("try:\n open('/data/new', 'w')\nexcept OSError as e:\n print(e.errno == 30)\n")
    expect("-v :ro gives EROFS", ukp("-v", f"{host_dir}:/data:ro", "--", "python3", "-c", py_ro), out="True\n")
    # Host files that were not mounted stay out of reach, whichever way
    # python opens them (its own open, io, os).
    secret = os.path.join(host_dir, "in.txt")
    py_out = (f"import os\nfor how in (lambda: open({secret!r}), lambda: os.open({secret!r}, 0)):\n"
              " try:\n  how(); print('reached')\n except FileNotFoundError:\n  print('absent')\n")
    expect("an unmounted host file is absent inside", ukp("--", "python3", "-c", py_out), out="absent\nabsent\n")
    expect("the host's /usr is there by default", ukp("--", "/bin/ls", "/usr/bin/python3"),
           out="/usr/bin/python3\n")
    root = os.path.join(tmp, "root")
    os.makedirs(os.path.join(root, "srv/www"))
    os.makedirs(os.path.join(root, "usr/share"))
    os.symlink("usr/share", os.path.join(root, "share"))  # resolved inside DIR
    os.symlink("/", os.path.join(root, "escape"))         # absolute: DIR/, not the host's /
    with open(os.path.join(root, "srv/www/index.txt"), "w") as f:
        f.write("from the root\n")
    expect("--root: a host tree as the read-only root",
           ukp("--root", root, "--", "/bin/cat", "/srv/www/index.txt"), out="from the root\n")
    expect("--root: its top level, the kernel's own trees (/etc: its defaults), nothing of the host",
           ukp("--root", root, "--", "/bin/ls", "/", "/escape"),
           out="/:\ndev\nescape\netc\nproc\nshare\nsrv\ntmp\nusr\n\n/escape:\nescape\nshare\nsrv\nusr\n")
    expect("--no-host-dirs: only the kernel's own tree",
           ukp("--no-host-dirs", "--", "/bin/ls", "/"), out="dev\netc\nproc\ntmp\n")


def trace(tmp):
    r = ukp("--trace", "--", "/bin/ls", "/proc/ukp")
    if r.returncode != 0 or not any(w in r.stderr for w in ("getdents64", "readdir")):
        fail(f"--trace: {r.returncode} {r.stderr[-400:]!r}")
    else:
        ok("--trace: one line per kernel call on stderr")
    path = os.path.join(tmp, "trace.txt")
    r = ukp(f"--trace={path}", "--", "/bin/ls", "/proc/ukp")
    text = open(path).read() if os.path.exists(path) else ""
    if r.returncode != 0 or not any(w in text for w in ("getdents64", "readdir")):
        fail(f"--trace=FILE: {r.returncode} {text[-300:]!r}")
    else:
        ok("--trace=FILE")


def native(cmd, cwd, stdin=None):
    e = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": cwd}
    return subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300, env=e)


def python_workload(tmp):
    work = os.path.join(tmp, "py")
    os.mkdir(work)
    shutil.copy(os.path.join(HERE, "python_workload.py"), work)
    want = native(["/usr/bin/python3", "python_workload.py"], work)
    if want.returncode != 0:
        fail(f"python3 natively: {want.stderr[-500:]}")
        return
    got = ukp("-v", f"{work}:/app:ro", "-w", "/app", "--", "/usr/bin/python3", "python_workload.py")
    expect("python3: files, threads, pipes, sockets, json, sqlite3, tempfile, shutil", got, out=want.stdout)


def sqlite_workload(tmp):
    script = open(os.path.join(HERE, "sqlite_workload.sql")).read()
    nat = os.path.join(tmp, "sqlite-native")
    os.mkdir(nat)
    want = native(["/usr/bin/sqlite3", "w.db"], nat, stdin=script)
    if want.returncode != 0 or "ok" not in want.stdout:
        fail(f"sqlite3 natively: {want.stdout[-300:]} {want.stderr[-300:]}")
        return
    expect("sqlite3 on the kernel's ramfs", ukp("--", "/usr/bin/sqlite3", "/tmp/w.db", stdin=script),
           out=want.stdout)
    vol = os.path.join(tmp, "sqlite-volume")
    os.mkdir(vol)
    expect("sqlite3 on a -v volume", ukp("-v", f"{vol}:/data", "--", "/usr/bin/sqlite3", "/data/w.db",
                                         stdin=script), out=want.stdout)
    if not os.path.exists(os.path.join(vol, "w.db")):
        fail("sqlite3 on a -v volume: the host has no database file")


def main():
    for prog in ("/usr/bin/python3", "/usr/bin/sqlite3"):
        if not os.path.exists(prog):
            print(f"SKIP: {prog} is not installed (scripts/setup.sh installs it)")
            sys.exit(77)
    flags()
    environment()
    unprivileged()
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        filesystem(tmp)
        trace(tmp)
        python_workload(tmp)
        sqlite_workload(tmp)
    finish()


main()
