"""Each page template, rendered from a small fixed content folder, against a golden file.

tests/golden/content/ holds a few records (two sites, one of them in Québec, an
event, a resource, a contact, a history step), copied from content/ and trimmed
so that every reference stays inside the folder (some publishers changed for
that): a fixture for the templates, never published. tests/golden/<lang>/ the HTML
each generated page must be. A change to a template shows here as a diff to
read; when it is intended, `pytest tests/test_page_templates.py --update-golden`
rewrites the files, and the diff is committed with the change.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO

from macros.content import load_catalogue
from macros.history import Change, History, RecordDates, Release
from macros.pages import generated_pages

GOLDEN = REPO / "tests" / "golden"
TODAY = dt.date(2026, 11, 30)


def _at(day: str, commit: str, status: str = "M") -> Change:
    return Change(commit, dt.datetime.fromisoformat(day + "T10:00:00+00:00"), status)


# a fixed Git history of the fixture content (the dates, the « Nouveautés » page):
# a release v1.0 holding commits a and b, then commit c, not released yet
HISTORY = History(
    records={("sites", "lievin"): RecordDates([_at("2026-11-20", "c"), _at("2026-10-01", "a", "A")]),
             ("events", "immersion-montreal-2022"): RecordDates([_at("2026-10-05", "b", "A")]),
             ("resources", "page-irev-territoire-impact-collectif"): RecordDates([_at("2026-10-01", "a", "A")]),
             ("contacts", "christine-duval"): RecordDates([_at("2026-10-01", "a", "A")])},
    releases=[Release("v1.0", "b", dt.datetime(2026, 10, 6, tzinfo=dt.timezone.utc))],
    release_of={"a": "v1.0", "b": "v1.0"}, top=GOLDEN, prefix="content")


def rendered(lang: str) -> dict[str, str]:
    catalogue = load_catalogue(GOLDEN / "content", GOLDEN, TODAY)
    return {page.path.removesuffix(".md") + ".html": page.html
            for page in generated_pages(catalogue, lang, TODAY, "Lien permanent", history=HISTORY)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_generated_page_matches_its_golden_file(request, lang):
    pages = rendered(lang)
    folder = GOLDEN / lang
    if request.config.getoption("--update-golden"):
        for old in folder.rglob("*.html"):
            old.unlink()
        for path, html in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(html, encoding="utf-8")
    expected = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run with --update-golden"
    for path, html in pages.items():
        assert html == expected[path], f"{lang}/{path} differs from its golden file (--update-golden to accept)"


def test_the_fixture_content_is_valid_and_covers_each_kind():
    catalogue = load_catalogue(GOLDEN / "content", GOLDEN, TODAY)
    assert all(catalogue.entries[kind] for kind in catalogue.entries)
    assert {site.kind for site in catalogue.sites.values()} >= {"pilote", "inspiration"}


def test_links_follow_the_url_style_mkdocs_is_given():
    """Templates get their way up to the root from the page's address, not a written "../":
    with `use_directory_urls: false` a site page is sites/lievin.html, one level deep."""
    from macros.pages import page_root
    assert [page_root(p) for p in ("sites/lievin.md", "sites/index.md", "calendrier/index.md")] == \
        ["../../", "../", "../"]
    assert [page_root(p, directory_urls=False) for p in ("sites/lievin.md", "sites/index.md")] == ["../", "../"]
    catalogue = load_catalogue(GOLDEN / "content", GOLDEN, TODAY)
    flat = {page.path: page.html for page in generated_pages(catalogue, "fr", TODAY, directory_urls=False)}
    assert 'href="../histoire/' in flat["sites/lievin.md"] and "../../" not in flat["sites/lievin.md"]
