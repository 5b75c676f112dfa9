#!/usr/bin/env python3
"""hostfs through a real ukp program: UKP_VOLUME=HOST:/data,HOST2:/ro:ro.

usage: check_volume.py APP

Runs APP (tests/fs/volume_app.c) on fresh host directories and checks that
the host sees what the program did, that :ro gives EROFS, that no escape
reaches a host file outside the volume (while this script flips a name in
the volume between a directory and a symlink to outside), and ownership
mapping. As root it runs everything again as user nobody (setpriv) on
directories nobody owns.
"""
import ctypes
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading

libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def fail(msg, out=""):
    print(f"FAIL: {msg}\n{out}")
    sys.exit(1)


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def setup(owner_uid, owner_gid):
    base = tempfile.mkdtemp(prefix="ukp-volume-")
    os.chmod(base, 0o755)
    vol, ro, outside = (os.path.join(base, n) for n in ("vol", "ro", "outside"))
    for d in (vol, ro, os.path.join(outside, "etc")):
        os.makedirs(d)
    write(os.path.join(base, "outside-secret.txt"), "SECRET outside the volume\n")
    write(os.path.join(outside, "etc", "passwd"), "SECRET host passwd\n")
    write(os.path.join(vol, "host.txt"), "made on the host\n")
    write(os.path.join(vol, "delete-me.txt"), "x")
    write(os.path.join(ro, "host.txt"), "made on the host\n")
    os.symlink(os.path.join(base, "outside-secret.txt"), os.path.join(vol, "abs-link"))
    os.symlink("../outside-secret.txt", os.path.join(vol, "rel-link"))
    os.symlink("/etc", os.path.join(vol, "etc-link"))
    # The host-side race: race-host flips between this directory and a symlink out.
    os.makedirs(os.path.join(vol, "race-host", "etc"))
    write(os.path.join(vol, "race-host", "etc", "passwd"), "inside\n")
    os.symlink(outside, os.path.join(vol, "race-host-alt"))
    for root, dirs, files in os.walk(base):
        for n in dirs + files:
            os.lchown(os.path.join(root, n), owner_uid, owner_gid)
    os.lchown(base, owner_uid, owner_gid)
    # Owned by root, private: nobody's kernel may think it may read it, the host says no.
    write(os.path.join(vol, "rootonly.txt"), "root's\n", 0o600)
    return base


class HostFlipper(threading.Thread):
    def __init__(self, vol):
        super().__init__(daemon=True)
        self.a = os.path.join(vol, "race-host").encode()
        self.b = os.path.join(vol, "race-host-alt").encode()
        self.stop = False
        self.flips = 0

    def run(self):
        while not self.stop:
            if libc.renameat2(AT_FDCWD, self.a, AT_FDCWD, self.b, RENAME_EXCHANGE) == 0:
                self.flips += 1


def run_app(app, base, what, env_extra, as_nobody):
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env["UKP_VOLUME"] = f"{base}/vol:/data,{base}/ro:/ro:ro"
    env.update(env_extra)
    cmd = [app, what]
    if as_nobody:
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "env", "-C", "/"] + cmd
    flipper = HostFlipper(os.path.join(base, "vol"))
    if what in ("all", "escapes"):
        flipper.start()
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    finally:
        flipper.stop = True
        if flipper.is_alive():
            flipper.join()
    out = p.stdout + p.stderr
    if what in ("all", "escapes"):
        out += f"host flips: {flipper.flips}\n"
    return p.returncode, out


def vals(out):
    v = {}
    for line in out.splitlines():
        if line.startswith("val "):
            for item in line[4:].split():
                if "=" in item:
                    k, x = item.split("=", 1)
                    v[k] = x
    return v


def check_round(app, uid, gid, as_nobody, label):
    base = setup(uid, gid)
    try:
        rc, out = run_app(app, base, "all", {}, as_nobody)
        print(out, end="")
        if rc != 0:
            fail(f"{label}: the program reported failures", out)
        vol = os.path.join(base, "vol")
        with open(os.path.join(vol, "dir", "renamed.txt")) as f:
            if f.read() != "written inside\n":
                fail(f"{label}: the host does not see the renamed file's text")
        for gone in ("new.txt", "delete-me.txt"):
            if os.path.exists(os.path.join(vol, gone)):
                fail(f"{label}: {gone} still on the host")
        st = os.stat(os.path.join(vol, "dir", "renamed.txt"))
        if st.st_uid != uid:
            fail(f"{label}: a file made inside is owned by {st.st_uid} on the host, not {uid}")
        if sorted(os.listdir(os.path.join(base, "ro"))) != ["host.txt"]:
            fail(f"{label}: the read-only volume changed")
        v = vals(out)
        if v.get("file_uid") != v.get("uid") or v.get("file_gid") != v.get("gid"):
            fail(f"{label}: a host file of the host user is not shown as the kernel's user", out)
        if int(v.get("opens", "0")) < 100 or int(v.get("flips", "0")) < 100:
            fail(f"{label}: the race loop barely ran", out)
        want = "opened" if uid == 0 else "EACCES"
        if v.get("rootonly") != want:
            fail(f"{label}: root's private file: {v.get('rootonly')}, expected {want}", out)
        print(f"ok: {label}: work, read-only, escapes, ownership")

        # The kernel's configured ids stand in for the host user's.
        shutil.rmtree(base)
        base = setup(uid, gid)
        rc, out = run_app(app, base, "work", {"UKP_UID": "1234", "UKP_GID": "4321"}, as_nobody)
        v = vals(out)
        if rc != 0 or v.get("file_uid") != "1234" or v.get("file_gid") != "4321":
            fail(f"{label}: UKP_UID/UKP_GID do not map the host user's files", out)
        print(f"ok: {label}: host user's files appear owned by UKP_UID/UKP_GID")
        if as_nobody:
            # The kernel believes it is root; the host still says no.
            shutil.rmtree(base)
            base = setup(uid, gid)
            rc, out = run_app(app, base, "work", {"UKP_UID": "0", "UKP_GID": "0"}, as_nobody)
            if vals(out).get("rootonly") != "EACCES":
                fail(f"{label}: the host's EACCES did not come back", out)
            print(f"ok: {label}: the host's own permission check still applies (EACCES)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main():
    app = os.path.abspath(sys.argv[1])
    # A missing host directory is a clear error, and the program still runs.
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env["UKP_VOLUME"] = "/nonexistent/ukp-volume:/data"
    p = subprocess.run([app, "none"], env=env, capture_output=True, text=True, timeout=30)
    if p.returncode != 0 or "/nonexistent/ukp-volume" not in p.stderr or "ENOENT" not in p.stderr:
        fail("a missing host directory is not reported", p.stdout + p.stderr)
    print("ok: missing host directory: " + p.stderr.strip().splitlines()[-1])

    check_round(app, os.getuid(), os.getgid(), False, f"uid {os.getuid()}")
    if os.getuid() == 0:
        nobody = pwd.getpwnam("nobody")
        if subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                           "test", "-x", app]).returncode != 0:
            print("SKIP: user nobody cannot reach the program (a parent directory is not world-searchable)")
            return
        check_round(app, nobody.pw_uid, nobody.pw_gid, True, "nobody")
    print("PASS")


if __name__ == "__main__":
    main()
