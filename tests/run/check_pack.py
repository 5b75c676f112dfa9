"""`ukp pack`: one executable holding the launcher, a root tree (image),
libukp and the app; run alone, with an empty environment, as `nobody`; run-time
flags over the manifest; --manifest; damaged files refused; pack-time errors.
Usage: check_pack.py UKP_TOOL [HTTPD [HTTPD_STANDALONE]]"""
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

from report import fail, finish, ok

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "net"))
import httpd_proc as hp  # noqa: E402

if os.environ.get("UKP_TEST_HOST", "linux") != "linux":
    print(f"SKIP: packed apps are unmodified programs, which need raw system call capture; the "
          f"{os.environ['UKP_TEST_HOST']} host does not have it")
    sys.exit(77)
UKP = os.path.abspath(sys.argv[1])
HTTPD = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
HTTPD_STANDALONE = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # ukp run's
TRAILER = 96


def run(argv, timeout=60, **kw):
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=timeout, **kw)


def show(r):
    return f"status {r.returncode}\n  stdout {r.stdout[-800:]!r}\n  stderr {r.stderr[-800:]!r}"


def pack(*args, env=None):
    return run([UKP, "pack", *args], env=dict(os.environ, **(env or {})), timeout=120)


def trailer(path):
    """{part: (offset, size)} from OUT's last bytes."""
    with open(path, "rb") as f:
        f.seek(-TRAILER, os.SEEK_END)
        raw = f.read()
    assert raw[:8] == b"UKPPACK1", raw[:8]
    v = struct.unpack("<11Q", raw[8:])
    return {"version": v[0], "image": v[1:3], "lib": v[3:5], "libs": v[5:7], "app": v[7:9], "manifest": v[9:11]}


def python_stdlib(python):
    return run([python, "-I", "-S", "-c", "import os; print(os.path.dirname(os.__file__))"]).stdout.strip()


# The packed program reads the tree from the image: a listing and contents.
SCRIPT = r"""
import os
for d, dirs, files in sorted(os.walk('/data')):
    dirs.sort()
    for f in sorted(files):
        p = os.path.join(d, f)
        print(p, repr(open(p).read()), oct(os.stat(p).st_mode & 0o777))
print('link ->', os.readlink('/link'), repr(open('/link').read()))
print('owner', os.stat('/data').st_uid, os.stat('/data').st_gid, 'me', os.getuid())
# Writes land in memory over the image: a new file in a world-writable
# directory of the image, and an image file overwritten in place.
open('/data/shared/new.txt', 'w').write('written\n')
with open('/data/rw.txt', 'r+') as f:
    f.write('NEW')
print('new', repr(open('/data/shared/new.txt').read()), repr(open('/data/rw.txt').read()),
      os.environ.get('GREETING'))
try:
    open('/data/hello.txt', 'a')
except PermissionError:
    print('hello.txt: not writable by', os.getuid())
"""
EXPECTED = """/data/hello.txt 'hello\\n' 0o644
/data/rw.txt 'old content\\n' 0o666
/data/sub/deep.txt 'deep\\nline\\n' 0o444
link -> data/hello.txt 'hello\\n'
owner 0 0 me 65534
new 'written\\n' 'NEW content\\n' hi there
hello.txt: not writable by 65534
"""


def make_tree(top, python):
    """The tree to pack: data files, a symlink, a subdirectory, and what
    `python3 -I -S` needs to start (its encodings package, os.py as the
    landmark of its standard library): nothing from the host's /usr."""
    tree = os.path.join(top, "tree")
    os.makedirs(os.path.join(tree, "data", "sub"))
    with open(os.path.join(tree, "data", "hello.txt"), "w") as f:
        f.write("hello\n")
    deep = os.path.join(tree, "data", "sub", "deep.txt")
    with open(deep, "w") as f:
        f.write("deep\nline\n")
    os.chmod(deep, 0o444)
    with open(os.path.join(tree, "data", "rw.txt"), "w") as f:
        f.write("old content\n")
    os.chmod(os.path.join(tree, "data", "rw.txt"), 0o666)
    os.makedirs(os.path.join(tree, "data", "shared"))
    os.chmod(os.path.join(tree, "data", "shared"), 0o777)
    os.symlink("data/hello.txt", os.path.join(tree, "link"))
    stdlib = python_stdlib(python)
    inside = os.path.join(tree, stdlib.lstrip("/"))
    shutil.copytree(os.path.join(stdlib, "encodings"), os.path.join(inside, "encodings"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.path.join(stdlib, "os.py"), inside)
    os.makedirs(os.path.join(inside, "lib-dynload"))  # exec_prefix's landmark
    return tree


def alone_as_nobody(top, out, *args):
    """OUT copied alone into an empty directory, run there with an empty
    environment as nobody."""
    empty = tempfile.mkdtemp(dir=top, prefix="empty-")
    os.chmod(top, 0o755)
    os.chmod(empty, 0o755)
    alone = os.path.join(empty, "app")
    shutil.copy(out, alone)
    argv = ["env", "-i", "setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups", "./app", *args]
    if os.getuid() != 0:
        argv = ["env", "-i", "./app", *args]  # setpriv needs root; still empty env and alone
    return run(argv, cwd=empty, timeout=60)


def check_image(top, python):
    tree = make_tree(top, python)
    out = os.path.join(top, "pyapp")
    r = pack("--root", tree, "-e", "GREETING", "-o", out, "--", "python3", "-I", "-S", "-c", SCRIPT,
             env={"GREETING": "hi there"})
    if r.returncode != 0 or r.stderr:
        return fail(f"pack --root: {show(r)}")
    t = trailer(out)
    size = os.path.getsize(out)
    if t["version"] != 2 or t["image"][0] % 4096 or not t["image"][1] or not t["libs"][1] or \
            t["manifest"][0] + t["manifest"][1] != size - TRAILER or os.stat(out).st_mode & 0o777 != 0o755:
        return fail(f"OUT's layout: {t}, size {size}, mode {oct(os.stat(out).st_mode)}")
    ok("pack --root: OUT is 0755, image page-aligned, parts in order up to the trailer")

    # The image as imagefs reads it, mounted read-only at /img by `ukp run`:
    # the same tree, root-owned.
    off, n = t["image"]
    r = run([UKP, "run", "-e", f"UKP_IMAGE={out}:{off}:{n}:/img", "--", "python3", "-c",
             "import os; print(sorted(os.listdir('/img/data')), os.readlink('/img/link'), "
             "open('/img/data/sub/deep.txt').read(), os.stat('/img/data').st_uid)"], timeout=60)
    expect("the embedded image, mounted at /img", r,
           "['hello.txt', 'rw.txt', 'shared', 'sub'] data/hello.txt deep\nline\n 0\n")

    r = alone_as_nobody(top, out)
    if r.returncode == 0 and not r.stderr and r.stdout == (EXPECTED if os.getuid() == 0 else
                                          EXPECTED.replace("65534", str(os.getuid()))):
        ok("OUT alone in an empty directory, empty environment, as nobody: the image is the root")
    else:
        fail(f"OUT alone as nobody: {show(r)}\n  want {EXPECTED!r}")


def expect(name, r, out, status=0):
    if r.returncode == status and r.stdout == out:
        ok(name)
    else:
        fail(f"{name}: {show(r)}\n  want stdout {out!r}")


def check_overrides(top):
    """Without --root: the host's system directories, like `ukp run`."""
    out = os.path.join(top, "envapp")
    show_env = "import os, sys; print(os.environ.get('X'), os.environ.get('Y'), sys.argv[1:], os.getcwd())"
    for name in ("a", "b"):
        os.makedirs(os.path.join(top, "vol-" + name))
        with open(os.path.join(top, "vol-" + name, "which"), "w") as f:
            f.write(name)
    r = pack("-e", "X=1", "-e", "Y=keep", "-w", "/srv", "-v", f"{top}/vol-a:/mnt/vol:ro", "-o", out, "--",
             "python3", "-c", show_env, "packed arg", "two\nlines")
    if r.returncode != 0:
        return fail(f"pack: {show(r)}")
    expect("OUT runs its manifest (env, args with a newline, workdir)", run(["env", "-i", out]),
           "1 keep ['packed arg', 'two\\nlines'] /srv\n")
    expect("OUT -e X=2 -w /opt -- ARGS: the flags override, the args replace",
           run([out, "-e", "X=2", "-w", "/opt", "--", "-c", show_env, "other", "args"]),
           "2 keep ['other', 'args'] /opt\n")
    which = "print(open('/mnt/vol/which').read())"
    expect("the packed -v is a host mount at run time", run([out, "--", "-c", which]), "a\n")
    expect("OUT -v with the packed guest path replaces that mount",
           run([out, "-v", f"{top}/vol-b:/mnt/vol/", "--", "-c", which]), "b\n")
    r = run([out, "--manifest"])
    want = ["program=python3", "arg=-c", "arg=two\\nlines", "env=X=1", "env=Y=keep", "workdir=/srv"]
    missing = [w for w in want if w not in r.stdout.splitlines()]
    if r.returncode != 0 or missing:
        fail(f"--manifest: missing {missing}: {show(r)}")
    else:
        ok("OUT --manifest lists program, args, env, workdir")
    r = run([out, "--help"])
    if r.returncode != 0 or "python3" not in r.stdout or "--manifest" not in r.stdout:
        fail(f"--help: {show(r)}")
    else:
        ok("OUT --help names the packed program")
    for bad in (["--bogus"], ["--root", "/"], ["-w", "relative"], ["-e"]):
        r = run([out, *bad])
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or len(lines) != 1 or r.stdout:
            fail(f"OUT {bad}: want status 2 and one line: {show(r)}")
    ok("OUT with a bad flag: status 2, one line")
    return out


def check_damaged(top, out):
    """Never run a half-baked file: a chopped trailer, a bad version, extents
    out of the file or overlapping."""
    data = open(out, "rb").read()
    t = trailer(out)

    def patched(name, body):
        p = os.path.join(top, name)
        with open(p, "wb") as f:
            f.write(body)
        os.chmod(p, 0o755)
        r = run([p, "--", "-c", "print('ran')"])
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or "ran" in r.stdout or len(lines) != 1 or "corrupt" not in lines[0]:
            fail(f"{name}: want status 2 and one 'corrupt' line: {show(r)}")
        else:
            ok(f"{name}: refused ({lines[0]})")

    def with_fields(**kw):
        v = [t["version"], *t["image"], *t["lib"], *t["libs"], *t["app"], *t["manifest"]]
        for i, val in kw.items():
            v[int(i[1:])] = val
        return data[:-TRAILER] + b"UKPPACK1" + struct.pack("<11Q", *v)

    patched("chopped-trailer", data[:-TRAILER])
    patched("truncated", data[:-(TRAILER + 100)])
    patched("version-3", with_fields(f0=3))
    patched("app-outside", with_fields(f8=len(data)))
    patched("app-overlaps-lib", with_fields(f7=t["lib"][0]))
    patched("libraries-outside", with_fields(f6=len(data)))
    # Parts that would run the app without the kernel or its root tree.
    patched("libukp-dropped", with_fields(f4=0))
    patched("lib-in-the-launcher", with_fields(f3=0))
    patched("image-appears", with_fields(f1=t["manifest"][0], f2=1))

    # Random bytes in the manifest and trailer: refused or run, the launcher
    # never dies of a signal (bounded: 40 mutants, 10 s each).
    rng = random.Random(20261127)
    tail = len(data) - (t["manifest"][0])
    crashed = []
    for i in range(40):
        body = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            body[len(data) - 1 - rng.randrange(tail)] = rng.randrange(256)
        p = os.path.join(top, "mutant")
        with open(p, "wb") as f:
            f.write(body)
        os.chmod(p, 0o755)
        try:
            r = subprocess.run([p, "--", "-c", "pass"], capture_output=True, timeout=10)
            if r.returncode < 0:
                crashed.append(f"mutant {i}: signal {-r.returncode}: {r.stderr[-300:]!r}")
        except subprocess.TimeoutExpired:
            crashed.append(f"mutant {i}: timed out")
    if crashed:
        fail("mutated manifests/trailers: " + "; ".join(crashed[:3]))
    else:
        ok("40 mutated manifests and trailers: refused or run, never a crash")


def check_pack_errors(top):
    tree = os.path.join(top, "errtree")
    os.makedirs(tree, exist_ok=True)
    out = os.path.join(top, "never")
    cases = {
        "missing -o": ["--", "true"],
        "missing APP": ["-o", out],
        "--root not a directory": ["--root", os.path.join(top, "no-such-dir"), "-o", out, "--", "true"],
        "APP not found": ["-o", out, "--", "no-such-program-ukp"],
        "APP a script": ["-o", out, "--", "/usr/bin/ldd"] if os.path.exists("/usr/bin/ldd") else None,
        "unknown flag": ["--bogus", "-o", out, "--", "true"],
        "relative -v": ["-v", "rel:/x", "-o", out, "--", "true"],
    }
    for name, args in cases.items():
        if args is None:
            continue
        r = pack(*args)
        lines = r.stderr.strip().splitlines()
        if r.returncode != 2 or len(lines) != 1 or not lines[0].startswith("ukp pack: "):
            fail(f"pack error {name}: {show(r)}")
        else:
            ok(f"pack error, {name}: {lines[0]}")
    left = [f for f in os.listdir(top) if f.startswith("never")]
    if left:
        fail(f"failed packs left files behind: {left}")
    else:
        ok("failed packs leave no OUT and no temporary file")


def check_httpd(top, httpd, label):
    """The README's demo: examples/httpd packed with its pages and a port,
    serving them from the image, reached from the host; the port moved by a
    run-time -p (same guest port: it replaces the packed one)."""
    web = os.path.join(top, "web-" + label)
    www = os.path.join(web, "srv", "www")
    os.makedirs(www)
    with open(os.path.join(www, "index.html"), "w") as f:
        f.write(f"<h1>packed page ({label})</h1>\n")
    out = os.path.join(top, "site-" + label)
    packed_port, port = hp.free_port(), hp.free_port()
    r = pack("--root", web, "-p", f"127.0.0.1:{packed_port}:8080", "-o", out, "--", httpd, "--port", "8080")
    if r.returncode != 0:
        return fail(f"pack httpd ({label}): {show(r)}")
    lib = trailer(out)["lib"][1]
    if (lib == 0) == (label == "standalone"):
        ok(f"{label}: libukp.so {'not ' if lib == 0 else ''}packed ({lib} bytes)")
    else:
        fail(f"{label}: libukp.so extent of {lib} bytes")
    try:
        with hp.Httpd(["env", "-i", out, "-p", f"127.0.0.1:{port}:8080"], {}, f"http://127.0.0.1:{port}") as srv:
            if srv.page == f"<h1>packed page ({label})</h1>\n":
                ok(f"{label}: packed httpd serves its embedded page through a run-time -p forward")
            else:
                fail(f"{label}: packed httpd served {srv.page!r}")
        if not srv.stopped_cleanly:
            fail(f"{label}: packed httpd did not stop on SIGINT")
    except RuntimeError as e:
        fail(f"packed httpd ({label}): {e}")
    check_portable(top, out, label)


def bare_root(top):
    """A root holding only the dynamic loader and glibc's own libraries (what
    any machine of this distribution has), for running OUT chrooted: no
    libstdc++, glib, libslirp, liburing, libfmt, no ukp."""
    bare = os.path.join(top, "bare")
    interp = os.path.realpath("/lib64/ld-linux-x86-64.so.2")
    os.makedirs(os.path.join(bare, "lib64"))
    os.makedirs(os.path.join(bare, "proc"))
    shutil.copy(interp, os.path.join(bare, "lib64", "ld-linux-x86-64.so.2"))
    libdir = os.path.join(bare, "lib", "x86_64-linux-gnu")
    os.makedirs(libdir)
    for lib in ("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2"):
        host = os.path.join("/lib/x86_64-linux-gnu", lib)
        if os.path.exists(host):
            shutil.copy(host, os.path.join(libdir, lib))
    return bare


def check_portable(top, out, label):
    """OUT in a root with nothing but glibc: it carries everything else."""
    if os.getuid() != 0 or not shutil.which("unshare") or not shutil.which("chroot"):
        print(f"SKIP: {label}: the glibc-only root needs root, unshare and chroot (a mount namespace for /proc)")
        return
    bare = bare_root(top) if not os.path.isdir(os.path.join(top, "bare")) else os.path.join(top, "bare")
    shutil.copy(out, os.path.join(bare, "app-" + label))
    port = hp.free_port()
    script = f"mount -t proc proc {bare}/proc && exec chroot {bare} /app-{label} -p 127.0.0.1:{port}:8080"
    try:
        with hp.Httpd(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], {},
                      f"http://127.0.0.1:{port}") as srv:
            if srv.page == f"<h1>packed page ({label})</h1>\n":
                ok(f"{label}: OUT runs in a root holding only glibc (its other libraries are packed)")
            else:
                fail(f"{label}: in the glibc-only root it served {srv.page!r}")
    except RuntimeError as e:
        fail(f"{label}: OUT in the glibc-only root: {e}")


def main():
    python = shutil.which("python3", path=DEFAULT_PATH)
    if not python:
        print("SKIP: no python3 in the default PATH")
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="ukp-pack-") as top:
        check_image(top, python)
        out = check_overrides(top)
        if out:
            check_damaged(top, out)
        check_pack_errors(top)
        for label, httpd in (("dynamic", HTTPD), ("standalone", HTTPD_STANDALONE)):
            if httpd:
                check_httpd(top, httpd, label)
    finish()


main()
