"""Live preview: seconds from saving a site file to its page being updated.

    .venv/bin/python bench/preview.py [--sites 100]

Starts `mkdocs serve` (French) on 127.0.0.1 over synthetic content, changes
one site's summary, and polls the page until the new words appear.
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

import synthetic


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, words: str, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if words in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.1)
    raise TimeoutError(f"{words!r} not on {url} after {limit} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty (rebuild changed pages only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qic-preview-") as work:
        content = synthetic.generate(Path(work) / "content", args.sites)
        port = free_port()
        env = {**os.environ, "QIC_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                                   "--watch", str(content), *(["--dirty"] if args.dirty else [])],
                                  cwd=REPO, env=env, stdout=open(Path(work) / "serve.log", "w"), stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/sites/site-00000/"
            first = wait_for(url, "Quartier synthétique 0", 600)
            print(f"first build served after {first:.1f} s")
            times = []
            for edit in range(args.edits):
                file = content / "sites" / "site-00000.yml"
                marker = f"Modification {edit} enregistrée"
                text = file.read_text(encoding="utf-8")
                file.write_text(text.replace("summary: {fr: \"", f"summary: {{fr: \"{marker}. ", 1), encoding="utf-8")
                times.append(wait_for(url, marker, 120))
                print(f"edit {edit + 1}: page updated after {times[-1]:.1f} s", flush=True)
            print(f"N = {args.sites}: save → updated page, median {sorted(times)[len(times) // 2]:.1f} s")
            builds = re.findall(r"Documentation built in ([0-9.]+) seconds", (Path(work) / "serve.log").read_text())
            print("rebuilds as timed by MkDocs: " + ", ".join(f"{float(b):.1f} s" for b in builds[1:]))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
