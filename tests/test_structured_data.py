"""The pages' JSON-LD (macros/structured.py), read by two outside tools on the
release-like build (`published`, SITE_URL set, so every address is absolute):

- extruct (Python, requirements-dev.txt) extracts it from every page without error, with
  the schema.org types each representative page is expected to carry;
- structured-data-testing-tool (Node.js, installed into .tools/ by scripts/test.sh) checks
  it with its Google preset and reports no failed test (warnings are printed, not failed).

structured-data-testing-tool reads a JSON-LD block by its top-level "@type" only: it does
not open "@graph", so on the pages as published it finds no schema.org type and runs no
test at all (a pass that proves nothing). Each node of the page's "@graph" is therefore
given to it as a block of its own, with the page's "@context": the same statements
(JSON-LD reads a graph's nodes and separate top-level nodes alike), in a form it reads.
Its Google preset has rules for WebPage, Organization, ClaimReview and the Article and
SocialMediaPosting families; the site's other types (WebSite, Event, Place, Dataset,
CreativeWork, BreadcrumbList) are found and counted, without rules of Google's to apply.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import extruct
from conftest import REPO, SITE_URL

SDTT = REPO / ".tools" / "node_modules" / "structured-data-testing-tool" / "bin" / "cli.js"

# a representative page of each kind, in both languages, and the types its JSON-LD has
EXPECTED = {
    "index.html": {"WebSite"},
    "en/index.html": {"WebSite"},
    "sites/lievin/index.html": {"Place", "BreadcrumbList"},
    "en/sites/kahnawake/index.html": {"Place", "BreadcrumbList"},
    "calendrier/index.html": {"Event", "BreadcrumbList"},
    "en/calendrier/index.html": {"Event", "BreadcrumbList"},
    "ressources/index.html": {"CreativeWork", "BreadcrumbList"},
    "en/ressources/index.html": {"CreativeWork", "BreadcrumbList"},
    "donnees/index.html": {"Dataset", "BreadcrumbList"},
    "en/donnees/index.html": {"Dataset", "BreadcrumbList"},
    "contacts/index.html": {"Organization", "BreadcrumbList"},
    "en/contacts/index.html": {"Organization", "BreadcrumbList"},
    "approche/conditions/index.html": {"BreadcrumbList"},
    "en/approche/preconditions/index.html": {"BreadcrumbList"},
}
# pages without JSON-LD: the error pages, which have no address of their own
WITHOUT = {"404.html", "en/404.html"}


def _pages(published: Path) -> list[str]:
    return sorted(path.relative_to(published).as_posix() for path in published.rglob("*.html"))


def _address(page: str) -> str:
    return SITE_URL + (page.removesuffix("index.html") if page.endswith("index.html") else page)


def _extract(published: Path, page: str) -> list[dict]:
    """The page's JSON-LD blocks, as extruct reads them (errors raise)."""
    html = (published / page).read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=_address(page), syntaxes=["json-ld"], uniform=True, errors="strict")
    return data["json-ld"]


def _nodes(blocks: list[dict]) -> list[dict]:
    return [node for block in blocks for node in block.get("@graph", [block])]


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    return {kind} if isinstance(kind, str) else set(kind or ())


def test_extruct_reads_every_page(published):
    """Every page but the error pages has one JSON-LD block that extruct reads, with
    schema.org as its context and a type on each node; the representative pages have
    exactly the expected types."""
    pages = _pages(published)
    assert set(EXPECTED) <= set(pages)
    problems = []
    for page in pages:
        blocks = _extract(published, page)
        if page in WITHOUT:
            if blocks:
                problems.append(f"{page}: JSON-LD on an error page")
            continue
        if len(blocks) != 1:
            problems.append(f"{page}: {len(blocks)} JSON-LD blocks")
            continue
        if blocks[0].get("@context") != "https://schema.org":
            problems.append(f"{page}: @context {blocks[0].get('@context')!r}")
        nodes = _nodes(blocks)
        if not nodes or any(not _types(node) for node in nodes):
            problems.append(f"{page}: a node without @type in {nodes!r}")
        if page in EXPECTED:
            found = set().union(*map(_types, nodes)) if nodes else set()
            if found != EXPECTED[page]:
                problems.append(f"{page}: types {sorted(found)}, expected {sorted(EXPECTED[page])}")
    assert not problems, "\n".join(problems)


def _sdtt(file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(SDTT), "--file", str(file), "--presets", "Google"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"})


def _results(output: str) -> dict[str, int]:
    counts = dict(re.findall(r"^\s*(Passed|Warnings|Failed): (\d+)", output, re.MULTILINE))
    return {name: int(number) for name, number in counts.items()}


def test_structured_data_testing_tool_google_preset(published, tmp_path):
    """structured-data-testing-tool, Google preset: no failed test on any page with JSON-LD."""
    assert SDTT.exists(), f"{SDTT} is missing: scripts/test.sh installs it into .tools/"
    files = {}
    for page in _pages(published):
        blocks = _extract(published, page)
        if not blocks:
            continue
        context = blocks[0]["@context"]
        scripts = "".join(f'<script type="application/ld+json">'
                          f'{json.dumps({"@context": context, **node}, ensure_ascii=False)}</script>'
                          for node in _nodes(blocks))
        file = tmp_path / (page.replace("/", "_"))
        file.write_text(f"<!doctype html><html><head>{scripts}</head><body></body></html>", encoding="utf-8")
        files[page] = file
    assert set(EXPECTED) <= set(files)
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = dict(zip(files, pool.map(_sdtt, files.values()), strict=True))
    problems, warned = [], []
    for page, run in runs.items():
        counts = _results(run.stdout)
        output = run.stdout + run.stderr
        if run.returncode != 0 or set(counts) != {"Passed", "Warnings", "Failed"} or counts["Failed"]:
            problems.append(f"--- {page} (exit {run.returncode}, {counts})\n{output}")
        elif not counts["Passed"]:
            problems.append(f"--- {page}: no test run, the tool found no schema.org type\n{output}")
        elif counts["Warnings"]:
            warned.append(f"--- {page} ({counts})\n{output}")
    if warned:
        print("structured-data-testing-tool warnings:\n" + "\n".join(warned))
    assert not problems, "structured-data-testing-tool found errors:\n" + "\n".join(problems)
