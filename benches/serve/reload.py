#!/usr/bin/env python3
"""Edit-to-reload time of `healthkb serve`, measured the way an editor sees it.

Copies a site to a temporary folder, starts `healthkb serve` on it (127.0.0.1, a free port),
listens to the live-reload event stream like a browser tab, then edits articles one at a time and
times, for each edit:

  event: from the file being written to the `reload` event naming the article's page;
  page:  from the file being written to the new page fetched over HTTP (what a tab shows);
  cpu:   the server's CPU time (user + system, all threads) from the write to the event, which
         does not depend on what else the machine is doing; cpu+ also counts the generated files
         (search index, finder data) made after the reload, up to the next edit.

Python 3 standard library only. Bounded: every wait has a deadline, the server is stopped at the
end, and all traffic goes to 127.0.0.1.

    cargo build --release
    python3 benches/serve/reload.py --site .                       # the real site
    python3 benches/gen_corpus.py --n 10000 --out /dev/shm/hkb10k  # a 10,000-article site
    python3 benches/serve/reload.py --site /dev/shm/hkb10k/ours

`--kind body` (default) appends a sentence to the body; `--kind description` changes the
description in the front matter, which other pages show too (lists, symptom pages, home page);
`--kind title` changes the title, which also reorders lists and the A to Z and can change related
articles elsewhere; `--kind symptoms` adds a symptom, which changes the symptom index, so the
whole site is cross-linked again.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from program import built_program  # noqa: E402

DEADLINE = 30.0


def copy_site(site: Path, to: Path) -> None:
    for part in ["articles", "templates", "i18n", "static", "translations"]:
        if (site / part).exists():
            shutil.copytree(site / part, to / part)
    shutil.copy(site / "site.toml", to / "site.toml")


def start_server(binary: Path, root: Path) -> tuple[subprocess.Popen, str, list[str]]:
    server = subprocess.Popen(
        [str(binary), "--root", str(root), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    started = time.monotonic()
    assert server.stdout is not None
    while time.monotonic() - started < 600:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server stopped before serving")
        lines.append(line.strip())
        match = re.search(r"serving at http://([^/]+)/", line)
        if match:
            threading.Thread(target=collect, args=(server.stdout, lines), daemon=True).start()
            return server, match.group(1), lines
    raise SystemExit("the server did not start in time")


def collect(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line.strip())


def listen(address: str, events: queue.Queue) -> None:
    host, port = address.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=DEADLINE)
    sock.sendall(f"GET /__livereload HTTP/1.0\r\nHost: {address}\r\n\r\n".encode())
    sock.settimeout(None)
    name = ""
    for raw in sock.makefile("r", encoding="utf-8"):
        line = raw.rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            events.put((time.perf_counter(), name, line[5:].strip()))


def get(address: str, path: str) -> str:
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=DEADLINE) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n".encode())
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def wait_for(events: queue.Queue, name: str, text: str) -> float:
    limit = time.monotonic() + DEADLINE
    while time.monotonic() < limit:
        try:
            at, event, data = events.get(timeout=max(0.0, limit - time.monotonic()))
        except queue.Empty:
            break
        if event == name and text in data:
            return at
    raise SystemExit(f"no `{name}` event with {text!r} in {DEADLINE} s")


def find_articles_dir(path: Path) -> Path:
    """The `articles` folder that holds `path`."""
    return next(p for p in path.parents if p.name == "articles")


def edit(path: Path, kind: str, i: int) -> str:
    text = path.read_text(encoding="utf-8")
    marker = f"Benchmark edit {i} done"
    if kind == "body":
        new = text.rstrip("\n") + f"\n\n{marker}.\n"
    elif kind == "symptoms":
        # One more symptom, from the vocabulary, that the article does not have yet; the marker
        # goes into the body so the page shows the edit.
        line = re.search(r"(?m)^symptoms = \[(.*)\]$", text)
        if not line:
            raise SystemExit(f"{path} has no one-line symptoms list")
        slugs = re.findall(r"(?m)^\[([a-z0-9-]+)\]$", (find_articles_dir(path) / "symptoms.toml").read_text())
        have = set(re.findall(r'"([^"]+)"', line.group(1)))
        extra = next(s for s in slugs if s not in have)
        new = text.replace(line.group(0), f'symptoms = ["{extra}", {line.group(1)}]', 1)
        new = new.rstrip("\n") + f"\n\n{marker}.\n"
    else:
        new, n = re.subn(rf'(?m)^{kind} = ".*"$', f'{kind} = "{marker}."', text, count=1)
        if n != 1:
            raise SystemExit(f"{path} has no one-line {kind}")
    started = time.perf_counter()
    path.write_text(new, encoding="utf-8")
    return marker, started


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return (f"{name:>6}: median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   "
            f"min {ms[0]:7.1f} ms   max {ms[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="site folder (copied, never edited)")
    parser.add_argument("--edits", type=int, default=20, help="edits to time (default 20)")
    parser.add_argument("--kind", choices=["body", "description", "title", "symptoms"], default="body")
    parser.add_argument("--binary", type=Path, default=None,
                        help="the program (default: built by cargo build --release, where cargo puts it)")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    args = parser.parse_args()
    args.binary = args.binary or built_program()
    with tempfile.TemporaryDirectory(prefix="hkb-serve-bench-") as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        copy_site(args.site, root)
        articles = sorted(p for p in (root / "articles").rglob("*.md"))
        started = time.perf_counter()
        server, address, lines = start_server(args.binary, root)
        startup = time.perf_counter() - started
        try:
            events: queue.Queue = queue.Queue()
            threading.Thread(target=listen, args=(address, events), daemon=True).start()
            wait_for(events, "hello", "version")
            time.sleep(1.0)
            to_event, to_page, cpu_to_event, cpu_total = [], [], [], []
            step = max(1, len(articles) // args.edits)
            for i in range(args.edits):
                path = articles[(i * step) % len(articles)]
                key = path.relative_to(root / "articles").as_posix()
                page = key[: -len(".md")].lower() + "/index.html"
                c0 = cpu_seconds(server.pid)
                marker, t0 = edit(path, args.kind, i)
                t1 = wait_for(events, "reload", f'"{page}"')
                c1 = cpu_seconds(server.pid)
                body = get(address, "/" + page[: -len("index.html")])
                t2 = time.perf_counter()
                if marker not in body:
                    raise SystemExit(f"the page {page} does not show edit {i}")
                to_event.append(t1 - t0)
                to_page.append(t2 - t0)
                time.sleep(args.pause)
                cpu_to_event.append(c1 - c0)
                cpu_total.append(cpu_seconds(server.pid) - c0)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        rebuilt = [l for l in lines if l.startswith("rebuilt ") or l.startswith("built ")]
    print(f"site: {args.site} ({len(articles)} articles), {args.edits} {args.kind} edits")
    print(f"server start (first build, serving): {startup:.2f} s; {rebuilt[0] if rebuilt else ''}")
    print(summary("event", to_event))
    print(summary("page", to_page))
    # CPU time is what the server did, whatever else the machine was doing: compare it when the
    # wall times were disturbed. "cpu" is from the save to the reload event; "cpu+" adds the
    # generated files (search index, finder data) made after the reload, until the next edit.
    print(summary("cpu", cpu_to_event))
    print(summary("cpu+", cpu_total))
    for line in rebuilt[1:4]:
        print(f"  server: {line}")


if __name__ == "__main__":
    sys.exit(main())
