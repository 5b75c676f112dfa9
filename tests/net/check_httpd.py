#!/usr/bin/env python3
"""The demo, tested: examples/httpd built with ukp serves through the `user`
network's port forward, and a host client (urllib, as a browser would) gets
the page and makes a notes API round trip. Host loopback only.

usage: check_httpd.py HTTPD_UKP
"""
import sys

from httpd_proc import Httpd, notes_round_trip, run_checks

HTTPD = sys.argv[1]


def round_trip(srv, failures):
    notes_round_trip(srv, failures, "from the host")


def main():
    return run_checks(Httpd.user(HTTPD), round_trip)


if __name__ == "__main__":
    sys.exit(main())
