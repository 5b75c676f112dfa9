#!/usr/bin/env python3
"""Configuration from UKP_* variables and --ukp-* arguments, as a user sets it.

usage: check_config.py PROBE
"""
import re
import os
import subprocess
import sys


def run(probe, args, env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKP_")}
    env.update(env_extra)
    p = subprocess.run([probe] + args, env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, out, err):
    if not cond:
        print(f"FAIL: {what}\n--- stdout\n{out}--- stderr\n{err}")
        sys.exit(1)
    print(f"ok: {what}")


def main():
    probe = sys.argv[1]
    rc, out, err = run(probe, ["a", "--ukp-root-size=1M", "b", "--ukp-log=info"],
                       {"UKP_UMASK": "077", "UKP_UID": "1234", "UKP_GID": "4321"})
    expect(rc == 0, "the probe runs", out, err)
    expect("argc=3 [a] [b]\n" in out, "--ukp-* arguments are removed from argv", out, err)
    expect("argv[argc] is null: 1" in out, "argv stays NULL-terminated", out, err)
    expect("uid=1234 gid=4321" in out, "UKP_UID/UKP_GID set the credentials", out, err)
    expect("umask=077" in out, "UKP_UMASK sets the umask", out, err)
    # The root holds /etc/hosts and /etc/resolv.conf (a page each) from boot.
    filled = re.search(r"root filled: (\d+) KiB, then ENOSPC", out)
    expect(filled is not None and 1000 <= int(filled.group(1)) <= 1024, "--ukp-root-size limits the root ramfs",
           out, err)
    expect("booted" in err, "--ukp-log=info echoes kernel log lines to stderr", out, err)
    expect("kernel log has the boot line: 1" in out, "/proc/ukp/log keeps the log", out, err)

    # The environment says one thing, the command line another: the command line wins.
    rc, out, err = run(probe, ["--ukp-umask=027"], {"UKP_UMASK": "077"})
    expect("umask=027" in out, "--ukp-* arguments override UKP_* variables", out, err)

    # A bad value is reported and ignored, not fatal.
    rc, out, err = run(probe, ["--ukp-root-size=lots"], {"UKP_NO_SUCH_SETTING": "1"})
    expect(rc == 0 and "argc=1\n" in out, "bad settings do not stop the program", out, err)
    expect("root-size" in err and "NO_SUCH_SETTING" in err, "bad settings are named on stderr", out, err)


if __name__ == "__main__":
    main()
