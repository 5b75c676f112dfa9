"""Running examples/httpd for the net tests and bench/run_net.py: a free host
port, a small urllib client, and a server process that is ready (its page
answers) when the `with` block starts and stopped with SIGINT when it ends.
Standard library only; host loopback (or a test's own namespace) only.

    import httpd_proc as hp
    with hp.Httpd.user(HTTPD) as srv:          # the demo: `user` network,
        hp.request(srv.base + "/")             # a UKP_PUBLISH forward
    with hp.Httpd.native(HTTPD_NATIVE): ...    # 127.0.0.1, no ukp
    with hp.Httpd.host(HTTPD): ...             # UKP_NET=host
    with hp.Httpd([...argv], env, base): ...   # anything else (tap: netns.py)

srv.stopped_cleanly is False when SIGINT did not end it within 10 s.
"""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, method=None, timeout=10):
    """(status, body text); raises urllib.error.HTTPError on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read().decode()


class Httpd:
    """argv is run with os.environ plus env; base is the URL a client uses.
    probe(url) -> (status, body), called until it stops raising OSError
    (to probe from inside a namespace, for instance)."""

    def __init__(self, argv, env, base, ready_seconds=20, probe=request):
        self.argv, self.env, self.base = [str(a) for a in argv], env, base
        self.ready_seconds, self.probe = ready_seconds, probe
        self.proc = None
        self.page = None
        self.stopped_cleanly = None
        self._out = None
        self._scratch = None

    @classmethod
    def user(cls, exe, port=None, **kw):
        """The demo's way: `user` network, host 127.0.0.1:port -> app's 8080."""
        port = port or free_port()
        env = {"UKP_NET": "user", "UKP_PUBLISH": f"127.0.0.1:{port}:8080"}
        return cls([exe, "--port", "8080"], env, f"http://127.0.0.1:{port}", **kw)

    @classmethod
    def native(cls, exe, port=None, **kw):
        """The build without libukp: its web root and notes are the host's
        files, so they go to a scratch directory (removed at exit), never to
        the defaults /srv/www and /var/notes."""
        port = port or free_port()
        srv = cls([exe, "--bind", "127.0.0.1", "--port", port], {}, f"http://127.0.0.1:{port}", **kw)
        srv._scratch = tempfile.TemporaryDirectory(prefix="ukp-httpd-native-")
        srv.argv += ["--root", os.path.join(srv._scratch.name, "www"),
                     "--notes", os.path.join(srv._scratch.name, "notes")]
        return srv

    @classmethod
    def host(cls, exe, port=None, **kw):
        """UKP_NET=host: the app's sockets are the host's."""
        port = port or free_port()
        return cls([exe, "--bind", "127.0.0.1", "--port", port], {"UKP_NET": "host"},
                   f"http://127.0.0.1:{port}", **kw)

    def output(self):
        """What the server printed so far (stdout and stderr)."""
        if not self._out:
            return ""
        self._out.flush()
        self._out.seek(0)
        return self._out.read().decode(errors="replace")

    def __enter__(self):
        self._out = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.argv, env=dict(os.environ, **self.env), stdout=self._out,
                                     stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + self.ready_seconds
            while True:  # a `user` forward listens at boot, the server a moment later
                try:
                    self.status, self.page = self.probe(self.base + "/")
                    return self
                except (urllib.error.URLError, ConnectionError, OSError):
                    if self.proc.poll() is not None:
                        raise RuntimeError(f"httpd exited with {self.proc.returncode} before "
                                           f"serving:\n{self.output()}")
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"httpd did not serve {self.base}/ within "
                                           f"{self.ready_seconds} s:\n{self.output()}")
                    time.sleep(0.2)
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.proc is None or self.stopped_cleanly is not None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
            self.stopped_cleanly = True
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self.stopped_cleanly = False

    def __exit__(self, *exc):
        self.stop()
        if self._out:
            self._out.close()
        if self._scratch:
            self._scratch.cleanup()
        return False


def run_checks(srv, *checks):
    """Serves with `srv`, runs each check(srv, failures), then reports:
    the exit status of a test script (0, or 1 on any failure, including a
    server that never served or did not stop on SIGINT)."""
    failures = []
    try:
        with srv:
            for check in checks:
                check(srv, failures)
    except RuntimeError as e:  # never served
        print("FAIL: the page never came:", e)
        return 1
    if not srv.stopped_cleanly:
        failures.append("httpd did not stop on SIGINT")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


def notes_round_trip(srv, failures, text):
    """The page, then a note made, read, deleted and gone, then /api/status
    saying the ukp build serves."""
    base = srv.base
    print("GET / ->", srv.status, "html" if "<html" in srv.page else "not html")
    if srv.status != 200 or "<html" not in srv.page:
        failures.append("page")
    status, body = request(base + "/api/notes", json.dumps({"text": text}).encode(), "POST")
    note = json.loads(body)["id"]
    print("POST /api/notes ->", status)
    status, body = request(f"{base}/api/notes/{note}")
    got = json.loads(body).get("text")
    print("GET the note ->", status, got)
    if got != text:
        failures.append("note text")
    status, _ = request(f"{base}/api/notes/{note}", method="DELETE")
    print("DELETE ->", status)
    try:
        request(f"{base}/api/notes/{note}")
        failures.append("deleted note still there")
    except urllib.error.HTTPError as e:
        print("GET after delete ->", e.code)
    status, body = request(base + "/api/status")
    unikernel = json.loads(body).get("unikernel")
    print("status says unikernel:", unikernel)
    if not unikernel:
        failures.append("not served by the ukp build")
