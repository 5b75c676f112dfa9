#!/usr/bin/env python3
"""The demo in a real browser: examples/httpd built with ukp serves through
the `user` network's port forward (as check_httpd.py starts it), headless
Chromium (Debian's) loads the page, and the page's own code adds a note: the
test types into the form and clicks Add, the page POSTs /api/notes and
re-renders its list. The test reads the list from the page, then asks the
server with urllib that the note exists. Host loopback only.

Chromium is driven over --remote-debugging-pipe (the DevTools protocol:
JSON messages ending in NUL, commands on fd 3, answers on fd 4), with the
standard library only.

usage: check_browser.py HTTPD_UKP [--screenshot FILE.png]
"""
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from httpd_proc import Httpd, request, run_checks

BUDGET = 60  # seconds for everything the browser does


class Browser:
    """Headless Chromium with a fresh profile; send() runs one protocol command."""

    def __init__(self, exe, profile, log):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def on_fd_3_and_4():  # in the child, before exec
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-dev-shm-usage", "--no-proxy-server",
                "--mute-audio", "--password-store=basic", f"--user-data-dir={profile}",
                "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     preexec_fn=on_fd_3_and_4, close_fds=False,
                                     start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._buf = b""
        self.deadline = time.monotonic() + BUDGET

    def _message(self):
        while b"\0" not in self._buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the browser did not answer within {BUDGET} s")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 65536)
                if not chunk:
                    raise EOFError("the browser closed its pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        self._next_id += 1
        cmd = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            cmd["sessionId"] = session
        os.write(self._to_browser, json.dumps(cmd).encode() + b"\0")
        while True:  # events in between are not needed
            msg = self._message()
            if msg.get("id") == self._next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]

    def evaluate(self, session, expression):
        """The value of a JavaScript expression in the page (promises awaited)."""
        res = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                             "returnByValue": True}, session)
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise RuntimeError(d.get("exception", {}).get("description") or d.get("text"))
        return res["result"].get("value")

    def close(self):
        try:
            if self.proc.poll() is None:
                self.deadline = time.monotonic() + 5
                self.send("Browser.close")
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:  # its helper processes too: the group is the one it started in
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


# In the page: wait for its first render, add a note through the form, and
# wait until the list the page re-renders from the server shows it.
ADD_NOTE = """
(async () => {
  const until = async (what, ok) => {
    for (const end = Date.now() + 15000; !ok(); await new Promise(r => setTimeout(r, 50)))
      if (Date.now() > end) throw new Error('page: timed out waiting for ' + what);
  };
  const byId = (id) => document.getElementById(id);
  const texts = () => [...byId('notes').querySelectorAll('li > span')].map(s => s.textContent);
  await until('the status', () => byId('status').textContent !== 'loading...');
  await until('the notes list', () => byId('notes').children.length > 0);
  const before = texts();
  byId('text').value = TEXT;
  byId('add').querySelector('button').click();
  await until('the new note in the list', () => texts().includes(TEXT));
  return {who: byId('who').textContent, before, after: texts(), input: byId('text').value};
})()
"""


def drive(exe, base, text, screenshot):
    with tempfile.TemporaryDirectory(prefix="ukp-chromium-") as tmp:
        log = open(os.path.join(tmp, "chromium.log"), "w+")
        browser = Browser(exe, os.path.join(tmp, "profile"), log)
        try:
            target = browser.send("Target.createTarget", {"url": base + "/"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            # Until the page itself is the document (not the first about:blank).
            for _ in range(300):
                try:
                    state = browser.evaluate(session, "location.href + ' ' + document.readyState")
                except RuntimeError:  # the context went away mid-navigation
                    state = ""
                if state == f"{base}/ complete":
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError(f"the page did not load: {state}")
            result = browser.evaluate(session, ADD_NOTE.replace("TEXT", json.dumps(text)))
            if screenshot:
                shot = browser.send("Page.captureScreenshot", {"format": "png"}, session)
                with open(screenshot, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
            return result
        except BaseException:
            log.flush()
            log.seek(0)
            sys.stderr.write("chromium's output:\n" + log.read()[-4000:] + "\n")
            raise
        finally:
            browser.close()
            log.close()


def main():
    httpd = sys.argv[1]
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        print("SKIP: *** no chromium: install Debian's chromium (scripts/setup.sh does) ***", flush=True)
        return 77
    text = f"from chromium, pid {os.getpid()}"

    def in_the_browser(srv, failures):
        t0 = time.monotonic()
        try:
            page = drive(exe, srv.base, text, screenshot)
        except (RuntimeError, TimeoutError, EOFError, OSError) as e:
            failures.append(f"browser: {e}")
            return
        print(f"browser: page loaded and note added in {time.monotonic() - t0:.1f} s")
        print("page says:", page["who"])
        print("list before:", page["before"], "after:", page["after"])
        if "running on ukp" not in page["who"]:
            failures.append("the page's status call did not report ukp")
        if page["after"].count(text) != 1 or page["input"] != "":
            failures.append("the page did not show the new note once, with the input cleared")
        # The server's side: the note the browser made is there.
        _, body = request(srv.base + "/api/notes")
        notes = [n for n in json.loads(body)["notes"] if n["text"] == text]
        print("server has the note:", [n["id"] for n in notes])
        if len(notes) != 1:
            failures.append(f"the server holds {len(notes)} notes with the browser's text")
        else:
            _, body = request(f"{srv.base}/api/notes/{notes[0]['id']}")
            if json.loads(body).get("text") != text:
                failures.append("GET of the browser's note")

    return run_checks(Httpd.user(httpd), in_the_browser)

if __name__ == "__main__":
    sys.exit(main())
