#!/usr/bin/env python3
"""Runs the file-system benchmark natively and under ukp, side by side.

    run_fs.py NATIVE_BIN UKP_BIN [--rounds 3] [--budget-ms 60] [--reps 31]
              [--markdown FILE] [--svg FILE]

The two binaries are the same fs_ops.c built twice. They run alternately
(native, ukp, native, ukp, ...) so that a noisy shared machine hurts both
alike; each operation's figure is the median over the rounds of each run's
own median. Builds nothing; standard library only.
"""
import argparse
import datetime
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

# (key printed by fs_ops, label for humans); the order of the table.
OPS = [
    ("getppid", "null call (getppid)"),
    ("open_close", "open+close"),
    ("stat", "stat"),
    ("fstat", "fstat"),
    ("pread_4k", "pread 4 KiB"),
    ("pwrite_4k", "pwrite 4 KiB"),
    ("create_unlink", "create+unlink"),
    ("mkdir_rmdir", "mkdir+rmdir"),
    ("readdir_100", "readdir 100 entries"),
    ("rename", "rename a→b→a"),
]
# Operations where ukp must be at least TARGET times faster than native.
TARGET = 5.0
TARGET_OPS = ["open_close", "stat", "pread_4k", "pwrite_4k"]


def run_once(binary, workdir, budget_ms, reps, timeout):
    """Runs one fs_ops binary; returns ({op: ns or None}, [comment lines])."""
    cmd = [binary, workdir, "--budget-ms", str(budget_ms), "--reps", str(reps)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"run_fs: {' '.join(cmd)} exited with {proc.returncode}")
    values, comments = {}, []
    for line in proc.stdout.splitlines():
        if line.startswith("#"):
            comments.append(line[1:].strip())
            continue
        parts = line.split()
        if len(parts) != 2:
            continue
        values[parts[0]] = None if parts[1] == "n/a" else float(parts[1])
    return values, comments


def median_or_none(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ""
    try:
        load = f", load average {os.getloadavg()[0]:.1f} at start (shared machine)"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {model}, {platform.system()} {platform.release()}{load}"


def fmt_ns(v):
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def fmt_speedup(n, u):
    if n is None or u is None or u <= 0:
        return "n/a"
    return f"{n / u:.1f}x"


def rows(native, ukp):
    return [(label, fmt_ns(native.get(k)), fmt_ns(ukp.get(k)), fmt_speedup(native.get(k), ukp.get(k)))
            for k, label in OPS]


def text_table(native, ukp):
    head = ("operation", "native ns/op", "ukp ns/op", "speedup")
    body = rows(native, ukp)
    widths = [max(len(r[i]) for r in [head] + body) for i in range(4)]
    out = []
    for i, r in enumerate([head] + body):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        out.append(" | ".join(cells))
        if i == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def target_lines(native, ukp):
    out = []
    for k in TARGET_OPS:
        n, u = native.get(k), ukp.get(k)
        label = dict(OPS)[k]
        if n is None or u is None:
            out.append(f"- {label}: not measured")
        else:
            verdict = "met" if n / u >= TARGET else "MISSED"
            out.append(f"- {label}: {n / u:.1f}x (target {TARGET:.0f}x) {verdict}")
    return out


def markdown(native, ukp, info):
    lines = [
        "# File-system operations: native vs ukp",
        "",
        f"Machine: {info['machine']}. Measured {info['date']}.",
        f"Each figure: median ns/op over {info['rounds']} alternating runs per build "
        f"(each run itself the median of {info['reps']} timed repetitions after a warm-up). "
        f"Native runs in a fresh directory on tmpfs (/dev/shm); ukp in {info['ukp_dir']} "
        "inside the kernel's ramfs. Speedup = native / ukp.",
        "",
        "| operation | native ns/op | ukp ns/op | speedup |",
        "| --- | ---: | ---: | ---: |",
    ]
    for r in rows(native, ukp):
        lines.append(f"| {' | '.join(r)} |")
    lines += ["", f"Targets (ukp at least {TARGET:.0f}x faster):", ""] + target_lines(native, ukp)
    if info["notes"]:
        lines += ["", "Notes from the ukp build:", ""] + [f"- {n}" for n in info["notes"]]
    return "\n".join(lines) + "\n"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_chart(native, ukp, title):
    """Grouped bars per operation on a log-scale ns axis; plain SVG text."""
    colors = {"native": "#4e79a7", "ukp": "#f28e2b"}
    vals = [v for d in (native, ukp) for v in d.values() if v]
    lo = 10 ** math.floor(math.log10(min(vals))) if vals else 1
    hi = 10 ** math.ceil(math.log10(max(vals))) if vals else 10
    if hi <= lo:
        hi = lo * 10
    W, H = 960, 480
    left, right, top, bottom = 80, 20, 70, 110
    pw, ph = W - left - right, H - top - bottom
    group = pw / len(OPS)
    bar = group * 0.32

    def y(v):
        return top + ph - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * ph

    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">{esc(title)}</text>',
         f'<text x="{W / 2}" y="44" text-anchor="middle" fill="#555">ns per operation, log scale '
         '(lower is better); label above each group: speedup native/ukp</text>']
    # Decade grid lines with 2x and 5x minor lines.
    d = lo
    while d <= hi * 1.0001:
        yy = y(d)
        o.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{W - right}" y2="{yy:.1f}" stroke="#bbb"/>')
        label = f"{d:,.0f}" if d >= 1 else f"{d:g}"
        o.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{label}</text>')
        for m in (2, 5):
            if d * m < hi:
                ym = y(d * m)
                o.append(f'<line x1="{left}" y1="{ym:.1f}" x2="{W - right}" y2="{ym:.1f}" '
                         'stroke="#e6e6e6"/>')
        d *= 10
    o.append(f'<text x="18" y="{top + ph / 2}" text-anchor="middle" '
             f'transform="rotate(-90 18 {top + ph / 2})">ns/op</text>')
    for i, (k, label) in enumerate(OPS):
        gx = left + i * group + group / 2
        for j, (name, data) in enumerate((("native", native), ("ukp", ukp))):
            v = data.get(k)
            bx = gx - bar + j * bar
            if v is None:
                o.append(f'<text x="{bx + bar / 2:.1f}" y="{top + ph - 4}" text-anchor="middle" '
                         f'font-size="10" fill="#888">n/a</text>')
                continue
            yy = y(max(v, lo))
            o.append(f'<rect x="{bx:.1f}" y="{yy:.1f}" width="{bar:.1f}" height="{top + ph - yy:.1f}" '
                     f'fill="{colors[name]}"><title>{esc(label)} {name}: {fmt_ns(v)} ns</title></rect>')
            o.append(f'<text x="{bx + bar / 2:.1f}" y="{yy - 3:.1f}" text-anchor="middle" '
                     f'font-size="9">{fmt_ns(v)}</text>')
        n, u = native.get(k), ukp.get(k)
        if n and u:
            top_y = y(max(n, u)) - 16
            o.append(f'<text x="{gx:.1f}" y="{top_y:.1f}" text-anchor="middle" font-weight="bold" '
                     f'font-size="11">{fmt_speedup(n, u)}</text>')
        ly = top + ph + 14
        o.append(f'<text x="{gx:.1f}" y="{ly}" text-anchor="end" '
                 f'transform="rotate(-35 {gx:.1f} {ly})">{esc(label)}</text>')
    o.append(f'<line x1="{left}" y1="{top + ph}" x2="{W - right}" y2="{top + ph}" stroke="#333"/>')
    o.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>')
    lx = W - right - 150
    for j, name in enumerate(("native", "ukp")):
        o.append(f'<rect x="{lx + j * 75}" y="54" width="12" height="12" fill="{colors[name]}"/>')
        o.append(f'<text x="{lx + j * 75 + 17}" y="64">{name}</text>')
    o.append("</svg>")
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("native")
    ap.add_argument("ukp")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget-ms", type=int, default=60, help="per operation and run")
    ap.add_argument("--reps", type=int, default=31, help="timed repetitions per operation and run")
    ap.add_argument("--ukp-dir", default="/tmp/bench", help="work directory inside the kernel's ramfs")
    ap.add_argument("--markdown")
    ap.add_argument("--svg")
    args = ap.parse_args()

    started = machine()
    runs = {"native": [], "ukp": []}
    notes = []
    timeout = 120
    for _ in range(args.rounds):
        native_dir = tempfile.mkdtemp(prefix="ukp-bench-", dir="/dev/shm")
        try:
            vals, _c = run_once(args.native, native_dir, args.budget_ms, args.reps, timeout)
        finally:
            shutil.rmtree(native_dir, ignore_errors=True)
        runs["native"].append(vals)
        vals, comments = run_once(args.ukp, args.ukp_dir, args.budget_ms, args.reps, timeout)
        runs["ukp"].append(vals)
        for c in comments:
            if c.startswith("workdir "):
                if c.split(None, 1)[1] == args.ukp_dir:
                    continue
                c = (f"ukp ran in {c.split(None, 1)[1]} instead of {args.ukp_dir} (mkdir not bridged): "
                     "its paths have one component fewer than native's")
            if c not in notes and not c.startswith("build "):
                notes.append(c)

    med = {b: {k: median_or_none([r.get(k) for r in runs[b]]) for k, _ in OPS} for b in runs}
    print(text_table(med["native"], med["ukp"]))
    print()
    print("\n".join(target_lines(med["native"], med["ukp"])))
    for n in notes:
        print(f"# {n}")

    info = {
        "machine": started,
        "date": datetime.date.today().isoformat(),
        "rounds": args.rounds,
        "reps": args.reps,
        "ukp_dir": args.ukp_dir,
        "notes": notes,
    }
    if args.markdown:
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w") as f:
            f.write(markdown(med["native"], med["ukp"], info))
    if args.svg:
        os.makedirs(os.path.dirname(os.path.abspath(args.svg)), exist_ok=True)
        with open(args.svg, "w") as f:
            f.write(svg_chart(med["native"], med["ukp"], "File-system operations: native vs ukp"))


if __name__ == "__main__":
    main()
