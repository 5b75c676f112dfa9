#!/usr/bin/env python3
"""Raw-syscall capture (issue 5): runs the capture programs (linked with
libukp) under UKP_CAPTURE=off|trap|strict and checks which world they see.

usage: run_capture.py RAW_FILES RAW_HOST FREOPEN_OUT TRACE_SYM STRICT_ESCAPE
"""
import os
import subprocess
import sys
import tempfile

failures = []


def run(prog, args, mode, env_extra=None):
    env = dict(os.environ, UKP_CAPTURE=mode)
    env.update(env_extra or {})
    p = subprocess.run([prog] + args, env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def main():
    raw_files, raw_host, freopen_out, trace_sym, strict_escape = sys.argv[1:6]
    name = f"ukp-capture-{os.getpid()}"
    for mode in ("trap", "strict"):
        rc, out, err = run(raw_files, [name], mode)
        check(rc == 0 and "raw_files: ok" in out, f"{mode}: raw syscalls see the kernel's files ({err.strip()})")
        check(not os.path.exists(f"/tmp/{name}"), f"{mode}: the file is not on the host")

    with tempfile.NamedTemporaryFile("w", prefix="ukp-capture-host-", delete=False) as f:
        f.write("host secret")
        host_path = f.name
    try:
        for mode in ("off", "trap", "strict"):
            rc, out, err = run(raw_host, [host_path], mode)
            reached = out.startswith("open: ok") and "host secret" in out
            if mode == "off":
                check(rc == 0 and reached, f"off: the host file is reached ({out.strip()})")
            else:
                check(rc == 0 and out.strip() == "open: 2", f"{mode}: the host file is not reachable ({out.strip()})")
    finally:
        os.unlink(host_path)

    # UKP_TRACE: captured calls decoded ("raw"), exported names ("sym").
    with tempfile.TemporaryDirectory() as d:
        trace = os.path.join(d, "trace")
        rc, out, err = run(raw_files, [name + "-t"], "trap", {"UKP_TRACE": trace})
        text = open(trace).read() if os.path.exists(trace) else ""
        check(rc == 0 and f'raw openat(AT_FDCWD, "/tmp/{name}-t", O_WRONLY|O_CREAT|O_TRUNC, 0600) = ' in text,
              "trace: a captured openat with its decoded arguments")
        check("raw getdents64(" in text and " sym sigaction(10, 0x" in text, "trace: raw and symbol calls marked")
        # stdout is a pipe here: stdio's isatty ioctl fails.
        check("raw ioctl(1, 0x5401, " in text and "= -1 ENOTTY <" in text, "trace: errno names")

    # Symbol calls decoded too; --ukp-trace on the command line; the thread.
    # The program is built with _FILE_OFFSET_BITS=64: glibc's headers call
    # the 64 names.
    with tempfile.TemporaryDirectory() as d:
        trace = os.path.join(d, "trace")
        rc, out, err = run(trace_sym, [name + "-s", f"--ukp-trace={trace}"], "trap")
        text = open(trace).read() if os.path.exists(trace) else ""
        lines = text.splitlines()
        check(rc == 0 and "trace_sym: ok" in out, f"trace: the symbol-call program runs ({out.strip()} {err.strip()})")

        def line(prefix):
            return next((l for l in lines if f" sym {prefix}" in l), "")

        check(f'sym openat64(AT_FDCWD, "/tmp/{name}-s", O_RDWR|O_CREAT, 0644) = 3 <' in text,
              f"trace: openat's path, flag names and mode ({line('openat(')})")
        check('sym open64("/tmp/no/such/file", O_RDONLY) = -1 ENOENT <' in text,
              f"trace: open without a mode, errno name ({line('open(')})")
        check('sym write(3, 0x' in text and ", 1) = 1 <" in line("write("), f"trace: write ({line('write(')})")
        check(f'sym fopen64("/tmp/{name}-s", "r") = 0x' in text, f"trace: fopen's strings ({line('fopen(')})")
        check('sym fopen64("/tmp/no/such/file", "r") = -1 ENOENT <' in text,
              "trace: fopen's error (" + line('fopen64("/tmp/no') + ")")
        check('sym socket(AF_UNIX, SOCK_STREAM, 0) = 3 <' in text and 'sym connect(3, {AF_UNIX, "/tmp/no-such-socket"}, 110) = -1 ENOENT <' in text,
              f"trace: connect's sockaddr ({line('connect(')})")
        main_tid = line("openat(").split()[1] if line("openat(") else "?"
        st = line(f'stat64("/tmp/{name}-s", 0x')
        check(st != "" and st.split()[1] != main_tid, f"trace: the thread's stat names its thread ({st} vs {main_tid})")
        check(not os.path.exists(f"--ukp-trace={trace}") and "--ukp-trace" not in out,
              "trace: --ukp-trace is taken out of argv")

    target = f"/tmp/{name}.out"
    for mode in ("trap", "strict"):
        rc, out, err = run(freopen_out, [target], mode)
        check(rc == 0, f"{mode}: freopen+printf land in the kernel's file ({err.strip()})")
        check(not os.path.exists(target), f"{mode}: ... and not on the host")
    # strict: a host call outside the host layer's list, reached through
    # ld.so's own `syscall` instruction, stops the program and is named.
    rc, out, err = run(strict_escape, [], "strict")
    check("jumping to ld.so's syscall" in out, f"strict: the escape is attempted ({out.strip()})")
    check(rc == 128 + 31 and "strict capture: host system call unshare (272) is not in the host layer's list" in err,
          f"strict: the violation stops the program and names the call (status {rc}: {err.strip()})")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
