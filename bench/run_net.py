#!/usr/bin/env python3
"""HTTP load on examples/httpd: the native build vs the ukp build, for each
network kind, in one run.

    run_net.py HTTPD_NATIVE HTTPD_UKP [--kinds user,host,tap] [--rounds 3]
               [--seconds 4] [--threads 2] [--connections 32] [--no-profile]
               [--markdown FILE] [--svg FILE]

For each kind, the native build serves on the host's 127.0.0.1 and the ukp
build serves through that kind; `wrk -t2 -c32 --latency GET /` runs against
each alternately (sidebyside.compare), each figure the median over the
rounds. Kinds:
  user  UKP_NET=user, a UKP_PUBLISH forward from 127.0.0.1 (libslirp)
  host  UKP_NET=host, the app's sockets are the host's, on 127.0.0.1
  tap   UKP_NET=tap in a network namespace made by tests/net/netns.py;
        wrk runs in the namespace against the app's address there
After the rounds, one more (uncounted) ukp run per kind is profiled: CPU
per thread of the ukp process and perf's top symbols per thread, to name
where the cycles go. Needs wrk (Debian's); perf is optional. Every load
run is bounded by wrk's -d and a subprocess timeout; servers stop on exit.
"""
import argparse
import contextlib
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "net"))
import httpd_proc as hp  # noqa: E402
import sidebyside as sbs  # noqa: E402

KINDS = ("user", "host", "tap")
PATH = "/"
TITLE = "HTTP on examples/httpd (wrk -c 32): native vs ukp per network kind"
CLK_TCK = os.sysconf("SC_CLK_TCK")
UNIT_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def duration_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m.group(1)) * UNIT_MS[m.group(2)] if m else None


def parse_wrk(out):
    """{rps, p50, p99 (ms), requests, errors} from wrk --latency's text."""
    r = {"rps": None, "p50": None, "p99": None, "requests": None, "errors": 0}
    for line in out.splitlines():
        f = line.split()
        if line.startswith("Requests/sec:"):
            r["rps"] = float(f[1])
        elif len(f) == 2 and f[0] in ("50%", "99%"):
            r["p" + f[0][:-1]] = duration_ms(f[1])
        elif len(f) > 2 and f[1] == "requests" and f[2] == "in":
            r["requests"] = int(f[0])
        elif line.strip().startswith("Socket errors:"):
            r["errors"] += sum(int(n) for n in re.findall(r"\d+", line))
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            r["errors"] += int(f[-1])
    return r


class Target:
    """A started server and how to load it: url, wrap(argv) -> argv (for a
    namespace), pid of the server for profiling."""

    def __init__(self, srv, wrap=lambda a: a, enter=contextlib.nullcontext):
        self.srv, self.wrap, self.enter = srv, wrap, enter

    @property
    def pid(self):
        return self.srv.proc.pid


def run_wrk(target, args, seconds):
    cmd = target.wrap(["wrk", "-t", str(args.threads), "-c", str(args.connections),
                       "-d", f"{seconds}s", "--timeout", "2s", "--latency", target.srv.base + PATH])
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
    if p.returncode != 0:
        raise RuntimeError(f"wrk exited with {p.returncode}: {p.stderr.strip()[:300]}")
    r = parse_wrk(p.stdout)
    if r["rps"] is None:
        raise RuntimeError(f"cannot read wrk's output:\n{p.stdout}")
    return r


# -- profiling one ukp run: CPU per thread and perf's symbols per thread --

def per_thread(pid, name, parse):
    """{tid: parse(the text of /proc/PID/task/TID/NAME)} for each thread still there."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/{name}") as f:
                out[int(tid)] = parse(f.read())
        except (OSError, IndexError, ValueError):
            pass
    return out


def thread_cpu(pid):
    """{tid: CPU seconds so far} of a process's threads."""
    def cpu(stat):
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime
    return per_thread(pid, "stat", cpu)

LWIP_SYM = re.compile(r"(tcp_|ip4_|ip6_|etharp_|ethernet_|pbuf_|lwip_|netif_|inet_chksum|udp_|"
                      r"sys_check_timeouts|mem_|memp_)")
COUNTERS = ("Tcp:RetransSegs", "TcpExt:TCPTimeouts", "TcpExt:TCPSynRetrans", "TcpExt:ListenOverflows")


def tcp_counters():
    """The calling thread's network namespace's TCP counters named in COUNTERS."""
    out = {}
    for name in ("snmp", "netstat"):
        with open(f"/proc/thread-self/net/{name}") as f:
            lines = f.read().splitlines()
        for keys, vals in zip(lines[::2], lines[1::2]):
            group = keys.split(":")[0]
            for k, v in zip(keys.split()[1:], vals.split()[1:]):
                if f"{group}:{k}" in COUNTERS:
                    out[f"{group}:{k}"] = int(v)
    return out


def ctx_switches(pid):
    """{tid: voluntary + involuntary context switches so far}."""
    return per_thread(pid, "status",
                      lambda status: sum(int(line.split()[1]) for line in status.splitlines()
                                         if "ctxt_switches" in line))


def perf_profile(pid, seconds, tmp):
    """perf record -p: {tid: {"kernel": share, "dsos": {dso: share}, "syms": [(share, sym)]}}
    (shares of all samples), or None without perf."""
    if not shutil.which("perf"):
        return None
    data = os.path.join(tmp, "perf.data")
    rec = subprocess.run(["perf", "record", "-q", "-F", "499", "-p", str(pid), "-o", data, "--",
                          "sleep", str(seconds)], capture_output=True, text=True, timeout=seconds + 30)
    if rec.returncode != 0 or not os.path.exists(data):
        return None
    prof = {}

    def report(sort):
        return subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "--sort", sort],
                              capture_output=True, text=True, timeout=60).stdout.splitlines()

    for line in report("pid,dso"):
        m = re.match(r"\s*([\d.]+)%\s+(\d+):\S*\s+(\S.*\S)", line)
        if m:
            t = prof.setdefault(int(m.group(2)), {"kernel": 0.0, "dsos": {}, "syms": []})
            t["dsos"][m.group(3)] = float(m.group(1))
            if "kernel" in m.group(3):
                t["kernel"] += float(m.group(1))
    for line in report("pid,sym"):
        m = re.match(r"\s*([\d.]+)%\s+(\d+):\S*\s+\[\.\]\s+(.*\S)", line)  # user space only
        if m and int(m.group(2)) in prof:
            prof[int(m.group(2))]["syms"].append((float(m.group(1)), m.group(3)))
    return prof


def perf_syscalls(pid, seconds):
    """perf trace -s: {tid: [(calls, syscall)]}, or None."""
    if not shutil.which("perf"):
        return None
    p = subprocess.run(["perf", "trace", "-s", "-p", str(pid), "--", "sleep", str(seconds)],
                       capture_output=True, text=True, timeout=seconds + 30)
    out, tid = {}, None
    for line in (p.stdout + p.stderr).splitlines():
        m = re.match(r"\s*\S+ \((\d+)\), \d+ events", line)
        if m:
            tid = int(m.group(1))
            continue
        f = line.split()
        if tid and len(f) >= 3 and f[1].isdigit() and re.fullmatch(r"[a-z_0-9]+", f[0]):
            out.setdefault(tid, []).append((int(f[1]), f[0]))
    return out if out else None


def label(kind, tid, pid, prof, calls):
    """Which of ukp's threads this is, from its syscalls and symbols."""
    n = dict((name, c) for c, name in calls)
    syms = " ".join(sym for _, sym in prof.get("syms", []))
    if tid == pid:
        return "app thread (httpd's main; lwIP output runs here too)" if kind != "host" else \
            "app thread (httpd's main)"
    if kind == "user" and (any("slirp" in d for d in prof.get("dsos", {})) or "recvfrom" in n):
        return "slirp thread (host sockets <-> frames)"
    if kind == "tap" and ("device_main" in syms or n.get("write", 0) > n.get("futex", 0)):
        return "TAP device thread (io_uring frame reads and writes)"
    if kind == "host" and ("watcher_main" in syms or "epoll_wait" in n):
        return "host-socket watcher thread (epoll on the app's host sockets)"
    if "io_uring_enter" in n:
        return "net service thread (lwIP input and timers)"
    return "other ukp thread"


def profile(kind, target, args):
    """One extra ukp run under observation (not in the table); markdown lines:
    CPU, context switches and syscalls per request for each busy thread,
    perf's host-kernel share and top user-space symbols."""
    seconds = max(args.seconds, 6)
    with tempfile.TemporaryDirectory(prefix="ukp-netbench-") as tmp:
        result = {}
        with target.enter():
            tcp0 = tcp_counters()
        load = threading.Thread(target=lambda: result.update(run_wrk(target, args, seconds)))
        load.start()
        time.sleep(0.5)  # past wrk's connection set-up
        cpu0, sw0, t0 = thread_cpu(target.pid), ctx_switches(target.pid), time.monotonic()
        prof = perf_profile(target.pid, 2, tmp) or {}
        cpu1, sw1, t1 = thread_cpu(target.pid), ctx_switches(target.pid), time.monotonic()
        calls = perf_syscalls(target.pid, 1.5) or {}
        load.join(seconds + 40)
        with target.enter():
            tcp1 = tcp_counters()
    wall = t1 - t0
    rps = result.get("rps") or 0
    reqs = rps * wall  # about: the run's mean rate over the window
    busy = sorted(((cpu1[t] - cpu0.get(t, 0)) / wall, t) for t in cpu1)[::-1]
    total = sum(c for c, _ in busy)
    dsos = {}
    for t in prof.values():
        for d, share in t["dsos"].items():
            key = "host kernel" if "kernel" in d else d
            dsos[key] = dsos.get(key, 0) + share
    lwip = sum(share for t in prof.values() for share, sym in t["syms"] if LWIP_SYM.match(sym))
    where = ", ".join(f"{d} {share:.0f}%" for d, share in sorted(dsos.items(), key=lambda x: -x[1])[:5])
    lines = [f"ukp process: {total * 100:.0f}% CPU (2 CPUs = 200%, wrk shares them) at "
             f"~{rps:,.0f} req/s over the whole run: {total / rps * 1e6 if rps else 0:.0f} us of CPU per "
             "request (run under perf: slower than the table)"]
    if reqs:
        all_sw = sum(sw1.get(t, 0) - sw0.get(t, 0) for t in sw1) / reqs
        lines.append(f"context switches per request, all ukp threads: {all_sw:.2f} (each one a hand-off "
                     "between threads: a futex or poll wake-up through the host kernel)")
    if prof:
        lines.append(f"where the process's samples fall (perf, 2 s): {where}; of them lwIP's own "
                     f"functions {lwip:.1f}%")
    lines.append("wrk's side, TCP counters of its network namespace over the whole run (for user and "
                 "host the machine's own: other programs count there too): " +
                 ", ".join(f"{k.split(':')[1]} {tcp1.get(k, 0) - tcp0.get(k, 0)}" for k in COUNTERS))
    overflows = tcp1.get("TcpExt:ListenOverflows", 0) - tcp0.get("TcpExt:ListenOverflows", 0)
    if kind == "user" and overflows:
        lines.append("ListenOverflows above 0: the forward's host socket, which libslirp listens on with "
                     "a backlog of 1, drops handshakes when wrk opens its 32 connections at once (each "
                     "wrk run opens fresh ones). In runs where many do (TCPSynRetrans in the tens), those "
                     "connections stall about 1 s for a retransmission; wrk corrects its latencies for "
                     "coordinated omission, so a few such stalls make the p99 of `user` (~1 s) and cost "
                     "that run requests. Runs without them show p99 of a few ms")
    for cpu, tid in busy:
        if cpu < 0.02:
            continue
        p, c = prof.get(tid, {}), sorted(calls.get(tid, []), reverse=True)
        sw = (sw1.get(tid, 0) - sw0.get(tid, 0)) / reqs if reqs else 0
        sys_line = ", ".join(f"{name} {n}" for n, name in c[:4]) or "n/a"
        syms = "; ".join(f"{s} {share:.1f}%" for share, s in p.get("syms", [])[:4]) or "n/a"
        lines.append(f"{label(kind, tid, target.pid, p, c)} (tid {tid}): {cpu * 100:.0f}% CPU, "
                     f"{sw:.2f} context switches per request; perf: {p.get('kernel', 0):.0f}% of all "
                     f"samples in the host kernel, top user symbols {syms}; syscalls in 1.5 s under "
                     f"perf trace: {sys_line}")
    return lines


def native_syscalls(target, args):
    """The native server's syscalls per response (per sendto) under wrk,
    from perf trace: what ukp turns into function calls. A line or None."""
    result = {}
    load = threading.Thread(target=lambda: result.update(run_wrk(target, args, 3)))
    load.start()
    time.sleep(0.5)
    calls = perf_syscalls(target.pid, 1.5) or {}
    load.join(60)
    counts = {}
    for per_tid in calls.values():
        for n, name in per_tid:
            counts[name] = counts.get(name, 0) + n
    sends = counts.get("sendto") or counts.get("sendmsg") or counts.get("writev") or counts.get("write")
    if not sends:
        return None
    per = ", ".join(f"{name} {n / sends:.1f}" for name, n in sorted(counts.items(), key=lambda x: -x[1])
                    if n / sends >= 0.05)
    return (f"native httpd, host syscalls per response (perf trace): {per}. Under ukp the file-system "
            "ones are calls into the in-process kernel; only the network kind's own calls reach the host.")


# -- the kinds --

def kind_targets(kind, args, stack):
    """(ukp Target) for a kind, started; raises RuntimeError with the reason
    when the kind cannot run here. stack: an ExitStack for what to undo."""
    if kind == "user":
        return Target(stack.enter_context(hp.Httpd.user(args.ukp)))
    if kind == "host":
        return Target(stack.enter_context(hp.Httpd.host(args.ukp, ready_seconds=10)))
    if kind == "tap":
        try:
            import netns
        except ImportError:
            raise RuntimeError("tests/net/netns.py is missing")
        reason = netns.skip_reason()
        if reason:
            raise RuntimeError(reason)
        ns = stack.enter_context(netns.TapNamespace())

        def probe(url):
            with ns.entered():
                return hp.request(url, timeout=2)

        srv = hp.Httpd(ns.wrap([args.ukp, "--port", "8080"]), {"UKP_NET": ns.ukp_net},
                       f"http://{ns.app_addr}:8080", ready_seconds=15, probe=probe)
        return Target(stack.enter_context(srv), wrap=ns.wrap, enter=ns.entered)
    raise RuntimeError(f"unknown kind {kind}")


OPS = [("rps", "requests/s"), ("p50", "latency p50 ms"), ("p99", "latency p99 ms")]


def measure(kind, args, native_profile=False):
    """{"native": {op: median}, "ukp": {...}, "errors": [...], "profile": [...]}
    or {"skip": reason}."""
    with contextlib.ExitStack() as stack:
        try:
            native = Target(stack.enter_context(hp.Httpd.native(args.native)))
            ukp = kind_targets(kind, args, stack)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            lines = [l.strip() for l in str(e).splitlines() if l.strip()] or [repr(e)]
            return {"skip": lines[0] + (f" (its last words: {lines[-1]})" if len(lines) > 1 else "")}
        errors = []

        def one(target, who):
            r = run_wrk(target, args, args.seconds)
            if r["errors"]:
                errors.append(f"{who}: {r['errors']} socket errors or non-2xx answers in one run")
            return r, []

        try:
            for t in (native, ukp):  # warm-up: caches, lwIP's pcbs, slirp's sockets
                run_wrk(t, args, 2)
            med, _ = sbs.compare(OPS, args.rounds, lambda: one(native, "native"),
                                 lambda: one(ukp, f"ukp {kind}"))
            prof = profile(kind, ukp, args) if args.profile else []
            if args.profile and native_profile:
                line = native_syscalls(native, args)
                if line:
                    prof.append(line)
        except (RuntimeError, subprocess.SubprocessError) as e:
            return {"skip": f"load run failed: {e}"}
        return {"native": med["native"], "ukp": med["ukp"], "errors": errors, "profile": prof}


def ratio(n, u):
    return f"{u / n:.2f}x" if n and u else "n/a"


def fmt(v, digits=2):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def table(results, kinds):
    head = ["kind", "native req/s", "ukp req/s", "ukp/native", "p50 native ms", "p50 ukp ms",
            "p99 native ms", "p99 ukp ms"]
    body = []
    for k in kinds:
        r = results[k]
        if "skip" in r:
            body.append([k] + ["not measured"] + [""] * 6)
            continue
        n, u = r["native"], r["ukp"]
        body.append([k, fmt(n["rps"], 0), fmt(u["rps"], 0), ratio(n["rps"], u["rps"]),
                     fmt(n["p50"], 3), fmt(u["p50"], 3), fmt(n["p99"], 3), fmt(u["p99"], 3)])
    return head, body


def page_size(args):
    try:
        with hp.Httpd.native(args.native) as srv:
            return len(srv.page.encode())
    except RuntimeError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("native")
    ap.add_argument("ukp")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=4, help="per wrk run")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--no-profile", dest="profile", action="store_false")
    ap.add_argument("--markdown")
    ap.add_argument("--svg")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        print("SKIP: *** no wrk: install Debian's wrk (scripts/setup.sh does) ***")
        return 77
    kinds = [k for k in args.kinds.split(",") if k]
    started, t0 = sbs.machine(), time.monotonic()
    size = page_size(args)
    results = {}
    for k in kinds:
        print(f"-- {k}", flush=True)
        results[k] = measure(k, args, native_profile=not any("native" in r for r in results.values()))
        if "skip" in results[k]:
            print(f"   not measured: {results[k]['skip']}", flush=True)
    load_end = os.getloadavg()[0]
    elapsed = time.monotonic() - t0

    head, body = table(results, kinds)
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    print(" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(head, widths))))
    for r in body:
        print(" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    verdicts = []
    h = results.get("host", {})
    if "native" in h and h["native"]["rps"] and h["ukp"]["rps"]:
        x = h["ukp"]["rps"] / h["native"]["rps"]
        verdicts.append(f"- host: {x:.2f}x native requests/s (target at least 0.9x) "
                        f"{'met' if x >= 0.9 else 'MISSED'}")
    elif "host" in results:
        verdicts.append("- host: not measured (target at least 0.9x native requests/s)")
    print("\n".join(verdicts))
    for k in kinds:
        for line in results[k].get("profile", []) + results[k].get("errors", []):
            print(f"# {k}: {line}")

    paths = {"user": "host 127.0.0.1:P -> slirp (in the process) -> frames -> lwIP -> app",
             "host": "host 127.0.0.1:P -> the app's host sockets (no lwIP)",
             "tap": "namespace's stack -> TAP device -> lwIP -> app (wrk inside the namespace)"}
    if args.markdown:
        md = [f"# {TITLE}", "",
              f"Machine: {started}; load average {load_end:.1f} at the end; the run took "
              f"{elapsed:.0f} s. Measured {datetime.date.today().isoformat()}.",
              f"`wrk -t {args.threads} -c {args.connections} -d {args.seconds}s --latency` against "
              f"`GET {PATH}` (the built-in index.html, {size or '?'} bytes, keep-alive). For each kind the "
              f"native build (examples/httpd without libukp, on the host's 127.0.0.1) and the ukp build "
              f"take turns for {args.rounds} rounds after a 2 s warm-up each; each figure is the median "
              "over the rounds. ukp/native = requests/s ratio (higher is better). wrk shares the "
              "2 CPUs with the server, so these are ratios on this machine, not capacities. wrk "
              "corrects its latency percentiles for coordinated omission: one long stall counts as "
              "the requests it held up.", "",
              "| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
        md += ["| " + " | ".join(r) + " |" for r in body]
        md += ["", "Paths:", ""] + [f"- {k}: {paths[k]}" for k in kinds if k in paths]
        md += ["- loopback (inside the unikernel): not measured here; httpd has no load client of its "
               "own. Loopback TCP round trips and throughput are in ipc.md (bench/run_ipc.py)."]
        if verdicts:
            md += ["", "Targets:", ""] + verdicts
        for k in kinds:
            r = results[k]
            if "skip" in r:
                md += ["", f"## {k}: not measured", "", r["skip"]]
                continue
            if r["profile"] or r["errors"]:
                md += ["", f"## {k}: where the time goes", ""]
                md += [f"- {line.strip()}" for line in r["profile"] + r["errors"]]
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w") as f:
            f.write("\n".join(md) + "\n")
    if args.svg:
        ops = [(k, k) for k in kinds]
        native = {k: results[k]["native"]["rps"] for k in kinds if "native" in results[k]}
        ukp = {k: results[k]["ukp"]["rps"] for k in kinds if "ukp" in results[k]}
        os.makedirs(os.path.dirname(os.path.abspath(args.svg)), exist_ok=True)
        with open(args.svg, "w") as f:
            f.write(sbs.svg_chart(ops, native, ukp, TITLE, unit="requests/s",
                                  subtitle="requests per second, log scale (higher is better); "
                                           "label above each group: ukp/native", ratio=ratio))
    return 0


if __name__ == "__main__":
    sys.exit(main())
