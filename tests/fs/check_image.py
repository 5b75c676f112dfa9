#!/usr/bin/env python3
"""imagefs through a real ukp program: UKP_IMAGE=FILE:OFFSET:SIZE:/app.

usage: check_image.py APP MKIMAGE

Builds a host tree, writes its image inside a larger file with MKIMAGE
(junk before, a trailer after, as `ukp pack` will), runs APP
(tests/fs/image_app.c) on it, and compares APP's listing of /app with one
made here from the host tree. Then a corrupt image: the program must run
without /app contents and the kernel must log why.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def fail(msg, out=""):
    print(f"FAIL: {msg}\n{out}")
    sys.exit(1)


def djb(data):
    h = 5381
    for b in data:
        h = (h * 33 + b) & 0xFFFFFFFFFFFFFFFF
    return h


def listing(root, rel=""):
    lines = []
    base = os.path.join(root, rel) if rel else root
    for name in sorted(os.listdir(base), key=os.fsencode):
        sub = f"{rel}/{name}" if rel else name
        path = os.path.join(root, sub)
        st = os.lstat(path)
        if os.path.islink(path):
            lines.append(f"node {sub} link {os.readlink(path)}")
        elif os.path.isdir(path):
            lines.append(f"node {sub} dir {st.st_mode & 0o7777:o}")
            lines += listing(root, sub)
        else:
            data = open(path, "rb").read()
            lines.append(f"node {sub} file {st.st_mode & 0o7777:o} {st.st_size} {len(data)} {djb(data)}")
    return lines


def make_tree(base):
    root = os.path.join(base, "tree")
    os.makedirs(os.path.join(root, "www", "css"))
    os.makedirs(os.path.join(root, "empty"))
    with open(os.path.join(root, "hello.txt"), "w") as f:
        f.write("hello from a packed tree\n")
    with open(os.path.join(root, "www", "index.html"), "w") as f:
        f.write("<html><body>" + "x" * 10000 + "</body></html>\n")
    with open(os.path.join(root, "www", "css", "site.css"), "w") as f:
        f.write("body { color: black }\n")
    with open(os.path.join(root, "blob.bin"), "wb") as f:
        f.write(bytes((i * 7 + i // 300) & 0xFF for i in range(300000)))
    open(os.path.join(root, "zero"), "w").close()
    os.chmod(os.path.join(root, "zero"), 0o600)
    os.symlink("www/index.html", os.path.join(root, "index"))
    os.symlink("/app/hello.txt", os.path.join(root, "abs"))
    return root


def run(app, image_spec):
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env["UKP_IMAGE"] = image_spec
    try:
        return subprocess.run([app, "/app"], env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        fail("the program timed out")


def main():
    app, mkimage = sys.argv[1], sys.argv[2]
    base = tempfile.mkdtemp(prefix="ukp-image-")
    try:
        root = make_tree(base)
        packed = os.path.join(base, "packed.bin")
        mk = subprocess.run([mkimage, root, packed, "8192"], capture_output=True, text=True, timeout=60)
        if mk.returncode != 0:
            fail("mkimage failed", mk.stderr)
        offset, size = (int(x) for x in mk.stdout.split())
        if os.path.getsize(packed) != offset + size + len("TRAILER"):
            fail("mkimage wrote an unexpected length")

        p = run(app, f"{packed}:{offset}:{size}:/app")
        out = p.stdout + p.stderr
        if p.returncode != 0:
            fail(f"the program failed (status {p.returncode})", out)
        got = [l for l in p.stdout.splitlines() if l.startswith("node ")]
        want = listing(root)
        if got != want:
            fail("listing differs from the host tree",
                 "want:\n" + "\n".join(want) + "\ngot:\n" + "\n".join(got))
        for name in ("create-erofs", "mkdir-erofs", "write-erofs", "unlink-erofs"):
            if f"ok {name}" not in p.stdout:
                fail(f"{name} missing", out)
        print(f"ok image read back: {len(want)} nodes, changes refused")

        # An image path with ':' in it (the fields split from the right).
        odd = os.path.join(base, "a:b.img")
        shutil.copy(packed, odd)
        p = run(app, f"{odd}:{offset}:{size}:/app")
        if p.returncode != 0:
            fail("an image path holding ':' was not mounted", p.stdout + p.stderr)
        print("ok path with ':'")

        # Corrupt: one byte of the node table flipped to an unsupported type.
        data = bytearray(open(packed, "rb").read())
        data[offset + 64 + 3] ^= 0x80
        bad = os.path.join(base, "bad.bin")
        open(bad, "wb").write(data)
        p = run(app, f"{bad}:{offset}:{size}:/app")
        if p.returncode == 0 or "node " in p.stdout:
            fail("a corrupt image was served", p.stdout + p.stderr)
        if "image" not in p.stderr or "EINVAL" not in p.stderr:
            fail("the kernel did not log why the image was refused", p.stderr)
        print("ok corrupt image refused at boot: " + p.stderr.strip().splitlines()[-1][:160])

        # At "/" the image is the root: without it the program must not run.
        p = run(app, f"{bad}:{offset}:{size}:/")
        if p.returncode == 0 or "node " in p.stdout or "boot failed" not in p.stderr:
            fail("a corrupt root image let the program run", p.stdout + p.stderr)
        print("ok corrupt root image: the kernel does not boot")
    finally:
        shutil.rmtree(base, ignore_errors=True)


main()
