"""Serve site/ compressed on 127.0.0.1 and measure pages with Lighthouse.

Run through scripts/lighthouse.sh, which installs Lighthouse. For each page:
the bytes transferred (gzip, as GitHub Pages serves them), the number of
requests, and Lighthouse's four scores with its mobile settings (a mid-range
phone, throttled CPU and a slow 4G network, simulated), or `--preset desktop`.
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
# one page of each kind, both languages: home, a site, the calendar, the resources,
# the approach, the timeline (« Histoire apprenante »), the form, « Ce qui manque »
KINDS = ["", "sites/chateau-thierry/", "calendrier/", "ressources/", "approche/", "histoire/", "proposer/",
         "a-completer/"]
PAGES = KINDS + ["en/" + page for page in KINDS]
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


FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def lighthouse(command: str, url: str, preset: str, env: dict) -> dict:
    """One Lighthouse run: the four scores, the weight, and the metrics behind performance."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([command, url, *(["--preset=desktop"] if preset == "desktop" else []), "--quiet",
                        "--only-categories=performance,accessibility,best-practices,seo",
                        "--output=json", f"--output-path={report}", f"--chrome-flags={FLAGS}"],
                       env=env, check=True)
        data = json.loads(report.read_text())
    audits = data["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {**{k: round(v["score"] * 100) for k, v in data["categories"].items()},
            "kb": sum(r.get("transferSize", 0) for r in requests) / 1000,
            "requests": len(requests),
            "metrics": ", ".join(f"{name} {audits[key]['displayValue']}" for key, name in METRICS.items()),
            "failed": [a["id"] for a in audits.values()
                       if a.get("score") is not None and a["score"] < 0.9
                       and a.get("scoreDisplayMode") in ("binary", "numeric")][:8]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lighthouse", required=True)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "LIGHTHOUSE.md")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median score is kept")
    parser.add_argument("--pages", nargs="+", default=PAGES, metavar="PATH",
                        help="paths under the site's root, e.g. calendrier/ en/calendrier/ (default: one of each kind)")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(GzipHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    try:
        for page in args.pages:
            runs = sorted((lighthouse(args.lighthouse, base + page, args.preset, env)
                           for _ in range(args.runs)), key=lambda run: run["performance"])
            rows.append({"page": "/" + page, **runs[len(runs) // 2],
                         "spread": f"{runs[0]['performance']}–{runs[-1]['performance']}"})
            print(rows[-1], flush=True)
    finally:
        server.shutdown()
    lines = ["| page | transferred (KB, gzip) | requests | performance (runs) | accessibility | best practices "
             "| SEO | metrics (median run) | audits below 90 |", "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for row in rows:
        lines.append(f"| `{row['page']}` | {row['kb']:.1f} | {row['requests']} | {row['performance']} "
                     f"({row['spread']}) | {row['accessibility']} | {row['best-practices']} | {row['seo']} "
                     f"| {row['metrics']} | {', '.join(row['failed']) or '—'} |")
    missed = [f"{row['page']} {k} {row[k]} < {v}" for row in rows for k, v in TARGETS.items() if row[k] < v]
    settings = ("mobile settings (simulated mid-range phone: 4× slower CPU, slow 4G)" if args.preset == "mobile"
                else "desktop preset")
    text = (f"# Lighthouse\n\nRun of {dt.date.today().isoformat()} (`bash scripts/lighthouse.sh"
            f"{' --preset desktop' if args.preset == 'desktop' else ''}`), Lighthouse 12.2.3, {settings}, "
            f"median of {args.runs} runs per page, Debian's Chromium, site served gzip-compressed on 127.0.0.1.\n\n"
            + "\n".join(lines) + "\n\nTargets: " + ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
            + (". Missed: " + "; ".join(missed) if missed else ". All met.") + "\n")
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
