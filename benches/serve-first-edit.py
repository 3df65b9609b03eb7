#!/usr/bin/env python3
"""Does an edit made just after `calabash serve` comes up wait for search?

    benches/serve-first-edit.py <calabash> <root> <entry.md> <runs> [<late seconds>]

For each run it starts `calabash serve` on <root> (a fresh preview folder),
waits until the server first answers the entry's page with 200, listens on
the event stream as that open page does, and times two saves of the entry's
text, from writing the file to the change event that makes the page reload:
  early: saved one second after the first answer, while the preview builds
         its search index in the background;
  late:  saved <late seconds> (default 60) after the first answer, when the
         index is long done.
Prints one JSON line: {"early_ms": [...], "late_ms": [...], "first_answer_s": [...]}.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

binary, root, entry, runs = sys.argv[1:5]
late_after = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
collection, name = entry.split("/")[-2], entry.split("/")[-1][:-3]
page = f"/{collection}/{name}/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Events:
    """The server's event stream, as an open page listens to it."""

    def __init__(self, address):
        host, port = address.split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.sendall(
            f"GET /__calabash/events?page={page} HTTP/1.1\r\nHost: {address}\r\n\r\n".encode()
        )
        self.buffer = b""

    def next_change(self, timeout):
        """The next `change` event's data, or None after `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                text = block.decode("utf-8", "replace")
                if "event: change" in text:
                    data = [l[6:] for l in text.splitlines() if l.startswith("data: ")]
                    return json.loads("".join(data))
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                sys.exit("the event stream closed")
            self.buffer += chunk


def save_and_time(events, address, run, label):
    """Appends a sentence to the entry; ms until the page is told to reload
    and then shows it (an event of earlier work, such as the search index
    being installed, does not count)."""
    marker = f"First-edit run {run} {label} {time.time()}."
    start = time.perf_counter()
    with open(os.path.join(root, entry), "a") as f:
        f.write(f"\n{marker}\n")
    while True:
        event = events.next_change(60.0)
        if event is None:
            sys.exit("no change event within 60 s")
        if event["all"] or page in event["paths"]:
            elapsed = (time.perf_counter() - start) * 1000
            with urllib.request.urlopen(f"http://{address}{page}", timeout=5) as answer:
                if marker in answer.read().decode("utf-8", "replace"):
                    return elapsed


def one_run(run):
    shutil.rmtree(os.path.join(root, ".calabash", "serve"), ignore_errors=True)
    shutil.rmtree(os.path.join(root, ".calabash", "index"), ignore_errors=True)
    port = free_port()
    address = f"127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if server.poll() is not None:
                sys.exit("the server stopped")
            try:
                with urllib.request.urlopen(f"http://{address}{page}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        first = time.perf_counter()
        events = Events(address)
        time.sleep(max(0.0, first + 1.0 - time.perf_counter()))
        early = save_and_time(events, address, run, "early")
        time.sleep(max(0.0, first + late_after - time.perf_counter()))
        late = save_and_time(events, address, run, "late")
        return early, late, first - started
    finally:
        server.terminate()
        server.wait()


results = {"early_ms": [], "late_ms": [], "first_answer_s": []}
for run in range(int(runs)):
    early, late, first = one_run(run)
    results["early_ms"].append(round(early, 1))
    results["late_ms"].append(round(late, 1))
    results["first_answer_s"].append(round(first, 2))
print(json.dumps(results))
