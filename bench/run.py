"""Benchmark of the whole bilingual build against plain Material.

    .venv/bin/python bench/run.py                 # N = 10, 100, 1000
    .venv/bin/python bench/run.py --sizes 10 100 1000 3000 --runs 3
    .venv/bin/python bench/run.py --sizes 10 --runs 1 --no-write   # the quick check the tests run

For each N it generates synthetic content (bench/synthetic.py), then times,
runs interleaved (ours, French alone, baseline, baseline without search, ours,
…) so that a slower moment of the machine does not fall on one side only, the
median of --runs runs (at least 5 for N <= 100, whose figures are noisier):
- ours: `python -m macros.build` (validation, both languages in parallel, each
  with its Pagefind search index);
- French alone: the same build of one language (`--only fr`), to see
  what the second language costs;
- baseline: plain Material building the very same pages, given as
  already-rendered Markdown files (no YAML, no macros, no hooks), with the
  same navigation, both languages in parallel as well, with Material's own
  search (on by default: the site is searchable, as ours is);
- baseline without search: the same with Material's search plugin off, the
  strictest comparison.
It reports the ratios, the growth from one N to the next, peak memory (the
largest single build process), the size of the built site, the compressed size
of a site page, and where ours spends its time. Results go to bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from markupsafe import escape

REPO = Path(__file__).resolve().parent.parent

import synthetic

from macros.content import load_catalogue
from macros.pages import generated_pages, site_order

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_DATE": "2026-11-30"}


def ours(content: Path, out: Path, only: str | None = None) -> tuple[float, str]:
    """Wall time of the real build (or of one language alone), and its own account of its steps."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "macros.build", "--content", str(content), "--out", str(out),
                           "--quiet", *(["--only", only] if only else [])],
                          cwd=REPO, env={**ENV, "QIC_CONTENT": str(content)}, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"the build failed:\n{done.stdout}\n{done.stderr}")
    steps = next((line.removeprefix("Durées : ") for line in done.stdout.splitlines()
                  if line.startswith("Durées : ")), "")
    return elapsed, steps


def baseline_tree(content: Path, work: Path) -> dict[str, list[Path]]:
    """Docs folders for plain Material (the same pages, pre-rendered) and its configs,
    with its search plugin ("with") and without ("without"), one per language."""
    catalogue = load_catalogue(content, content.parent)
    configs: dict[str, list[Path]] = {"with": [], "without": []}
    for lang, config_file in (("fr", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
        docs = work / f"docs-{lang}"
        shutil.copytree(REPO / "docs" / lang, docs)
        for page in docs.rglob("*.md"):  # the macros' output is not what is measured here
            page.write_text(re.sub(r"\{\{.*?\}\}", "", page.read_text(encoding="utf-8")), encoding="utf-8")
        ours_config = yaml.load((REPO / config_file).read_text(encoding="utf-8"), Loader=_Loader)
        parent = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
        merged = {**parent, **ours_config}
        merged.pop("INHERIT", None)
        toc = next(ext["toc"] for ext in merged["markdown_extensions"] if isinstance(ext, dict) and "toc" in ext)
        for page in generated_pages(catalogue, lang, dt.date(2026, 11, 30), toc.get("permalink_title", "")):
            # the page as a Markdown file written by hand would give it: front matter and
            # the body (HTML is Markdown too), which plain MkDocs then converts
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            meta = {"title": str(escape(page.title)), "description": str(escape(page.description))}
            target.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n{page.html}", encoding="utf-8")
        nav = merged["nav"]
        listed = len(catalogue.sites) <= parent["extra"]["sites_in_nav"]  # the same menu as ours
        for item in nav:
            for section in item.values() if isinstance(item, dict) else []:
                if isinstance(section, list) and "sites/index.md" in section and listed:
                    section[:] = ["sites/index.md"] + [f"sites/{k}.md" for k in site_order(catalogue)]
        config = {
            "site_name": merged["site_name"], "docs_dir": str(docs), "site_dir": str(work / f"site-{lang}"),
            # MkDocs' INHERIT merges the theme settings key by key: do the same
            "theme": {**parent["theme"], **ours_config.get("theme", {}), "custom_dir": str(REPO / "overrides")},
            "extra": {k: v for k, v in merged["extra"].items() if k == "alternate"},
            "extra_css": merged["extra_css"], "extra_javascript": parent["extra_javascript"],
            "markdown_extensions": merged["markdown_extensions"], "nav": nav,
            "not_in_nav": parent["not_in_nav"] + ("" if listed else "/sites/site-*.md\n"),
        }
        for variant, plugins in (("with", ["search"]), ("without", [])):
            path = work / f"baseline-{lang}-{variant}.yml"
            path.write_text(yaml.safe_dump({**config, "plugins": plugins}, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            configs[variant].append(path)
    return configs


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: "")


def baseline(configs: list[Path]) -> float:
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)], cwd=REPO, env=ENV,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in configs]
    for process in processes:
        _, err = process.communicate()
        if process.returncode:
            raise RuntimeError(err.decode())
    return time.perf_counter() - started


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def runs_for(n: int, runs: int) -> int:
    """Small sizes are quick and their figures noisy: a real measurement (3 runs
    or more) makes at least 5 there."""
    return max(runs, 5) if n <= 100 and runs >= 3 else runs


def measure(n: int, runs: int, work: Path) -> dict:
    content = synthetic.generate(work / "content", n)
    out = work / "site"
    configs = baseline_tree(content, work)
    times: dict[str, list[float]] = {"ours": [], "french": [], "with": [], "without": []}
    steps = []
    for _ in range(runs_for(n, runs)):  # interleaved: a slow moment of the machine hits every side
        elapsed, account = ours(content, out)
        times["ours"].append(elapsed)
        steps.append((elapsed, account))
        times["french"].append(ours(content, work / "site-fr", only="fr")[0])
        times["with"].append(baseline(configs["with"]))
        times["without"].append(baseline(configs["without"]))
    page = out / "sites" / "site-00000" / "index.html"
    median = statistics.median(times["ours"])
    return {
        "n": n,
        "runs": runs_for(n, runs),
        "ours": median,
        "french": statistics.median(times["french"]),
        "baseline": statistics.median(times["with"]),
        "baseline_bare": statistics.median(times["without"]),
        "steps": min(steps, key=lambda item: abs(item[0] - median))[1],  # the median run's account
        "site_mb": size_of(out) / 1e6,
        "page_kb": len(page.read_bytes()) / 1e3,
        "page_gz_kb": len(gzip.compress(page.read_bytes())) / 1e3,
        "search_kb": size_of(out / "pagefind") / 1e3,
        "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3,
    }


def machine() -> str:
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cœurs ({cpu}), Python {platform.python_version()}"


def report(rows: list[dict]) -> str:
    lines = [
        "| N sites | runs | ours (s) | baseline (s) | ours / baseline | baseline without search (s) "
        "| ours / baseline without search | French alone (s) | both / French alone | growth vs previous N "
        "| peak memory, one build (MB) | site (MB) | site page (KB, gzip) | search index, all (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in rows:
        growth = f"{row['ours'] / previous['ours']:.1f}× for {row['n'] // previous['n']}× N" if previous else "—"
        lines.append(f"| {row['n']} | {row['runs']} | {row['ours']:.1f} | {row['baseline']:.1f} "
                     f"| {row['ours'] / row['baseline']:.2f} | {row['baseline_bare']:.1f} "
                     f"| {row['ours'] / row['baseline_bare']:.2f} | {row['french']:.1f} "
                     f"| {row['ours'] / row['french']:.2f} | {growth} | {row['peak_mb']:.0f} | {row['site_mb']:.1f} "
                     f"| {row['page_gz_kb']:.1f} | {row['search_kb']:.0f} |")
        previous = row
    accounts = "\n".join(f"- N = {row['n']}: {row['steps']}" for row in rows)
    return ("\n".join(lines) + f"\n\nMedians, runs interleaved. Machine: {machine()}.\n\n"
            "Where ours spends its time (the build's own account, median run; `pages` is the whole MkDocs "
            f"build of one language, `recherche` its Pagefind index):\n\n{accounts}\n")


BEGIN, END = "<!-- bench/run.py: start -->", "<!-- bench/run.py: end -->"


def write_results(table: str, command: str) -> None:
    """Put the measured table between the markers of bench/RESULTS.md; the text
    around it (targets, analysis) is written by hand and kept."""
    results = REPO / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else f"# Benchmark results\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    results.write_text(f"{before}{BEGIN}\nRun of {stamp} (`{command}`).\n\n{table}{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only, do not update bench/RESULTS.md")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="qic-bench-") as work:
            row = measure(n, args.runs, Path(work))
        rows.append(row)
        print(f"N={n}: ours {row['ours']:.1f} s, French alone {row['french']:.1f} s, baseline {row['baseline']:.1f} s "
              f"(ratio {row['ours'] / row['baseline']:.2f}), baseline without search {row['baseline_bare']:.1f} s "
              f"(ratio {row['ours'] / row['baseline_bare']:.2f}), site {row['site_mb']:.1f} MB, "
              f"page {row['page_gz_kb']:.1f} KB gzip", flush=True)
    table = report(rows)
    print(table)
    if not args.no_write:
        write_results(table, f"bench/run.py --sizes {' '.join(map(str, args.sizes))} --runs {args.runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
