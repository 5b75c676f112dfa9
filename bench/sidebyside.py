#!/usr/bin/env python3
"""What the side-by-side benchmark runners share: running one build,
medians, the machine line, text/markdown tables and an SVG bar chart.
Standard library only."""
import math
import os
import platform
import statistics
import subprocess
import sys


def run_once(cmd, budget_ms, reps, timeout):
    """Runs one benchmark binary (cmd: argv before the options); returns
    ({op: ns or None}, [comment lines])."""
    cmd = list(cmd) + ["--budget-ms", str(budget_ms), "--reps", str(reps)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench: {' '.join(cmd)} exited with {proc.returncode}")
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


def rows(ops, native, ukp):
    return [(label, fmt_ns(native.get(k)), fmt_ns(ukp.get(k)), fmt_speedup(native.get(k), ukp.get(k)))
            for k, label in ops]


def text_table(ops, native, ukp):
    head = ("operation", "native ns/op", "ukp ns/op", "speedup")
    body = rows(ops, native, ukp)
    widths = [max(len(r[i]) for r in [head] + body) for i in range(4)]
    out = []
    for i, r in enumerate([head] + body):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        out.append(" | ".join(cells))
        if i == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_chart(ops, native, ukp, title, unit="ns/op", subtitle=None, ratio=fmt_speedup):
    """Grouped bars per operation on a log-scale axis (ns/op unless unit says
    otherwise); plain SVG text. ratio(native, ukp) labels each group."""
    if subtitle is None:
        subtitle = "ns per operation, log scale (lower is better); label above each group: speedup native/ukp"
    colors = {"native": "#4e79a7", "ukp": "#f28e2b"}
    vals = [v for d in (native, ukp) for v in d.values() if v]
    lo = 10 ** math.floor(math.log10(min(vals))) if vals else 1
    hi = 10 ** math.ceil(math.log10(max(vals))) if vals else 10
    if hi <= lo:
        hi = lo * 10
    W, H = 960, 480
    left, right, top, bottom = 80, 20, 70, 110
    pw, ph = W - left - right, H - top - bottom
    group = pw / len(ops)
    bar = group * 0.32

    def y(v):
        return top + ph - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * ph

    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">{esc(title)}</text>',
         f'<text x="{W / 2}" y="44" text-anchor="middle" fill="#555">{esc(subtitle)}</text>']
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
             f'transform="rotate(-90 18 {top + ph / 2})">{esc(unit)}</text>')
    for i, (k, label) in enumerate(ops):
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
                     f'fill="{colors[name]}"><title>{esc(label)} {name}: {fmt_ns(v)} {esc(unit)}</title></rect>')
            o.append(f'<text x="{bx + bar / 2:.1f}" y="{yy - 3:.1f}" text-anchor="middle" '
                     f'font-size="9">{fmt_ns(v)}</text>')
        n, u = native.get(k), ukp.get(k)
        if n and u:
            top_y = y(max(n, u)) - 16
            o.append(f'<text x="{gx:.1f}" y="{top_y:.1f}" text-anchor="middle" font-weight="bold" '
                     f'font-size="11">{ratio(n, u)}</text>')
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


def target_lines(ops, targets, native, ukp):
    """targets: {op: minimum speedup}; one verdict line each."""
    out = []
    for k, factor in targets.items():
        n, u = native.get(k), ukp.get(k)
        label = dict(ops)[k]
        if n is None or u is None:
            out.append(f"- {label}: not measured")
        else:
            verdict = "met" if n / u >= factor else "MISSED"
            out.append(f"- {label}: {n / u:.1f}x (target {factor:g}x) {verdict}")
    return out


def markdown(title, method, ops, targets, native, ukp, info, extra=()):
    lines = [
        f"# {title}",
        "",
        f"Machine: {info['machine']}. Measured {info['date']}.",
        f"Each figure: median ns/op over {info['rounds']} alternating runs per build "
        f"(each run itself the median of {info['reps']} timed repetitions after a warm-up). "
        f"{method} Speedup = native / ukp.",
        "",
        "| operation | native ns/op | ukp ns/op | speedup |",
        "| --- | ---: | ---: | ---: |",
    ]
    for r in rows(ops, native, ukp):
        lines.append(f"| {' | '.join(r)} |")
    if targets:
        lines += ["", "Targets (speedup at least):", ""] + target_lines(ops, targets, native, ukp)
    lines += list(extra)
    if info["notes"]:
        lines += ["", "Notes from the ukp build:", ""] + [f"- {n}" for n in info["notes"]]
    return "\n".join(lines) + "\n"


def compare(ops, rounds, run_native, run_ukp, keep_note=lambda c: c):
    """Runs the builds alternately (native, ukp, native, ...) so that a noisy
    shared machine hurts both alike; each figure is the median over the
    rounds. run_*() return run_once's result. Returns (medians, notes)."""
    runs = {"native": [], "ukp": []}
    notes = []
    for _ in range(rounds):
        runs["native"].append(run_native()[0])
        vals, comments = run_ukp()
        runs["ukp"].append(vals)
        for c in comments:
            c = keep_note(c)
            if c and c not in notes and not c.startswith("build "):
                notes.append(c)
    med = {b: {k: median_or_none([r.get(k) for r in runs[b]]) for k, _ in ops} for b in runs}
    return med, notes


def write_outputs(args, title, method, ops, targets, med, info, extra=()):
    """Prints the table and verdicts; writes --markdown/--svg if asked."""
    print(text_table(ops, med["native"], med["ukp"]))
    print()
    print("\n".join(target_lines(ops, targets, med["native"], med["ukp"]) + list(extra)))
    for n in info["notes"]:
        print(f"# {n}")
    if args.markdown:
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w") as f:
            f.write(markdown(title, method, ops, targets, med["native"], med["ukp"], info, extra))
    if args.svg:
        os.makedirs(os.path.dirname(os.path.abspath(args.svg)), exist_ok=True)
        with open(args.svg, "w") as f:
            f.write(svg_chart(ops, med["native"], med["ukp"], title))
