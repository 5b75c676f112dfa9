"""The host side of a bulk TCP transfer with the test app's `bulk` mode
(user_app.c): 32 MiB of a known pattern either way, checksummed on both
ends. `run_bulk` serves one direction on a listening socket while `launch`
runs the app, and returns an error text or None."""
import subprocess
import threading
import time

PATTERN = bytes((i * 7) & 0xFF for i in range(65536))


def _serve(srv, direction, mib, got):
    try:
        c, _ = srv.accept()
        with c:
            c.settimeout(30)
            if direction == "app -> host":
                n = total = 0
                while chunk := c.recv(1 << 20):
                    n += len(chunk)
                    total += sum(chunk)
                got["bytes"], got["sum"] = n, total
                c.sendall(f"{n}\n".encode())
            else:
                for _ in range(mib * 16):
                    c.sendall(PATTERN)
    except Exception as e:  # reported with the result
        got["error"] = repr(e)


def run_bulk(srv, direction, mib, launch):
    """launch(app_mib) runs the app (sending app_mib MiB, or receiving when
    0) and returns its CompletedProcess. Returns (error or None, MiB/s)."""
    srv.settimeout(30)
    got = {}
    t = threading.Thread(target=_serve, args=(srv, direction, mib, got), daemon=True)
    t.start()
    t0 = time.perf_counter()
    try:
        r = launch(mib if direction == "app -> host" else 0)
    except subprocess.TimeoutExpired:
        return "timed out", 0
    finally:
        t.join(30)
        srv.close()
    rate = mib / (time.perf_counter() - t0)
    want_bytes, want_sum = mib << 20, sum(PATTERN) * mib * 16
    if r.returncode != 0 or f"bytes {want_bytes} sum {want_sum}" not in r.stdout or "error" in got or \
            (direction == "app -> host" and (got.get("bytes"), got.get("sum")) != (want_bytes, want_sum)):
        return f"exit {r.returncode}: {r.stdout!r} {r.stderr[-300:]!r} {got}", rate
    return None, rate
