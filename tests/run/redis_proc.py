"""redis-server natively or under `ukp run`, and a minimal RESP client:
what tests/run/check_redis.py and bench/run_real.py share. Standard
library only; every wait is bounded."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

# Persistence off: BGSAVE needs fork, which ukp does not provide (ENOSYS).
# Protected mode off: through the `user` network's forward (as through
# docker's -p) clients arrive from the router 10.0.2.2, not the loopback.
SERVER_ARGS = ["--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no"]


def have_redis():
    return all(shutil.which(p) for p in ("redis-server", "redis-cli", "redis-benchmark"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RespError(Exception):
    pass


class Client:
    """One connection speaking RESP2; replies as Python values (errors raise)."""

    def __init__(self, port, host="127.0.0.1", timeout=10):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""

    def close(self):
        self.sock.close()

    def send(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(out))

    def call(self, *args):
        self.send(*args)
        return self.reply()

    def _fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buf += chunk

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RespError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n)
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise RespError(f"unexpected reply {line[:80]!r}")


def wait_ready(port, proc, timeout=20):
    """Until PING answers PONG (a forward may accept before the server
    listens); raises with the server's output if it exits or never answers."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"redis-server exited with {proc.returncode}: {tail(proc)}")
        try:
            c = Client(port, timeout=2)
            try:
                if c.call("PING") == "PONG":
                    return
            finally:
                c.close()
        except (OSError, ConnectionError, RespError) as e:
            last = e
        time.sleep(0.1)
    raise RuntimeError(f"redis-server on port {port} did not answer PING in {timeout}s ({last}): {tail(proc)}")


def tail(proc):
    try:
        with open(proc.log_path, errors="replace") as f:
            return f.read()[-1500:]
    except (OSError, AttributeError):
        return ""


class Server:
    """redis-server on 127.0.0.1:port: natively (ukp=None) or under
    `UKP run [ukp_args] -p 127.0.0.1:port:6379` (net='user') or
    `--net host` (it then listens on the host's port directly)."""

    def __init__(self, ukp=None, net="user", ukp_args=(), port=None):
        self.port = port or free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="redis-", suffix=".log", delete=False)
        if ukp is None:
            cmd = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)] + SERVER_ARGS
        elif net == "user":
            cmd = [ukp, "run", *ukp_args, "-p", f"127.0.0.1:{self.port}:6379", "--",
                   "redis-server", "--port", "6379"] + SERVER_ARGS
        else:
            cmd = [ukp, "run", *ukp_args, "--net", net, "--",
                   "redis-server", "--bind", "127.0.0.1", "--port", str(self.port)] + SERVER_ARGS
        self.cmd = cmd
        self.final_output = None
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     cwd=tempfile.gettempdir(), start_new_session=True)
        self.proc.log_path = self.log.name

    def __enter__(self):
        try:
            wait_ready(self.port, self.proc)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def output(self):
        return self.final_output if self.final_output is not None else tail(self.proc)

    def stop(self):
        """SHUTDOWN NOSAVE, then SIGTERM, then SIGKILL: bounded."""
        if self.proc.poll() is None:
            try:
                c = Client(self.port, timeout=2)
                c.send("SHUTDOWN", "NOSAVE")
                c.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.log.close()
        if self.final_output is None:
            self.final_output = tail(self.proc)
            os.unlink(self.log.name)
