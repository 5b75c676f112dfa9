"""One line per check, "ok: ..." or "FAIL: ...", and the exit status they
add up to (shared by the tests/run scripts)."""
import sys

failures = 0


def ok(msg):
    print(f"ok: {msg}")


def fail(msg):
    global failures
    failures += 1
    print(f"FAIL: {msg}")


def finish():
    """Prints the count and exits: 1 if any check failed."""
    print(f"{failures} failure(s)")
    sys.exit(1 if failures else 0)
