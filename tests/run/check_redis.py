"""Debian's redis-server, unmodified, under `ukp run` on the `user` network,
reached from the host through a -p forward: commands with checked answers
(two clients for publish/subscribe, a 1 MB value), redis-cli, then a short
redis-benchmark that must finish without errors.
Usage: check_redis.py UKP_TOOL. Exit 77 (skip) without redis-server."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import redis_proc as rp  # noqa: E402

if os.environ.get("UKP_TEST_HOST", "linux") != "linux":
    print(f"SKIP: ukp run needs raw system call capture, which the {os.environ['UKP_TEST_HOST']} host "
          "does not have: libc's internal calls would reach the host")
    sys.exit(77)
UKP = os.path.abspath(sys.argv[1])
failures = 0


def check(name, got, want):
    global failures
    if got == want:
        print(f"ok: {name}")
    else:
        failures += 1
        print(f"FAIL: {name}: got {got!r:.300}, want {want!r:.300}")


def commands(port):
    c = rp.Client(port)
    check("FLUSHALL", c.call("FLUSHALL"), "OK")
    check("SET", c.call("SET", "greeting", "hello"), "OK")
    check("GET", c.call("GET", "greeting"), b"hello")
    check("GET of a missing key", c.call("GET", "nothing"), None)
    check("INCR from nothing", c.call("INCR", "counter"), 1)
    check("INCRBY", c.call("INCRBY", "counter", 41), 42)
    check("LPUSH", c.call("LPUSH", "list", "a", "b", "c"), 3)
    check("LRANGE", c.call("LRANGE", "list", 0, -1), [b"c", b"b", b"a"])
    check("HSET", c.call("HSET", "hash", "f1", "v1", "f2", "v2"), 2)
    got = c.call("HGETALL", "hash")
    check("HGETALL", dict(zip(got[::2], got[1::2])), {b"f1": b"v1", b"f2": b"v2"})
    check("EXPIRE", c.call("EXPIRE", "greeting", 100), 1)
    ttl = c.call("TTL", "greeting")
    check("TTL within (98, 100]", 98 < ttl <= 100, True)
    check("TTL of a key without expiry", c.call("TTL", "counter"), -1)
    check("KEYS", sorted(c.call("KEYS", "*")), [b"counter", b"greeting", b"hash", b"list"])
    check("DEL", c.call("DEL", "greeting", "nothing"), 1)
    check("DBSIZE", c.call("DBSIZE"), 3)
    # A transaction: queued, then executed as one.
    check("MULTI", c.call("MULTI"), "OK")
    check("queued SET", c.call("SET", "tx", "1"), "QUEUED")
    check("queued INCR", c.call("INCR", "tx"), "QUEUED")
    check("EXEC", c.call("EXEC"), ["OK", 2])
    # An expiry that really passes: PEXPIRE then wait.
    check("PEXPIRE", c.call("PEXPIRE", "tx", 150), 1)
    time.sleep(0.4)
    check("an expired key is gone", c.call("EXISTS", "tx"), 0)
    # 1 MB through the forward and back.
    big = bytes((i * 7 + 3) % 251 for i in range(1 << 20))
    check("SET of 1 MB", c.call("SET", "big", big), "OK")
    check("GET of 1 MB round trip", c.call("GET", "big") == big, True)
    check("STRLEN of 1 MB", c.call("STRLEN", "big"), 1 << 20)
    info = c.call("INFO", "server").decode()
    check("INFO server has redis_version", "redis_version:" in info, True)
    mem = c.call("INFO", "memory").decode()
    rss = [int(l.split(":")[1]) for l in mem.splitlines() if l.startswith("used_memory_rss:")]
    check("INFO memory has an RSS (/proc/self/stat)", bool(rss) and rss[0] > 0, True)
    check("BGSAVE fails cleanly (no fork)", bgsave_error(c), True)
    check("still serving after BGSAVE", c.call("PING"), "PONG")
    c.close()


def bgsave_error(c):
    try:
        c.call("BGSAVE")
    except rp.RespError:
        return True
    return False


def pubsub(port):
    sub, pub = rp.Client(port), rp.Client(port)
    check("SUBSCRIBE", sub.call("SUBSCRIBE", "news"), [b"subscribe", b"news", 1])
    check("PUBLISH reaches one subscriber", pub.call("PUBLISH", "news", "first"), 1)
    check("the subscriber gets it", sub.reply(), [b"message", b"news", b"first"])
    check("PUBLISH on another channel", pub.call("PUBLISH", "other", "x"), 0)
    check("PUBLISH again", pub.call("PUBLISH", "news", "second"), 1)
    check("the subscriber gets the second", sub.reply(), [b"message", b"news", b"second"])
    check("UNSUBSCRIBE", sub.call("UNSUBSCRIBE", "news"), [b"unsubscribe", b"news", 0])
    sub.close()
    pub.close()


def cli(port):
    def run(*args):
        return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(port), *args],
                              capture_output=True, text=True, timeout=15)
    check("redis-cli PING", run("PING").stdout.strip(), "PONG")
    check("redis-cli SET", run("SET", "from-cli", "yes").stdout.strip(), "OK")
    check("redis-cli GET", run("GET", "from-cli").stdout.strip(), "yes")


def benchmark(port):
    r = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-n", "5000", "-c", "8",
                        "-t", "set,get,incr,lpush,lrange_100", "-q"],
                       capture_output=True, text=True, timeout=120)
    lines = [l.split("\r")[-1] for l in r.stdout.splitlines() if "requests per second" in l]
    print("\n".join("   " + l for l in lines))
    check("redis-benchmark exits 0", r.returncode, 0)
    names = {l.split(":")[0] for l in lines}
    check("redis-benchmark: every test ran, no errors",
          ({"SET", "GET", "INCR", "LPUSH", "LRANGE_100 (first 100 elements)"} <= names,
           "rror" in r.stdout + r.stderr), (True, False))


def main():
    if not rp.have_redis():
        print("SKIP: redis-server, redis-cli or redis-benchmark is not installed "
              "(scripts/setup.sh: redis-server redis-tools)")
        return 77
    srv = rp.Server(ukp=UKP)
    try:
        with srv:
            commands(srv.port)
            pubsub(srv.port)
            cli(srv.port)
            benchmark(srv.port)
    except Exception as e:  # the server's output says why
        print(f"FAIL: {type(e).__name__}: {e}")
        return 1
    finally:
        srv.stop()
    out = srv.output()
    for l in out.splitlines():
        if "ENOSYS" in l or "not provided" in l:
            print(f"note: {l.strip()}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
