#!/usr/bin/env python3
"""The demo, tested: examples/httpd built with ukp serves through the `user`
network's port forward, and a host client (urllib, as a browser would) gets
the page and makes a notes API round trip. Host loopback only.

usage: check_httpd.py HTTPD_UKP
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HTTPD = sys.argv[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, method=None):
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read().decode()


def main():
    port = free_port()
    env = dict(os.environ, UKP_NET="user", UKP_PUBLISH=f"127.0.0.1:{port}:8080")
    proc = subprocess.Popen([HTTPD, "--port", "8080"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    failures = []
    try:
        deadline = time.monotonic() + 20
        while True:  # the forward listens at boot; the server a moment later
            try:
                status, page = request(base + "/")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    print("FAIL: the page never came")
                    return 1
                time.sleep(0.2)
        print("GET / ->", status, "html" if "<html" in page else "not html")
        if status != 200 or "<html" not in page:
            failures.append("page")
        status, body = request(base + "/api/notes", json.dumps({"text": "from the host"}).encode(), "POST")
        note = json.loads(body)["id"]
        print("POST /api/notes ->", status)
        status, body = request(f"{base}/api/notes/{note}")
        print("GET the note ->", status, json.loads(body).get("text"))
        if json.loads(body).get("text") != "from the host":
            failures.append("note text")
        status, _ = request(f"{base}/api/notes/{note}", method="DELETE")
        print("DELETE ->", status)
        try:
            request(f"{base}/api/notes/{note}")
            failures.append("deleted note still there")
        except urllib.error.HTTPError as e:
            print("GET after delete ->", e.code)
        status, body = request(base + "/api/status")
        print("status says unikernel:", json.loads(body).get("unikernel"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            failures.append("httpd did not stop on SIGINT")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
