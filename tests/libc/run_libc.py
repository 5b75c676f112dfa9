#!/usr/bin/env python3
"""Runs one libc test program natively and linked with ukp, compares.

usage: run_libc.py [--ukp-only] [--absent HOSTPATH]... NATIVE UKP

Both run in a fresh empty host directory as cwd. Under ukp every file the
program makes lives in the kernel's ramfs, so the host directory must stay
empty, and each --absent path must not exist on the host afterwards: what
appears there is a call that escaped the kernel. stdout and the exit status
must be identical (with --ukp-only, NATIVE is not run and UKP must exit 0).
Exit: 0 pass, 1 fail.
"""
import os
import sys

# The scratch-directory runner and the verdict are the differential suite's.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'diff'))
from run_diff import report, run  # noqa: E402


def main(argv):
    ukp_only = False
    absent = []
    while argv and argv[0].startswith('--'):
        if argv[0] == '--ukp-only':
            ukp_only = True
            argv = argv[1:]
        elif argv[0] == '--absent' and len(argv) > 1:
            absent.append(argv[1])
            argv = argv[2:]
        else:
            print(__doc__)
            return 2
    if len(argv) != 2:
        print(__doc__)
        return 2
    native, ukp = (os.path.abspath(a) for a in argv)
    for p in absent:
        if os.path.lexists(p):
            print('host path %s exists before the run; remove it first' % p)
            return 1

    u_out, u_err, u_rc, u_left = run(ukp, False)
    u_text = u_out + 'exit status: %s\n' % u_rc
    if u_left:
        u_text += 'ESCAPED to the host cwd: %s\n' % ' '.join(u_left)
    for p in absent:
        if os.path.lexists(p):
            u_text += 'ESCAPED to the host: %s\n' % p
    if ukp_only:
        n_text, n_err = u_out + 'exit status: 0\n', ''
    else:
        n_out, n_err, n_rc, _ = run(native, False)
        n_text = n_out + 'exit status: %s\n' % n_rc

    return report(os.path.basename(ukp), n_text, u_text, n_err, u_err)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
