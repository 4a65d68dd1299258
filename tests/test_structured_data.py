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
import subprocess
from pathlib import Path

import extruct
from conftest import REPO, SITE_URL

SDTT = REPO / ".tools" / "node_modules" / "structured-data-testing-tool"  # its package, used through its API

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


# every page in one Node.js process, through the tool's own API (its command line starts
# Node.js again for each page: 60 starts), with the Google preset as its --presets Google
_RUN_ALL = """
const { structuredDataTest } = require(process.argv[1]);
const presets = require(process.argv[2]);
const pages = JSON.parse(require("fs").readFileSync(0, "utf-8"));
(async () => {
  const out = {};
  for (const [name, html] of Object.entries(pages)) {
    let result;
    try { result = await structuredDataTest(html, {presets: [presets.Google]}); }
    catch (error) {
      if (error.type !== "VALIDATION_FAILED") { out[name] = {error: String(error)}; continue; }
      result = error.res;
    }
    out[name] = {Passed: result.passed.length, Warnings: result.warnings.length, Failed: result.failed.length,
                 failed: result.failed.map(test => test.description + " " + (test.error && test.error.message || ""))};
  }
  console.log(JSON.stringify(out));
})();
"""
# a page that must fail: an Article without the properties Google asks for, so that a run
# where the tool checks nothing (or is read wrongly) cannot pass
_BAD_ARTICLE = {"@context": "https://schema.org", "@type": "Article", "name": "x"}


def _sdtt(pages: dict[str, str]) -> dict[str, dict]:
    done = subprocess.run(["node", "-e", _RUN_ALL, str(SDTT / "index.js"), str(SDTT / "presets.js")],
                          input=json.dumps(pages), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_structured_data_testing_tool_google_preset(published):
    """structured-data-testing-tool, Google preset: no failed test on any page with JSON-LD."""
    assert (SDTT / "index.js").exists(), f"{SDTT} is missing: scripts/test.sh installs it into .tools/"
    pages = {}
    for page in _pages(published):
        blocks = _extract(published, page)
        if not blocks:
            continue
        context = blocks[0]["@context"]
        scripts = "".join(f'<script type="application/ld+json">'
                          f'{json.dumps({"@context": context, **node}, ensure_ascii=False)}</script>'
                          for node in _nodes(blocks))
        pages[page] = f"<!doctype html><html><head>{scripts}</head><body></body></html>"
    assert set(EXPECTED) <= set(pages)
    bad = f'<!doctype html><html><head><script type="application/ld+json">{json.dumps(_BAD_ARTICLE)}</script>'
    runs = _sdtt({**pages, "(bad article)": bad + "</head><body></body></html>"})
    assert runs.pop("(bad article)").get("Failed"), "the tool failed nothing on a deliberately bad Article"
    problems, warned = [], []
    for page, counts in runs.items():
        if "error" in counts or counts["Failed"]:
            problems.append(f"--- {page}: {counts}")
        elif not counts["Passed"]:
            problems.append(f"--- {page}: no test run, the tool found no schema.org type")
        elif counts["Warnings"]:
            warned.append(f"--- {page}: {counts}")
    if warned:
        print("structured-data-testing-tool warnings:\n" + "\n".join(warned))
    assert set(runs) == set(pages) and not problems, \
        "structured-data-testing-tool found errors:\n" + "\n".join(problems)
