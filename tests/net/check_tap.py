#!/usr/bin/env python3
"""The `tap` network kind end to end (issue #4), inside a network namespace
this test makes (tests/net/netns.py); the machine's own network is never
touched. Needs root (for the namespace and the TAP device); the apps run as
user nobody, who owns the device. Elsewhere: a loud SKIP, exit 77.

 1. interfaces: the app sees lo and tap0 (10.77.0.2) in getifaddrs and
    SIOCGIFCONF;
 2. app -> host: a TCP server here on 10.77.0.1; the app connects out from
    10.77.0.2, a line each way;
 3. bulk TCP both ways (32 MiB, checksummed), with the rate;
 4. examples/httpd on the tap as nobody: the page and a notes API round trip
    from the namespace's side (urllib, no proxy);
 5. while httpd runs: malformed frames from the host side (random bytes,
    truncated ARP/IPv4/IPv6/TCP headers, frames larger than the MTU) through
    an AF_PACKET socket on the device; httpd must still answer
    (TAP_JUNK_KINDS=0,..,5 and TAP_JUNK_BIG=0 narrow it down when it fails).

usage: check_tap.py NET_APP HTTPD
"""
import json
import os
import pwd
import random
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bulk_peer  # noqa: E402
import ping_peer  # noqa: E402
import netns  # noqa: E402

APP, HTTPD = sys.argv[1:3]
failures = []
OUR_MAC = bytes.fromhex("525400123500")  # tap0's (core/net/netdev.hpp)


def fail(msg):
    print("FAIL:", msg, flush=True)
    failures.append(msg)


def ok(msg):
    print("ok:", msg, flush=True)


def interfaces(ns):
    r = ns.run([APP, "ifaces"], user="nobody", env={"UKP_NET": ns.ukp_net}, capture_output=True, text=True)
    want = ["ifaddr tap0 inet 10.77.0.2", "ifaddr lo inet 127.0.0.1", "ifconf tap0 10.77.0.2", "ifconf lo 127.0.0.1"]
    missing = [w for w in want if w not in r.stdout]
    if r.returncode != 0 or missing:
        fail(f"interfaces: exit {r.returncode}, missing {missing}: {r.stdout!r} {r.stderr[-500:]!r}")
    else:
        ok("interfaces: " + ", ".join(l for l in r.stdout.splitlines() if l.startswith("ifaddr tap0")))


def server(ns):
    with ns.entered():
        srv = socket.socket()
    srv.bind((ns.host_addr, 0))
    srv.listen(1)
    srv.settimeout(30)
    return srv


def app_to_host(ns):
    srv = server(ns)
    port = srv.getsockname()[1]
    t, got = ping_peer.start(srv)
    try:
        r = ns.run([APP, "connect", ns.host_addr, str(port)], user="nobody", env={"UKP_NET": ns.ukp_net},
                   capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        fail("app -> host: timed out")
        return
    finally:
        t.join(15)
        srv.close()
    if r.returncode != 0 or f"local {ns.app_addr} got: pong from host" not in r.stdout:
        fail(f"app -> host: exit {r.returncode}: {r.stdout!r} {r.stderr[-500:]!r} {got}")
    elif got.get("line") != "ping from ukp\n" or got.get("peer") != ns.app_addr:
        fail(f"app -> host: server saw {got}")
    else:
        ok(f"app -> host: {ns.app_addr} -> {ns.host_addr}:{port}, a line each way")


def bulk(ns, mib=32):
    for direction in ("app -> host", "host -> app"):
        srv = server(ns)
        port = srv.getsockname()[1]
        err, rate = bulk_peer.run_bulk(srv, direction, mib, lambda app_mib: ns.run(
            [APP, "bulk", ns.host_addr, str(port), str(app_mib)],
            user="nobody", env={"UKP_NET": ns.ukp_net}, capture_output=True, text=True, timeout=90))
        if err:
            fail(f"bulk {direction}: {err}")
        else:
            ok(f"bulk {direction}: {mib} MiB intact, {rate:.0f} MiB/s (with process start)")


def request(ns, url, data=None, method=None):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    with ns.entered():  # the connection's socket is made in the namespace
        with opener.open(req, timeout=10) as r:
            return r.status, r.read().decode()


def malformed_frames(ns, count=3000):
    """Junk from the wire into the app's tap: it must drop it all and live."""
    rnd = random.Random(4)
    with ns.entered():
        raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind((ns.tap, 0))
    peer_mac = bytes.fromhex("02aabbccddee")
    sent = 0

    def frame(ethertype, payload):
        return OUR_MAC + peer_mac + struct.pack("!H", ethertype) + payload

    def junk(n):
        return bytes(rnd.getrandbits(8) for _ in range(n))

    def send(f):
        nonlocal sent
        try:
            raw.send(f)
            sent += 1
        except OSError:
            pass  # too short or too long for the device: the host refused it

    # From a made-up neighbour: junk claiming 10.77.0.1 would (rightly)
    # poison the app's ARP cache for the real host side.
    ip4 = bytes([10, 77, 0, 99]), bytes([10, 77, 0, 2])
    kinds = [int(k) for k in os.environ.get("TAP_JUNK_KINDS", "0,1,2,3,4,5").split(",")]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind == 0:
            send(junk(rnd.randint(1, 1514)))
        elif kind == 1:  # ARP, cut anywhere
            arp = struct.pack("!HHBBH", 1, 0x800, 6, 4, rnd.choice([1, 2])) + peer_mac + ip4[0] + OUR_MAC + ip4[1]
            send(frame(0x0806, arp[:rnd.randint(0, len(arp))]))
        elif kind == 2:  # IPv4 with lying lengths, options, fragments
            ihl = rnd.randint(0, 15)
            hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, rnd.randint(0, 65535), rnd.randint(0, 65535),
                              rnd.randint(0, 65535), rnd.randint(0, 255), rnd.choice([1, 6, 17, 58, 255]), 0,
                              ip4[0], ip4[1])
            send(frame(0x0800, hdr + junk(rnd.randint(0, 1400))))
        elif kind == 3:  # TCP to httpd's port, random flags and offsets
            tcp = struct.pack("!HHIIBBHHH", rnd.randint(1, 65535), 8080, rnd.getrandbits(32), rnd.getrandbits(32),
                              rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(0, 65535), 0, 0)
            tcp = tcp[:rnd.randint(0, len(tcp))] + junk(rnd.randint(0, 64))
            hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, ip4[0], ip4[1])
            send(frame(0x0800, hdr + tcp))
        elif kind == 4:  # IPv6 with junk next headers, to us and to all nodes
            dst = bytes.fromhex("fe800000000000005054" + "00fffe123500") if rnd.random() < 0.5 \
                else bytes.fromhex("ff020000000000000000000000000001")
            hdr = struct.pack("!IHBB", 0x60000000, rnd.randint(0, 65535), rnd.choice([0, 6, 17, 43, 44, 58, 60]),
                              rnd.randint(0, 255)) + bytes.fromhex("fe80" + "00" * 13 + "01") + dst
            send(frame(0x86DD, (hdr + junk(rnd.randint(0, 1400)))[:rnd.randint(0, 1500)]))
        else:  # a bare or cut Ethernet header
            send(frame(rnd.choice([0x0800, 0x86DD, 0x0806, 0x8100, 0x88CC]), b"")[:rnd.randint(0, 14)])
    # Larger than any frame the app takes: the device's MTU is raised for it.
    big = 0
    if os.environ.get("TAP_JUNK_BIG", "1") == "1" and ns.run(["ip", "link", "set", ns.tap, "mtu", "9000"], capture_output=True).returncode == 0:
        for _ in range(50):
            send(frame(0x0800, junk(8986)))
            big += 1
        ns.run(["ip", "link", "set", ns.tap, "mtu", "1500"], capture_output=True)
    raw.close()
    return sent, big


def httpd(ns):
    proc = ns.popen([HTTPD, "--port", "8080"], user="nobody", env={"UKP_NET": ns.ukp_net},
                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://{ns.app_addr}:8080"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, page = request(ns, base + "/")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    fail("httpd: the page never came")
                    return
                time.sleep(0.2)
        if status != 200 or "<html" not in page:
            fail(f"httpd: GET / -> {status}")
            return
        status, body = request(ns, base + "/api/notes", json.dumps({"text": "over the tap"}).encode(), "POST")
        note = json.loads(body)["id"]
        _, body = request(ns, f"{base}/api/notes/{note}")
        if json.loads(body).get("text") != "over the tap":
            fail(f"httpd: note read back as {body!r}")
        request(ns, f"{base}/api/notes/{note}", method="DELETE")
        try:
            request(ns, f"{base}/api/notes/{note}")
            fail("httpd: deleted note still there")
        except urllib.error.HTTPError as e:
            if e.code != 404:
                fail(f"httpd: deleted note -> {e.code}")
        ok(f"httpd as nobody on {ns.app_addr}:8080: page, notes POST/GET/DELETE from {ns.host_addr}")

        sent, big = malformed_frames(ns)
        time.sleep(0.5)
        t0 = time.perf_counter()
        status, page = request(ns, base + "/")
        if proc.poll() is not None or status != 200:
            fail(f"malformed frames: httpd gone or failing ({proc.poll()}, {status})")
        else:
            ok(f"malformed frames: {sent} junk frames ({big} of 9000 bytes) dropped, httpd still serves "
               f"({(time.perf_counter() - t0) * 1e3:.1f} ms for the page after)")
    except Exception as e:
        fail(f"httpd: {type(e).__name__}: {e}")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
                fail("httpd did not stop on SIGINT")
        out = proc.stdout.read() if proc.stdout else ""
        if failures:
            print("httpd said:", out[-1500:])


def main():
    netns.require()
    nobody = pwd.getpwnam("nobody")
    probe = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", APP, "bad-usage"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 2:
        print(f"SKIP: *** tap network test skipped: user nobody cannot run {APP} here "
              f"({probe.stderr.strip()[:200]}) ***")
        return 77
    with netns.TapNamespace(uid=nobody.pw_uid, gid=nobody.pw_gid) as ns:
        print(f"namespace {ns.name}, UKP_NET={ns.ukp_net}", flush=True)
        interfaces(ns)
        app_to_host(ns)
        bulk(ns)
        httpd(ns)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
