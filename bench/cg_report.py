#!/usr/bin/env python3
"""Per-operation costs from a callgrind run of fs_ops_ukp.

    valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file=cg.out \\
        BUILD/bench/fs_ops_ukp /tmp/bench --iters 20000 --reps 1 --only stat
    cg_report.py cg.out BUILD/src/libukp.so --per 20100 [--top 30]

--per is the number of operations in the run (--iters plus the 100 warm-up
ones). Prints the self instruction count per file:line and the executed
atomic read-modify-write instructions (lock prefix, xchg) inside libukp,
per operation: on this machine an uncontended atomic costs ~5 ns, a plain
instruction a fraction of that. Use a build with debug info (-Ddebug=true).
Standard library plus binutils' objdump.
"""
import argparse
import collections
import re
import subprocess


def parse_pos(tok, last):
    if tok == "*":
        return last
    sign = 0
    if tok[0] in "+-":
        sign, tok = (1 if tok[0] == "+" else -1), tok[1:]
    v = int(tok, 16) if tok.startswith("0x") else int(tok)
    return last + sign * v if sign else v


def read_callgrind(path):
    """Returns ({(object, address): Ir}, {(file, line): Ir}) of self costs."""
    names = {}

    def name(kind, rest):
        m = re.match(r"\((\d+)\)(?:\s+(.*))?", rest)
        if not m:
            return rest
        if m.group(2):
            names[(kind, m.group(1))] = m.group(2)
        return names.get((kind, m.group(1)), "?")

    by_addr, by_line = collections.Counter(), collections.Counter()
    ob = fl = fi = None
    last_a = last_l = 0
    skip = False
    positions = ["line"]
    for raw in open(path):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("positions:"):
            positions = line.split()[1:]
            continue
        key, _, rest = line.partition("=")
        if key in ("ob", "cob", "fl", "fi", "fe", "cfi", "cfl", "fn", "cfn"):
            kind = {"ob": "ob", "cob": "ob", "fn": "fn", "cfn": "fn"}.get(key, "f")
            n = name(kind, rest)
            if key == "ob":
                ob = n
            elif key == "fl":
                fl = fi = n
            elif key in ("fi", "fe"):
                fi = n
            elif key == "fn":
                fi = fl
            continue
        if key == "calls":
            skip = True
            continue
        if not re.match(r"^([+-]|\*|0x|\d)", line):
            continue
        toks = line.split()
        if positions == ["instr", "line"]:
            last_a = parse_pos(toks[0], last_a)
            last_l = parse_pos(toks[1], last_l) if len(toks) > 2 else last_l
            cost = int(toks[2]) if len(toks) > 2 else 0
        else:
            last_l = parse_pos(toks[0], last_l)
            cost = int(toks[1]) if len(toks) > 1 else 0
        if skip:
            skip = False
            continue
        by_addr[(ob, last_a)] += cost
        by_line[(fi, last_l)] += cost
    return by_addr, by_line


def atomic_sites(lib):
    """Offsets of atomic instructions in lib -> 'source:line in function'."""
    out = subprocess.run(["objdump", "-d", "-l", "-C", "--no-show-raw-insn", lib],
                         capture_output=True, text=True, check=True).stdout
    sites, src, func = {}, "?", "?"
    for l in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:", l)
        if m:
            func = m.group(1)
            continue
        m = re.match(r"^(/\S+):(\d+)", l)
        if m and "/usr/include" not in m.group(1):
            src = f"{re.sub(r'^.*?/src/', 'src/', m.group(1))}:{m.group(2)}"
            continue
        m = re.match(r"^\s+([0-9a-f]+):\s+(lock |xchg (?!%ax,%ax))", l)
        if m:
            sites[int(m.group(1), 16)] = f"{src} in {func[:90]}"
    return sites


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("callgrind_out")
    ap.add_argument("libukp")
    ap.add_argument("--per", type=float, required=True, help="operations in the run")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    by_addr, by_line = read_callgrind(args.callgrind_out)
    total = sum(by_line.values())
    print(f"instructions: {total:,} in the whole run, {total / args.per:,.0f} per op (setup included)")
    for (f, l), c in by_line.most_common(args.top):
        print(f"  {c / args.per:8.1f}  {re.sub(r'^.*?/src/', 'src/', f or '?')}:{l}")
    sites = atomic_sites(args.libukp)
    # callgrind reports addresses of a shared object relative to its load
    # address when that matches objdump's; check with a known symbol if not.
    per_site = collections.Counter()
    for (ob, a), c in by_addr.items():
        if ob and "libukp" in ob and a in sites:
            per_site[sites[a]] += c
    n = sum(per_site.values())
    print(f"atomic RMWs in libukp: {n / args.per:.1f} per op")
    for s, c in per_site.most_common(args.top):
        print(f"  {c / args.per:6.2f}  {s}")


if __name__ == "__main__":
    main()
