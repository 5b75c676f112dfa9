"""A throw-away network namespace with a TAP device, for the `tap` kind's tests
and benchmarks. Never touches the machine's own network: everything is made
inside a new namespace and removed on exit (also on an exception, SIGTERM or
SIGINT).

    import netns
    netns.require()                      # or: reason = netns.skip_reason()
    with netns.TapNamespace(uid=65534, gid=65534) as ns:
        ns.ukp_net                       # "tap:tap0:10.77.0.2/24:10.77.0.1"
        ns.host_addr, ns.app_addr        # "10.77.0.1", "10.77.0.2"
        p = ns.popen(["./httpd"], user="nobody", env={"UKP_NET": ns.ukp_net})
        ns.run(["curl", "-s", "http://10.77.0.2:8080/"])   # host-side client
        with ns.entered():               # this thread's sockets in the namespace
            urllib.request.urlopen("http://10.77.0.2:8080/")

The namespace is `ukp-<pid>-<n>`; in it the TAP device (default `tap0`,
owned by uid/gid, so the app opens it unprivileged) carries the host side's
address 10.77.0.1/24 itself: a TAP has no peer, the namespace's own stack is
the other end of the wire. The app runs in the namespace (popen/run/wrap)
and takes 10.77.0.2 with the route via 10.77.0.1 (`ns.ukp_net`).

API (all else is private):
  skip_reason() -> str | None   why a namespace cannot be made here
  require()                     print a loud SKIP line and exit 77 if not
  TapNamespace(uid=0, gid=0, tap="tap0", host_addr="10.77.0.1",
               app_addr="10.77.0.2", prefix=24)
      .name .tap .host_addr .app_addr .prefix .ukp_net
      .wrap(cmd, user=None) -> argv running cmd in the namespace, as `user`
                               (a name or uid; setpriv drops to it) if given
                               (/dev/net/tun is made usable to it if the
                               host's is root's only, in that run's own
                               mount namespace)
      .popen(cmd, user=None, env=None, **kw) -> subprocess.Popen (env is
                               added to os.environ)
      .run(cmd, user=None, env=None, **kw)   -> subprocess.run (timeout=60
                               unless given)
      .entered()             context manager: the calling thread's network
                               namespace is this one while inside (sockets
                               made there stay in it)
"""
import contextlib
import ctypes
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys

_counter = itertools.count()
_CLONE_NEWNET = 0x40000000


def skip_reason():
    """None when a namespace with a TAP can be made here, else why not."""
    if os.geteuid() != 0:
        return "needs root to create a network namespace and a TAP device"
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun"
    if not shutil.which("ip"):
        return "no `ip` (iproute2)"
    if not shutil.which("setpriv"):
        return "no setpriv to run the app unprivileged"
    return None


def require():
    reason = skip_reason()
    if reason:
        print(f"SKIP: *** tap network test skipped: {reason} ***", flush=True)
        sys.exit(77)


def _ip(*args):
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=30)


def _setns(fd):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, _CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


class TapNamespace:
    def __init__(self, uid=0, gid=0, tap="tap0", host_addr="10.77.0.1", app_addr="10.77.0.2",
                 prefix=24):
        self.name = f"ukp-{os.getpid()}-{next(_counter)}"
        self.tap, self.uid, self.gid = tap, uid, gid
        self.host_addr, self.app_addr, self.prefix = host_addr, app_addr, prefix
        self.ukp_net = f"tap:{tap}:{app_addr}/{prefix}:{host_addr}"
        self._made = False
        self._old_handlers = {}

    # -- setup and cleanup --

    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT):  # a test timeout still cleans up
            self._old_handlers[sig] = signal.signal(sig, self._on_signal)
        try:
            _ip("netns", "add", self.name)
            self._made = True
            n = ("-n", self.name)
            _ip(*n, "link", "set", "lo", "up")
            _ip(*n, "tuntap", "add", "dev", self.tap, "mode", "tap", "user", str(self.uid),
                "group", str(self.gid))
            _ip(*n, "addr", "add", f"{self.host_addr}/{self.prefix}", "dev", self.tap)
            _ip(*n, "link", "set", self.tap, "up")
        except BaseException:
            self._cleanup()
            raise
        return self

    def __exit__(self, *exc):
        self._cleanup()
        return False

    def _on_signal(self, sig, frame):
        raise SystemExit(128 + sig)

    def _cleanup(self):
        if self._made:
            # Processes still in the namespace would keep it (and the tap) alive.
            pids = subprocess.run(["ip", "netns", "pids", self.name], capture_output=True,
                                  text=True, timeout=30).stdout.split()
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)
            for args in (("-n", self.name, "link", "del", self.tap), ("netns", "del", self.name)):
                subprocess.run(["ip", *args], capture_output=True, timeout=30)
            self._made = False
        for sig, old in self._old_handlers.items():
            signal.signal(sig, old)
        self._old_handlers.clear()

    # -- running things in the namespace --

    def wrap(self, cmd, user=None):
        argv = ["ip", "netns", "exec", self.name]
        if user is not None:
            pw = pwd.getpwuid(user) if isinstance(user, int) else pwd.getpwnam(user)
            drop = ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups"]
            if os.stat("/dev/net/tun").st_mode & 0o006 != 0o006:
                # This machine's /dev/net/tun is root's only (distributions
                # make it 0666). `ip netns exec` runs in a mount namespace
                # of its own, a slave of the host's: a tmpfs with a 0666
                # node there is seen by the app alone and goes with it.
                argv += ["sh", "-c", "mount -t tmpfs -o mode=755 ukp-tun /dev/net && "
                         "mknod -m 666 /dev/net/tun c 10 200 && exec \"$@\"", "sh"]
            argv += drop
        return argv + [str(c) for c in cmd]

    def _env(self, env):
        full = dict(os.environ)
        full.update(env or {})
        return full

    def popen(self, cmd, user=None, env=None, **kw):
        return subprocess.Popen(self.wrap(cmd, user), env=self._env(env), **kw)

    def run(self, cmd, user=None, env=None, **kw):
        kw.setdefault("timeout", 60)
        return subprocess.run(self.wrap(cmd, user), env=self._env(env), **kw)

    @contextlib.contextmanager
    def entered(self):
        own = os.open(f"/proc/thread-self/ns/net", os.O_RDONLY)
        target = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        try:
            _setns(target)
            try:
                yield self
            finally:
                _setns(own)
        finally:
            os.close(own)
            os.close(target)
