#!/usr/bin/env python3
"""The `host` network kind: examples/httpd built with ukp, run with
UKP_NET=host on a free 127.0.0.1 port, serves a host client directly (no
forward: its listening socket is a host socket): the page, then a notes API
round trip, then several keep-alive-less requests at once. Host loopback only.

usage: check_host.py HTTPD_UKP
"""
import json
import sys
import threading
import urllib.error

from httpd_proc import Httpd, request, run_checks

HTTPD = sys.argv[1]


def round_trip(srv, failures):
    base = srv.base
    print("GET / ->", srv.status, "html" if "<html" in srv.page else "not html")
    if srv.status != 200 or "<html" not in srv.page:
        failures.append("page")
    status, body = request(base + "/api/notes", json.dumps({"text": "over host sockets"}).encode(), "POST")
    note = json.loads(body)["id"]
    print("POST /api/notes ->", status)
    status, body = request(f"{base}/api/notes/{note}")
    text = json.loads(body).get("text")
    print("GET the note ->", status, text)
    if text != "over host sockets":
        failures.append("note text")
    status, _ = request(f"{base}/api/notes/{note}", method="DELETE")
    print("DELETE ->", status)
    try:
        request(f"{base}/api/notes/{note}")
        failures.append("deleted note still there")
    except urllib.error.HTTPError as e:
        print("GET after delete ->", e.code)
    status, body = request(base + "/api/status")
    unikernel = json.loads(body).get("unikernel")
    print("status says unikernel:", unikernel)
    if not unikernel:
        failures.append("not served by the ukp build")


def concurrent(srv, failures, clients=8, each=20):
    """Parallel clients: the epoll loop sees many host sockets at once."""
    errors = []

    def client():
        try:
            for _ in range(each):
                status, _ = request(srv.base + "/api/status")
                if status != 200:
                    errors.append(status)
        except Exception as e:  # noqa: BLE001 -- reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    print(f"{clients}x{each} parallel requests, errors: {len(errors)}")
    if errors:
        failures.append(f"parallel requests: {errors[:3]}")


def main():
    return run_checks(Httpd.host(HTTPD), round_trip, concurrent)

if __name__ == "__main__":
    sys.exit(main())
