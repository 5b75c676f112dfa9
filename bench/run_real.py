#!/usr/bin/env python3
"""Unmodified Debian programs, natively and under `ukp run`, in one run
(issue 5's benchmarks):

    run_real.py UKP_TOOL CAPTURE_OPS_UKP [--rounds 3] [--requests 50000]
                [--kinds user,host] [--markdown FILE] [--svg FILE]

- sqlite3: tests/run/sqlite_workload.sql (100k inserts in a transaction,
  indexes, queries, updates, deletes, WAL), `sqlite3 DB < script`, wall time
  of the whole process; natively the database is in the host's /tmp, under
  ukp in the kernel's /tmp (ramfs).
- redis: redis-benchmark -t set,get with -P 1 and -P 16 (requests/s)
  against redis-server natively on 127.0.0.1, and under ukp through each
  network kind: `user` (a -p forward through libslirp) and `host` (the
  app's sockets are the host's).
- one captured raw system call (syscall(SYS_getppid) under
  UKP_CAPTURE=trap: SIGSYS, the raw-syscall table) vs one call of libukp's
  exported getppid, vs the host's own system call (UKP_CAPTURE=off).

Rounds alternate native and ukp so a noisy shared machine hurts both alike;
each figure is the median over the rounds. Every load is bounded
(redis-benchmark -n, subprocess timeouts); servers stop on exit. After the
rounds the ukp server's CPU per thread during one more (uncounted) load of
each kind names where the time goes. Standard library only.
"""
import argparse
import csv
import datetime
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "run"))
import redis_proc as rp  # noqa: E402
import sidebyside as sbs  # noqa: E402

WORKLOAD = os.path.join(HERE, "..", "tests", "run", "sqlite_workload.sql")
TITLE = "Real programs: sqlite3, redis-server, captured syscalls: native vs ukp"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def timed(cmd, stdin_path, timeout=60, env=None, cwd=None):
    """Wall ms of one process, its stdin a file; raises on failure."""
    with open(stdin_path, "rb") as f:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdin=f, capture_output=True, timeout=timeout, env=env, cwd=cwd)
        ms = (time.perf_counter() - t0) * 1e3
    if p.returncode != 0 or b"ok" not in p.stdout:  # the script ends with integrity_check
        raise RuntimeError(f"{cmd}: status {p.returncode}: {p.stderr.decode(errors='replace')[-400:]}")
    return ms


def sqlite_native():
    with tempfile.TemporaryDirectory(prefix="ukp-real-", dir="/tmp") as d:
        return timed(["sqlite3", os.path.join(d, "bench.db")], WORKLOAD)


def sqlite_ukp(ukp):
    return timed([ukp, "run", "--", "sqlite3", "/tmp/bench.db"], WORKLOAD)


def startup(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, timeout=30, check=True)
    return (time.perf_counter() - t0) * 1e3


def redis_bench(port, pipeline, requests):
    """{"set": rps, "get": rps} from redis-benchmark --csv; raises on errors."""
    n = requests * (8 if pipeline > 1 else 1)  # pipelined runs are ~8x faster: similar durations
    p = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-n", str(n), "-c", "32",
                        "-P", str(pipeline), "-t", "set,get", "--csv"],
                       capture_output=True, text=True, timeout=120)
    out = {}
    for row in csv.reader(io.StringIO(p.stdout)):
        if len(row) >= 2 and row[0] in ("SET", "GET"):
            out[row[0].lower()] = float(row[1])
    if p.returncode != 0 or len(out) != 2 or "rror" in p.stderr:
        raise RuntimeError(f"redis-benchmark -P {pipeline}: status {p.returncode}: "
                           f"{p.stdout[-300:]} {p.stderr[-300:]}")
    return out


def redis_round(server, requests):
    vals = {}
    with server:
        for pipeline in (1, 16):
            for op, rps in redis_bench(server.port, pipeline, requests).items():
                vals[f"redis_{op}_p{pipeline}"] = rps
    return vals


def capture_ops(binary, mode):
    p = subprocess.run([binary, "20000"], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "UKP_CAPTURE": mode})
    if p.returncode != 0:
        raise RuntimeError(f"{binary} under UKP_CAPTURE={mode}: status {p.returncode}: {p.stderr[-300:]}")
    return {f[0]: float(f[1]) for f in (line.split() for line in p.stdout.splitlines()) if len(f) == 2}


# ukp's own threads carry the program's name; they start in this order at
# boot, before the program's (checked with gdb: port_wait, device_main,
# watcher_main).
UKP_THREADS = {"user": ["ukp lwIP service", "ukp user net (libslirp)"], "host": ["ukp host-socket watcher"]}


def thread_cpu(pid, kind):
    """{thread: CPU seconds so far}: "main" runs redis's event loop and the
    kernel calls it makes; ukp's threads by UKP_THREADS; redis's own by
    their names (bio_*, jemalloc_bg_thd)."""
    out = {}
    ukp_names = list(UKP_THREADS.get(kind, []))
    for tid in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        if int(tid) == pid:
            main_comm, name = comm, "main"
        elif comm == main_comm and ukp_names:
            name = ukp_names.pop(0)
        else:
            name = f"{comm} {tid}"
        out[name] = (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime
    return out


def profile_threads(server, kind, pipeline, requests):
    """CPU seconds per thread of the ukp process during one load, busiest
    first, with the load's wall seconds."""
    with server:
        before = thread_cpu(server.proc.pid, kind)
        t0 = time.perf_counter()
        redis_bench(server.port, pipeline, requests)
        wall = time.perf_counter() - t0
        after = thread_cpu(server.proc.pid, kind)
    used = sorted(((after[k] - before.get(k, 0), k) for k in after), reverse=True)
    return wall, [(s, k) for s, k in used if s > 0.005]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ukp")
    ap.add_argument("capture_ops")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=50000, help="redis-benchmark -n at -P 1 (x8 at -P 16)")
    ap.add_argument("--kinds", default="user,host", help="ukp network kinds for redis")
    ap.add_argument("--markdown")
    ap.add_argument("--svg")
    args = ap.parse_args()
    ukp = os.path.abspath(args.ukp)
    kinds = [k for k in args.kinds.split(",") if k]
    started = sbs.machine()
    t_start = time.monotonic()

    # (key, label, unit, higher_is_better)
    rows = [("sqlite", "sqlite3 workload, wall", "ms", False),
            ("start", "process start (sqlite3 -version)", "ms", False)]
    for kind in kinds:
        for p in (1, 16):
            for op in ("set", "get"):
                rows.append((f"redis_{op}_p{p}@{kind}", f"redis {op.upper()} -P {p}, ukp net {kind}", "req/s", True))
    rows += [("getppid_call", "getppid(): host syscall vs ukp symbol", "ns", False),
             ("getppid_raw", "syscall(SYS_getppid): host vs ukp captured", "ns", False)]

    have_redis = rp.have_redis()
    runs = {"native": {k: [] for k, *_ in rows}, "ukp": {k: [] for k, *_ in rows}}
    notes = []
    for r in range(args.rounds):
        runs["native"]["sqlite"].append(sqlite_native())
        runs["ukp"]["sqlite"].append(sqlite_ukp(ukp))
        runs["native"]["start"].append(startup(["sqlite3", "-version"]))
        runs["ukp"]["start"].append(startup([ukp, "run", "--", "sqlite3", "-version"]))
        if have_redis:
            for kind in kinds:
                # Natively once per kind, next to it: alternating pairs.
                nat = redis_round(rp.Server(), args.requests)
                try:
                    uk = redis_round(rp.Server(ukp=ukp, net=kind), args.requests)
                except RuntimeError as e:
                    uk = {}
                    note = f"redis under --net {kind} failed: {str(e).splitlines()[0][:200]}"
                    if note not in notes:
                        notes.append(note)
                for k, v in nat.items():
                    runs["native"][f"{k}@{kind}"].append(v)
                for k, v in uk.items():
                    runs["ukp"][f"{k}@{kind}"].append(v)
        off = capture_ops(args.capture_ops, "off")
        trap = capture_ops(args.capture_ops, "trap")
        runs["native"]["getppid_call"].append(off.get("getppid-raw-syscall"))
        runs["ukp"]["getppid_call"].append(trap.get("getppid-symbol"))
        runs["native"]["getppid_raw"].append(off.get("getppid-raw-syscall"))
        runs["ukp"]["getppid_raw"].append(trap.get("getppid-raw-syscall"))
        print(f"# round {r + 1}/{args.rounds} done at {time.monotonic() - t_start:.0f} s", flush=True)
    if not have_redis:
        notes.append("redis-server/redis-benchmark not installed: redis rows not measured")
    med = {b: {k: sbs.median_or_none(v) for k, v in runs[b].items()} for b in runs}

    profiles = []
    if have_redis:
        for kind in kinds:
            for p in (1, 16):
                try:
                    wall, used = profile_threads(rp.Server(ukp=ukp, net=kind), kind, p, args.requests)
                except RuntimeError:
                    continue
                shares = ", ".join(f"{k} {s / wall * 100:.0f}%" for s, k in used[:4])
                profiles.append(f"- ukp net {kind}, -P {p}: share of one core per thread during the load: {shares}")

    def speed(key, hib):
        n, u = med["native"].get(key), med["ukp"].get(key)
        if not n or not u:
            return None
        return u / n if hib else n / u

    def fmt(v, unit):
        if v is None:
            return "n/a"
        if unit == "req/s":
            return f"{v:,.0f}"
        return f"{v:,.1f}" if v < 100 else f"{v:,.0f}"

    table = []
    for key, label, unit, hib in rows:
        s = speed(key, hib)
        table.append((label, unit, fmt(med["native"].get(key), unit), fmt(med["ukp"].get(key), unit),
                      f"{s:.2f}x" if s else "n/a"))
    head = ("measure", "unit", "native", "ukp", "ukp speed")
    widths = [max(len(r[i]) for r in [head] + table) for i in range(5)]
    for i, r in enumerate([head] + table):
        print(" | ".join([r[0].ljust(widths[0]), r[1].ljust(widths[1])] +
                         [c.rjust(w) for c, w in zip(r[2:], widths[2:])]))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    for line in profiles + [f"# {n}" for n in notes]:
        print(line)
    elapsed = time.monotonic() - t_start
    print(f"# whole run: {elapsed:.0f} s")

    if args.markdown:
        md = [f"# {TITLE}", "",
              f"Machine: {started}. Measured {datetime.date.today().isoformat()}; the whole run took "
              f"{elapsed:.0f} s.",
              f"Each figure: the median over {args.rounds} rounds, native and ukp alternating. "
              "ukp speed = native time / ukp time, or ukp req/s / native req/s (above 1: ukp faster).",
              "",
              "- sqlite3: `sqlite3 DB < tests/run/sqlite_workload.sql` (100k inserts, indexes, updates, "
              "deletes, WAL, integrity_check), the whole process's wall time; natively DB is in the "
              "host's /tmp, under `ukp run` in the kernel's /tmp (ramfs). Process start is "
              "`sqlite3 -version`: exec, dynamic loading, libukp's boot.",
              f"- redis: Debian's redis-server 7 with persistence off; `redis-benchmark -c 32 -t set,get "
              f"-n {args.requests}` at -P 1 (x8 requests at -P 16) from the host. Natively the server "
              "listens on 127.0.0.1; under ukp `user` is a `-p` forward through libslirp to the "
              "kernel's lwIP, `host` makes the app's sockets the host's.",
              "- syscalls: bench/capture_ops.c under UKP_CAPTURE=off (the host's own syscall) and =trap "
              "(libukp's exported getppid: a function call; syscall(SYS_getppid): caught by Syscall "
              "User Dispatch).",
              "",
              "| measure | unit | native | ukp | ukp speed |",
              "| --- | --- | ---: | ---: | ---: |"]
        md += [f"| {' | '.join(r)} |" for r in table]
        if profiles:
            md += ["", "Where the ukp server's time goes (one more, uncounted load per case):", ""] + profiles
        md += ["", "The paths measured:", "",
               "- `user`: a request crosses the host's loopback into libslirp's socket (the user-net "
               "thread), becomes Ethernet frames for the lwIP service thread, which wakes redis's "
               "main thread in the kernel's epoll; the reply goes back the same way. Two extra thread "
               "hand-offs each way: at -P 1 their wake-up latency, not CPU, bounds the rate.",
               "- `host`: the app's sockets are host sockets; readiness reaches the kernel's epoll "
               "through the watcher thread; reads and writes are host system calls behind the "
               "kernel's file table.",
               "- a captured system call is a SIGSYS delivery, the raw-syscall table and rt_sigreturn; "
               "a symbol call is a function call. Programs pay the former only where libc issues raw "
               "system calls itself (futex in its locks, clone3, stdio's internals)."]
        if notes:
            md += ["", "Notes:", ""] + [f"- {n}" for n in notes]
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w") as f:
            f.write("\n".join(md) + "\n")
    if args.svg:
        # One axis for all: time per operation in ns (redis: 1 / throughput).
        ops, nat, uk = [], {}, {}
        for key, label, unit, hib in rows:
            scale = {"ms": 1e6, "ns": 1.0}.get(unit)
            for b, d in (("native", nat), ("ukp", uk)):
                v = med[b].get(key)
                if v:
                    d[key] = 1e9 / v if unit == "req/s" else v * scale
            ops.append((key, label))
        with open(args.svg, "w") as f:
            f.write(sbs.svg_chart(ops, nat, uk, TITLE, unit="ns per operation",
                                  subtitle="time per operation, log scale (lower is better; redis: 1/throughput); "
                                           "label: speedup native/ukp"))


if __name__ == "__main__":
    main()
