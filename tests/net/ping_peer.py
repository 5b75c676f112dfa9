"""The host side of the test app's `connect` mode (user_app.c): accepts one
client, records its first line and address, answers "pong from host"."""
import threading


def start(srv):
    """Serves one client of the listening `srv` in a thread. Returns the
    thread and a dict that gets "line" and "peer", or "error"."""
    got = {}

    def serve():
        try:
            c, addr = srv.accept()
            with c:
                c.settimeout(10)
                got["line"] = c.makefile().readline()
                got["peer"] = addr[0]
                c.sendall(b"pong from host\n")
        except Exception as e:
            got["error"] = repr(e)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return t, got
