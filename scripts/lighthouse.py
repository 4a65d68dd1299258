"""Serve site/ compressed on 127.0.0.1 and measure pages with Lighthouse.

Run through scripts/lighthouse.sh, which installs Lighthouse. For each page:
the bytes transferred (gzip, as GitHub Pages serves them), the number of
requests, and Lighthouse's four scores with the desktop preset.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = ["", "sites/chateau-thierry/", "en/", "en/sites/chateau-thierry/"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".vcf", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the client accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lighthouse", required=True)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "LIGHTHOUSE.md")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(GzipHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    flags = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
             "--disable-component-update --disable-sync")
    try:
        for page in PAGES:
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "report.json"
                subprocess.run([args.lighthouse, base + page, "--preset=desktop", "--quiet",
                                "--only-categories=performance,accessibility,best-practices,seo",
                                "--output=json", f"--output-path={report}", f"--chrome-flags={flags}"],
                               env=env, check=True)
                data = json.loads(report.read_text())
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            audits = data["audits"]
            requests = audits["network-requests"]["details"]["items"]
            rows.append({"page": "/" + page, **scores,
                         "kb": sum(r.get("transferSize", 0) for r in requests) / 1000,
                         "requests": len(requests),
                         "failed": [a["id"] for a in audits.values()
                                    if a.get("score") is not None and a["score"] < 0.9
                                    and a.get("scoreDisplayMode") in ("binary", "numeric")][:8]})
            print(rows[-1], flush=True)
    finally:
        server.shutdown()
    lines = ["| page | transferred (KB, gzip) | requests | performance | accessibility | best practices | SEO |"
             " audits below 90 |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        lines.append(f"| `{row['page']}` | {row['kb']:.1f} | {row['requests']} | {row['performance']} "
                     f"| {row['accessibility']} | {row['best-practices']} | {row['seo']} "
                     f"| {', '.join(row['failed']) or '—'} |")
    missed = [f"{row['page']} {k} {row[k]} < {v}" for row in rows for k, v in TARGETS.items() if row[k] < v]
    text = (f"# Lighthouse\n\nRun of {dt.date.today().isoformat()} (`bash scripts/lighthouse.sh`), "
            "Lighthouse 12.2.3, desktop preset, Debian's Chromium, site served gzip-compressed on 127.0.0.1.\n\n"
            + "\n".join(lines) + "\n\nTargets: " + ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
            + (". Missed: " + "; ".join(missed) if missed else ". All met.") + "\n")
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
