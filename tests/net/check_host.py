#!/usr/bin/env python3
"""The `host` network kind: examples/httpd built with ukp, run with
UKP_NET=host on a free 127.0.0.1 port, serves a host client directly (no
forward: its listening socket is a host socket): the page, then a notes API
round trip, then several keep-alive-less requests at once. Host loopback only.

usage: check_host.py HTTPD_UKP
"""
import sys
import threading

from httpd_proc import Httpd, notes_round_trip, request, run_checks

HTTPD = sys.argv[1]


def round_trip(srv, failures):
    notes_round_trip(srv, failures, "over host sockets")

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
