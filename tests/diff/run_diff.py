#!/usr/bin/env python3
"""Runs one differential program natively and linked with ukp, compares.

usage: run_diff.py [--nonroot] NATIVE_BINARY UKP_BINARY

Each binary runs with a fresh empty scratch directory as its host cwd
(native: the directory it works in; ukp: the kernel works in its own ramfs,
so the host directory must stay empty -- anything left there is a call that
escaped the kernel). stdout and the exit status must be identical.
Exit: 0 same, 1 different, 77 skipped.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60
NOBODY = 65534


def scratch_parent():
    p = os.environ.get('DIFF_SCRATCH_PARENT')
    if p:
        return p
    # ukp's ramfs mimics tmpfs: compare against tmpfs natively.
    return '/dev/shm' if os.path.isdir('/dev/shm') else None


def run(binary, nonroot):
    scratch = tempfile.mkdtemp(prefix='ukp-diff-', dir=scratch_parent())
    try:
        os.chmod(scratch, 0o755)
        cmd = [binary]
        if nonroot:
            os.chown(scratch, NOBODY, NOBODY)
            cmd = ['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY,
                   '--clear-groups', '--'] + cmd
        env = dict(os.environ)
        env.pop('UKP_TRACE', None)
        try:
            p = subprocess.run(cmd, cwd=scratch, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT, env=env)
            out, err, rc = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            out, err, rc = e.stdout or b'', e.stderr or b'', 'timeout'
        left = sorted(os.listdir(scratch))
        return out.decode(errors='replace'), err.decode(errors='replace'), rc, left
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# libc functions that never enter the kernel: not worth reporting.
PURE = set("""strerrorname_np setvbuf printf puts putchar snprintf exit strlen strcmp
strncmp strcpy strdup strstr strtol memset memcmp memcpy qsort free malloc
__errno_location __gmon_start__ __cxa_finalize _ITM_registerTMCloneTable
_ITM_deregisterTMCloneTable __libc_start_main pthread_create pthread_join
usleep clock_gettime atoi __stack_chk_fail strrchr strchr strncpy memmove
calloc realloc abort fflush fputs fprintf perror""".split())


def escapes(ukp):
    """Undefined functions of the ukp binary that libukp does not define:
    calls that go to the host libc (and maybe the host kernel)."""
    try:
        lib = None
        ldd = subprocess.run(['ldd', ukp], capture_output=True, text=True).stdout
        for line in ldd.splitlines():
            if 'libukp' in line and '=>' in line:
                lib = line.split('=>')[1].split('(')[0].strip()
        if not lib:
            return []
        def syms(args):
            out = subprocess.run(['nm', '-D'] + args, capture_output=True, text=True).stdout
            return {l.split()[-1].split('@')[0] for l in out.splitlines() if l.strip()}
        return sorted(syms(['-u', ukp]) - syms(['--defined-only', lib]) - PURE)
    except OSError:
        return []


def report(name, n_text, u_text, n_err, u_err, note=None):
    """Prints the verdict of one comparison; returns the exit status."""
    if n_text == u_text:
        print(u_text, end='')
        print('SAME: %s' % name)
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        n_text.splitlines(keepends=True), u_text.splitlines(keepends=True),
        'native', 'ukp'))
    if n_err:
        print('--- native stderr ---\n' + n_err[-2000:])
    if u_err:
        print('--- ukp stderr ---\n' + u_err[-3000:])
    if note:
        print(note)
    print('DIFFERENT: %s' % name)
    return 1


def main(argv):
    nonroot = False
    if argv and argv[0] == '--nonroot':
        nonroot = True
        argv = argv[1:]
    if len(argv) != 2:
        print(__doc__)
        return 2
    native, ukp = (os.path.abspath(a) for a in argv)
    # ukp's kernel starts with umask 022: give the native run the same.
    os.umask(0o022)
    if nonroot:
        if os.geteuid() != 0:
            print('SKIP: nonroot mode needs root to switch users')
            return 77
        if not shutil.which('setpriv'):
            print('SKIP: setpriv is missing')
            return 77

    n_out, n_err, n_rc, _ = run(native, nonroot)
    u_out, u_err, u_rc, u_left = run(ukp, nonroot)
    n_text = n_out + 'exit status: %s\n' % n_rc
    u_text = u_out + 'exit status: %s\n' % u_rc
    if u_left:
        u_text += 'ESCAPED to the host cwd: %s\n' % ' '.join(u_left)

    note = None
    if n_text != u_text:
        esc = escapes(ukp)
        if esc:
            note = 'NOTE: calls not taken over by libukp (go to the host): %s' % ' '.join(esc)
    return report(os.path.basename(native), n_text, u_text, n_err, u_err, note)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
