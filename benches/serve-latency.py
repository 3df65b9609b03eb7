#!/usr/bin/env python3
"""Save-to-reload latency of `calabash serve`, measured as a browser sees it.

    benches/serve-latency.py <address> <root> <entry.md> <template> <runs>

Listens on the server's event stream as an open entry page would
(/__calabash/events?page=<the entry's path>), then RUNS times:
  entry:    appends a sentence to <entry.md> and times until the change
            event naming the entry's page arrives;
  template: edits <template> (used by every entry page) and times until the
            change event arrives.
Between runs it waits for the search index to be rebuilt (the change event
that names /search/) or for the server to go quiet, so runs do not overlap.
Prints one JSON line: {"entry_ms": [...], "template_ms": [...]}.
"""
import json
import os
import socket
import sys
import time

address, root, entry, template, runs = sys.argv[1:6]
runs = int(runs)
host, port = address.split(":")
collection, name = entry.split("/")[-2], entry.split("/")[-1][:-3]
page = f"/{collection}/{name}/"

sock = socket.create_connection((host, int(port)))
sock.sendall(f"GET /__calabash/events?page={page} HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
buffer = b""


def next_event(timeout):
    """The next `change` event's data, or None after `timeout` seconds."""
    global buffer
    deadline = time.perf_counter() + timeout
    while True:
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            text = block.decode("utf-8", "replace")
            if "event: change" in text:
                data = [l[6:] for l in text.splitlines() if l.startswith("data: ")]
                return json.loads("".join(data))
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return None
        if not chunk:
            sys.exit("the event stream closed")
        buffer += chunk


def settle():
    """Waits until the search index is rebuilt and nothing more happens."""
    while True:
        event = next_event(4.0)
        if event is None:
            return


def timed(edit, wanted):
    start = time.perf_counter()
    edit()
    while True:
        event = next_event(30.0)
        if event is None:
            sys.exit("no change event within 30 s")
        if wanted(event):
            return (time.perf_counter() - start) * 1000


settle()
entry_ms, template_ms = [], []
for run in range(runs):
    def edit_entry(run=run):
        with open(os.path.join(root, entry), "a") as f:
            f.write(f"\nLatency run {run} {time.time()}.\n")
    entry_ms.append(timed(edit_entry, lambda e: e["all"] or page in e["paths"]))
    settle()
for run in range(runs):
    def edit_template(run=run):
        path = os.path.join(root, template)
        with open(path) as f:
            text = f.read()
        marker = "<!-- latency run -->"
        if marker in text:
            text = text.replace(marker, "")
        else:
            at = text.index("%}", text.index("{% block content")) + 2
            text = text[:at] + marker + text[at:]
        with open(path, "w") as f:
            f.write(text)
    template_ms.append(timed(edit_template, lambda e: e["all"] or page in e["paths"]))
    settle()
print(json.dumps({"entry_ms": entry_ms, "template_ms": template_ms}))
