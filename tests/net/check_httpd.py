#!/usr/bin/env python3
"""The demo, tested: examples/httpd built with ukp serves through the `user`
network's port forward, and a host client (urllib, as a browser would) gets
the page and makes a notes API round trip. Host loopback only.

usage: check_httpd.py HTTPD_UKP
"""
import json
import sys
import urllib.error

from httpd_proc import Httpd, request, run_checks

HTTPD = sys.argv[1]


def round_trip(srv, failures):
    base = srv.base
    status, page = srv.status, srv.page
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


def main():
    return run_checks(Httpd.user(HTTPD), round_trip)

if __name__ == "__main__":
    sys.exit(main())
