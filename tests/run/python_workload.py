# A python3 workload for `ukp run` (issue #5): files, directories, threads,
# pipes, sockets (a local server and client), json, sqlite3, tempfile,
# shutil. Its output must be the same natively and under ukp.
import os, json, sqlite3, tempfile, shutil, threading, socket, hashlib
d = tempfile.mkdtemp()
for i in range(50):
    with open(os.path.join(d, f"f{i}.txt"), "w") as f:
        f.write(f"line {i}\n" * i)
os.makedirs(os.path.join(d, "a/b/c"))
shutil.copytree(d + "/a", d + "/copy")
print(sorted(os.listdir(d))[:5], len(os.listdir(d)))
total = sum(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(".txt"))
print("bytes", total)
r, w = os.pipe()
def writer():
    with os.fdopen(w, "wb") as f:
        for i in range(1000): f.write(b"x" * 100)
t = threading.Thread(target=writer); t.start()
got = 0
with os.fdopen(r, "rb") as f:
    while chunk := f.read(4096): got += len(chunk)
t.join(); print("pipe", got)
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept()
    data = b""
    while (b := c.recv(65536)): data += b
    c.sendall(hashlib.sha256(data).hexdigest().encode()); c.close()
t = threading.Thread(target=serve); t.start()
c = socket.create_connection(("localhost", port)); payload = os.urandom(1) * 1000000
c.sendall(payload); c.shutdown(socket.SHUT_WR)
print("sock", c.recv(100).decode() == hashlib.sha256(payload).hexdigest()); t.join()
db = sqlite3.connect(os.path.join(d, "x.db"))
db.execute("create table t(a, b)"); db.executemany("insert into t values (?, ?)", [(i, str(i)) for i in range(10000)])
db.commit(); print("sqlite", db.execute("select count(*), sum(a) from t").fetchone())
print(json.dumps({"threads": threading.active_count(), "here": sorted(os.listdir("."))}))
shutil.rmtree(d); print("gone", not os.path.exists(d))
