#!/usr/bin/env python3
"""The `user` network kind end to end (issue #4), over the host's loopback only.

 1. host -> app: user_app serves inside the kernel on 0.0.0.0:8080 with
    UKP_NET=user UKP_PUBLISH=127.0.0.1:HOSTPORT:8080; this script connects to
    127.0.0.1:HOSTPORT with the socket module and checks the answers (and
    prints the round-trip time of a request through the forward);
 2. app -> host: a TCP server here on 127.0.0.1:P; user_app connects to
    10.0.2.2:P (slirp's router, which is the host's loopback);
 2b. the same over IPv6: a server here on [::1]:P; user_app connects to
    [fd00::2]:P (the router's IPv6 address, which is the host's ::1), from
    fd00::15; getifaddrs shows en0's fd00::15 and link-local address;
 3. 1 again as user nobody (setpriv), proving it needs no privilege;
 4. every name libslirp imports that libukp exports passes through to the
    host libc (src/posix/passthrough.hpp), or slirp's own sockets would
    land in the kernel.

usage: check_user.py USER_APP LIBUKP_SO SRC_DIR
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bulk_peer  # noqa: E402
import ping_peer  # noqa: E402

APP, LIBUKP, SRC = sys.argv[1:4]
REQUESTS = 20
failures = []


def fail(msg):
    print("FAIL:", msg)
    failures.append(msg)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(**kw):
    env = dict(os.environ)
    env.update(kw)
    return env


def wait_listening(proc, timeout=15):
    """Reads the app's first line ('listening on N'), bounded by timeout."""
    result = {}

    def reader():
        result["line"] = proc.stdout.readline()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    t.join(timeout)
    return result.get("line", "")


def request(port):
    t0 = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall(b"GET / HTTP/1.0\r\n\r\n")
        data = b""
        while True:
            chunk = c.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.decode(errors="replace"), time.perf_counter() - t0


def host_to_app(prefix=(), label="host -> app"):
    hp = free_port()
    cmd = list(prefix) + [APP, "serve", "8080", str(REQUESTS)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env_for(UKP_NET="user", UKP_PUBLISH=f"127.0.0.1:{hp}:8080"))
    try:
        line = wait_listening(proc)
        if not line.startswith("listening"):
            fail(f"{label}: app did not start: {line!r}")
            return
        times = []
        for i in range(REQUESTS):
            text, dt = request(hp)
            times.append(dt)
            if "200 OK" not in text or f"hello from ukp, request {i} from 10.0.2.2" not in text:
                fail(f"{label}: bad answer {i}: {text!r}")
                return
        out, err = proc.communicate(timeout=15)
        if proc.returncode != 0 or "served" not in out:
            fail(f"{label}: app exit {proc.returncode}: {out!r} {err!r}")
            return
        print(f"ok: {label}: {REQUESTS} requests through 127.0.0.1:{hp} -> 10.0.2.15:8080; "
              f"connect+request+close median {statistics.median(times) * 1e3:.2f} ms, "
              f"min {min(times) * 1e3:.2f} ms")
    except Exception as e:  # timeouts, refused connections
        fail(f"{label}: {type(e).__name__}: {e}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def app_to_host(family=socket.AF_INET, host_ip="127.0.0.1", router="10.0.2.2", local="10.0.2.15"):
    """The app connects to the router's address and reaches a server on
    the host's loopback; a line each way."""
    what = "app -> host" + (" over IPv6" if family == socket.AF_INET6 else "")
    try:
        srv = socket.socket(family)
        srv.bind((host_ip, 0))
    except OSError as e:
        print(f"SKIP: {what}: the host has no {host_ip} ({e})")
        return False
    srv.listen(1)
    srv.settimeout(15)
    port = srv.getsockname()[1]
    t, got = ping_peer.start(srv)
    try:
        r = subprocess.run([APP, "connect", router, str(port)], capture_output=True, text=True,
                           timeout=30, env=env_for(UKP_NET="user"))
    except subprocess.TimeoutExpired:
        fail(f"{what}: timed out")
        return False
    finally:
        t.join(15)
        srv.close()
    show = (lambda a: f"[{a}]") if family == socket.AF_INET6 else (lambda a: a)
    if r.returncode != 0 or f"local {local} got: pong from host" not in r.stdout:
        fail(f"{what}: exit {r.returncode}: {r.stdout!r} {r.stderr!r} {got}")
    elif got.get("line") != "ping from ukp\n" or got.get("peer") != host_ip:
        fail(f"{what}: server saw {got}")
    else:
        print(f"ok: {what}: {local} -> {show(router)}:{port} reached {show(host_ip)}:{port}")
    return True


def app_to_host6():
    if not app_to_host(socket.AF_INET6, "::1", "fd00::2", "fd00::15"):
        return
    r = subprocess.run([APP, "ifaces"], capture_output=True, text=True, timeout=30, env=env_for(UKP_NET="user"))
    want = ["ifaddr en0 inet 10.0.2.15", "ifaddr en0 inet6 fd00::15", "ifaddr en0 inet6 fe80::5054:ff:fe12:3456",
            "ifconf en0 10.0.2.15"]
    missing = [w for w in want if w not in r.stdout]
    if r.returncode != 0 or missing:
        fail(f"interfaces on the user network: missing {missing}: {r.stdout!r} {r.stderr!r}")
    else:
        print("ok: en0 has 10.0.2.15, fd00::15 and fe80::5054:ff:fe12:3456")


def as_nobody():
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or not setpriv:
        print("SKIP: as nobody: needs root and setpriv to drop to nobody")
        return
    # nobody must be able to reach the binary and the library.
    probe = subprocess.run([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                            APP, "bad-usage"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 2:
        print(f"SKIP: as nobody: nobody cannot run {APP} here ({probe.stderr.strip()[:200]})")
        return
    host_to_app([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"], "as nobody: host -> app")


def passthrough_covers_slirp():
    nm = shutil.which("nm")
    slirp = "/usr/lib/x86_64-linux-gnu/libslirp.so.0"
    if not nm or not os.path.exists(slirp):
        print("SKIP: passthrough list: no nm or no libslirp.so.0 at the Debian path")
        return

    def names(args):
        out = subprocess.run([nm, "-D"] + args, capture_output=True, text=True, check=True).stdout
        return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}

    imported = {l for l in names(["--undefined-only", slirp])}
    exported = names(["--defined-only", LIBUKP])
    covered = set()
    for root, _, files in os.walk(os.path.join(SRC, "posix")):
        for f in files:
            text = open(os.path.join(root, f), errors="replace").read()
            covered |= set(re.findall(r"UKP_HOST_PASSTHROUGH\((\w+),", text))
            covered |= set(re.findall(r"host::libc::get\(\)\.(\w+)\(", text))
    missing = sorted((imported & exported) - covered)
    if missing:
        fail(f"libslirp calls these libukp exports, which do not pass through: {missing}")
    else:
        print(f"ok: passthrough covers libslirp's {len(imported & exported)} imports that libukp exports")


def bad_settings():
    """Malformed values are reported and ignored; a forward whose host port is
    taken is logged and the app still runs (loopback only)."""
    for key, value in (("UKP_NET", "user,bogus"), ("UKP_PUBLISH", "1.2.3:80:80"),
                       ("UKP_PUBLISH", "8080:0"), ("UKP_PUBLISH", "8080:80/sctp")):
        r = subprocess.run([APP, "bad-usage"], capture_output=True, text=True, timeout=30,
                           env=env_for(**{key: value}))
        if r.returncode != 2 or "invalid setting" not in r.stderr:
            fail(f"bad setting {key}={value}: exit {r.returncode}, stderr {r.stderr!r}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([APP, "bad-usage"], capture_output=True, text=True, timeout=30,
                           env=env_for(UKP_NET="user", UKP_PUBLISH=f"{port}:80"))
        if r.returncode != 2 or "no user network (EADDRINUSE)" not in r.stderr:
            fail(f"taken host port: exit {r.returncode}, stderr {r.stderr!r}")
    if not [f for f in failures if "setting" in f or "taken" in f]:
        print("ok: bad settings reported, a taken host port logged")


def bulk(mib=32):
    """Bulk TCP both ways through the router: flow control and the bounded
    frame queue (a full queue drops; TCP must recover)."""
    for direction in ("app -> host", "host -> app"):
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        port = srv.getsockname()[1]
        err, rate = bulk_peer.run_bulk(srv, direction, mib, lambda app_mib: subprocess.run(
            [APP, "bulk", "10.0.2.2", str(port), str(app_mib)],
            capture_output=True, text=True, timeout=90, env=env_for(UKP_NET="user")))
        if err:
            fail(f"bulk {direction}: {err}")
        else:
            print(f"ok: bulk {direction}: {mib} MiB intact, {rate:.0f} MiB/s (with process start)")


def udp_forward(count=5):
    """A /udp forward to a socket bound to 10.0.2.15 itself."""
    hp = free_port()
    proc = subprocess.Popen([APP, "udp-echo", "10.0.2.15", "5353", str(count)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env=env_for(UKP_NET="user", UKP_PUBLISH=f"127.0.0.1:{hp}:5353/udp"))
    try:
        line = wait_listening(proc)
        if not line.startswith("listening"):
            fail(f"udp: app did not start: {line!r}")
            return
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.settimeout(2)
            for i in range(count):
                msg = f"datagram {i}".encode()
                for _ in range(5):  # UDP: resend if a datagram is lost
                    u.sendto(msg, ("127.0.0.1", hp))
                    try:
                        reply, _ = u.recvfrom(512)
                        break
                    except socket.timeout:
                        continue
                else:
                    fail(f"udp: no answer to datagram {i}")
                    return
                if reply != b"echo: " + msg:
                    fail(f"udp: bad answer {reply!r}")
                    return
        out, err = proc.communicate(timeout=15)
        if proc.returncode != 0:
            fail(f"udp: app exit {proc.returncode}: {out!r} {err!r}")
        else:
            print(f"ok: udp: {count} datagrams through 127.0.0.1:{hp}/udp -> 10.0.2.15:5353")
    except Exception as e:
        fail(f"udp: {type(e).__name__}: {e}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


passthrough_covers_slirp()
bad_settings()
udp_forward()
bulk()
host_to_app()
app_to_host()
app_to_host6()
as_nobody()
if failures:
    sys.exit(1)
