#!/usr/bin/env python3
"""Runs the IPC and event benchmark natively and under ukp, side by side.

    run_ipc.py NATIVE_BIN UKP_BIN [--rounds 3] [--budget-ms 60] [--reps 31]
               [--markdown FILE] [--svg FILE]

The two binaries are the same ipc_ops.c built twice, run alternately;
sidebyside.py has the method. Builds nothing; standard library only.
"""
import argparse
import datetime

import sidebyside as sbs

OPS = [
    ("pipe_pingpong", "pipe ping-pong (round trip)"),
    ("unix_pingpong", "AF_UNIX socketpair ping-pong"),
    ("eventfd_pingpong", "eventfd ping-pong"),
    ("epoll_1_idle", "epoll_wait, 1 active + 1 idle"),
    ("epoll_1000_idle", "epoll_wait, 1 active + 1000 idle"),
    ("pipe_64k", "pipe throughput, 64 KiB write"),
    ("map_shared_touch", "MAP_SHARED page touch"),
    ("tcp_pingpong", "TCP ping-pong on 127.0.0.1"),
    ("tcp_64k", "TCP throughput, 64 KiB write"),
]
# Round trips between two threads: at least twice as fast as native
# (issue 3 for IPC; issue 4 for TCP inside the kernel vs the host's loopback).
TARGETS = {"pipe_pingpong": 2, "unix_pingpong": 2, "eventfd_pingpong": 2, "tcp_pingpong": 2}
TITLE = "IPC, events and loopback TCP: native vs ukp"


def idle_independence(med):
    """epoll_wait must not pay for idle fds: 1000 idle vs 1 idle."""
    u1, u1000 = med["ukp"].get("epoll_1_idle"), med["ukp"].get("epoll_1000_idle")
    if not u1 or not u1000:
        return "- epoll_wait with 1000 idle fds: not measured"
    ratio = u1000 / u1
    verdict = "met" if ratio <= 1.5 else "MISSED"
    return f"- epoll_wait cost, 1000 idle fds / 1 idle fd under ukp: {ratio:.2f} (target ~1) {verdict}"


def throughput_line(med, key, what):
    out = []
    for b in ("native", "ukp"):
        v = med[b].get(key)
        if v:
            out.append(f"{b} {65536 / v:.2f} GB/s")
    return f"- {what} throughput: " + (", ".join(out) if out else "not measured")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("native")
    ap.add_argument("ukp")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget-ms", type=int, default=60, help="per operation and run")
    ap.add_argument("--reps", type=int, default=31, help="timed repetitions per operation and run")
    ap.add_argument("--markdown")
    ap.add_argument("--svg")
    args = ap.parse_args()
    timeout = 120

    started = sbs.machine()
    med, notes = sbs.compare(
        OPS, args.rounds,
        lambda: sbs.run_once([args.native], args.budget_ms, args.reps, timeout),
        lambda: sbs.run_once([args.ukp], args.budget_ms, args.reps, timeout))
    info = {"machine": started, "date": datetime.date.today().isoformat(), "rounds": args.rounds,
            "reps": args.reps, "notes": notes}
    method = ("Ping-pongs run between two threads of one process; TCP runs on 127.0.0.1 "
              "(natively the host's loopback, under ukp lwIP's inside the kernel); the mapping "
              "case natively maps a file on tmpfs (/dev/shm).")
    extra = [idle_independence(med), throughput_line(med, "pipe_64k", "pipe"),
             throughput_line(med, "tcp_64k", "TCP")]
    sbs.write_outputs(args, TITLE, method, OPS, TARGETS, med, info, extra)


if __name__ == "__main__":
    main()
