"""Full strict builds of both languages, from the real content and from changed copies."""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_build


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The page's text, French typography undone (’ and no-break spaces, 1<sup>er</sup>:
    tests/test_typography.py checks them), to compare with the content as written."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?sup>", "", markup)))
    return text.replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")


def site_files():
    return sorted((REPO / "content" / "sites").glob("*.yml"))


@pytest.mark.parametrize("file", site_files(), ids=lambda f: f.stem)
def test_every_site_has_a_page_in_both_languages_with_its_facts(site, file):
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    name = data["name"] if isinstance(data["name"], str) else data["name"]["fr"]
    for lang, prefix in (("fr", ""), ("en", "en/")):
        markup = page(site, f"{prefix}sites/{file.stem}/index.html")
        assert f'<html lang="{lang}"' in markup
        body = text_of(markup)
        shown = name if lang == "fr" or isinstance(data["name"], str) else data["name"]["en"]
        assert f"{shown}" in body
        # the page's own title and description (front matter) reach <head>
        title = text_of(re.search(r"<title>(.*?)</title>", markup).group(1))
        assert title.startswith(shown + " - ")
        described = html.unescape(re.search(r'<meta name="description" content="([^"]*)"', markup).group(1))
        assert described.split()[0] == (data["summary"][lang].split()[0] if data.get("summary") else shown.split()[0])
        assert data["region"] in body
        for field in ("commune", "departement"):
            if data.get(field):
                assert data[field] in body
        if data.get("summary"):
            first_words = data["summary"][lang].split()[:6]
            assert " ".join(first_words) in " ".join(body.split())
        # the site is in the sites index of that language
        assert f'href="{file.stem}/"' in page(site, f"{prefix}sites/index.html")


def test_site_page_edit_link_opens_its_yaml(site):
    markup = page(site, "sites/lievin/index.html")
    assert 'href="https://github.com/exemple/qic/edit/main/content/sites/lievin.yml"' in markup
    markup = page(site, "en/sites/lievin/index.html")
    assert 'href="https://github.com/exemple/qic/edit/main/content/sites/lievin.yml"' in markup
    assert 'edit/main/docs/en/approche/conditions.md"' in page(site, "en/approche/conditions/index.html")


def test_contacts_appear_in_both_languages(site):
    for prefix in ("", "en/"):
        body = text_of(page(site, f"{prefix}contacts/index.html"))
        for name in ("Christine Duval", "Frédéric Frénard", "Myriam Bérubé"):
            assert name in body
        word = "arobase" if prefix == "" else "at"
        # readable without JavaScript, but not as an address a harvester's pattern finds
        assert f"christine.duval [{word}] anct.gouv.fr" in " ".join(body.split())
        assert f"frederic.frenard [{word}] resovilles.com" in " ".join(body.split())
        markup = page(site, f"{prefix}contacts/index.html")
        assert "@anct.gouv.fr" not in markup and "@resovilles.com" not in markup
        assert "frédéric.frenard" not in body  # the invalid form from one source is never published


SOURCE_URLS = [
    "https://www.tamarackcommunity.ca/fr-ca/francophone-de-tamarack",
    "https://fonda.asso.fr/system/files/fichiers/canaliser_le_changement.pdf",
    "https://f3e.asso.fr/boite-a-outils/",
    "https://www.fonda.asso.fr/ressources/guide-methodologique-du-faire-ensemble",
    "https://anctv.anct.gouv.fr/Aides-et-services-aux-habitants/9150c2ff13.html",
    "https://www.lagazettedescommunes.com/972597/quand-lunion-fait-la-force-pour-que-ca-bouge-dans-les-quartiers-defavorises/",
]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_resource_url_from_the_sources_is_linked(site, prefix):
    markup = page(site, f"{prefix}ressources/index.html")
    for url in SOURCE_URLS:
        assert f'href="{url}"' in markup, url


@pytest.mark.parametrize("prefix, dates", [
    ("", ["avril 2022", "de mai 2022 à février 2023", "octobre 2022", "d'octobre 2022 à mai 2023",
          "30 septembre et 1er octobre 2025", "d'octobre 2025 à juin 2026"]),
    ("en/", ["April 2022", "May 2022 to February 2023", "October 2022", "October 2022 to May 2023",
             "30 September and 1 October 2025", "October 2025 to June 2026"]),
])
def test_timeline_and_calendar_dates_in_each_language(site, prefix, dates):
    history = text_of(page(site, f"{prefix}histoire/index.html"))
    calendar = text_of(page(site, f"{prefix}calendrier/index.html"))
    for date in dates:
        assert date in history or date in calendar, date
    assert "Marseille" in calendar


def test_calendar_says_plainly_that_nothing_is_upcoming(site):
    assert "Aucun événement à venir" in text_of(page(site, "calendrier/index.html"))
    assert "No upcoming event" in text_of(page(site, "en/calendrier/index.html"))


def test_each_language_has_its_own_search_index(site):
    fr = json.loads(page(site, "pagefind/pagefind-entry.json"))
    en = json.loads(page(site, "en/pagefind/pagefind-entry.json"))
    assert set(fr["languages"]) == {"fr"} and set(en["languages"]) == {"en"}
    # every page of a language is indexed in its own bundle only
    assert fr["languages"]["fr"]["page_count"] >= len(list((REPO / "content" / "sites").glob("*.yml"))) + 10
    assert en["languages"]["en"]["page_count"] == fr["languages"]["fr"]["page_count"]


def test_language_selector_leads_to_the_same_page(site):
    markup = page(site, "sites/lievin/index.html")
    assert 'href="../../en/sites/lievin/" hreflang="en"' in markup
    markup = page(site, "en/sites/lievin/index.html")
    assert 'href="../../../sites/lievin/" hreflang="fr"' in markup


@pytest.mark.parametrize("path, sections", [
    ("sites/lievin/index.html", {"fr": ["Dans le récit du programme", "Ressources", "Sources"],
                                 "en": ["In the programme's story", "Resources", "Sources"]}),
    ("calendrier/index.html", {"fr": ["Passés"], "en": ["Past"]}),  # « À venir » only when something is
])
def test_generated_pages_have_a_table_of_contents_of_their_sections(site, path, sections):
    """Generated pages skip the Markdown pass: their headings must still get anchors
    and fill the page's table of contents, as on hand-written pages."""
    for lang, prefix in (("fr", ""), ("en", "en/")):
        markup = page(site, prefix + path)
        toc = markup[markup.index('data-md-component="toc"'):]
        toc = toc[:toc.index("</nav>")]
        entries = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                             toc, re.S)
        titles = [html.unescape(title).replace("’", "'") for _, title in entries]  # as strings.yml writes them
        assert [t for t in titles if t in sections[lang]] == sections[lang], titles
        for anchor, _ in entries:  # every entry leads to a heading of the page, with its permalink
            assert re.search(rf'<h2 id="{re.escape(anchor)}">.*?<a class="headerlink" href="#{re.escape(anchor)}"',
                             markup), anchor
        assert len({a for a, _ in entries}) == len(entries)  # ids are unique


def test_navigation_labels_are_translated(site):
    assert "Histoire apprenante" in page(site, "index.html")
    assert "Learning history" in page(site, "en/index.html")


def _without_english(value):
    if isinstance(value, dict):
        return {k: _without_english(v) for k, v in value.items() if not (k == "en" and "fr" in value)}
    if isinstance(value, list):
        return [_without_english(v) for v in value]
    return value


# French shown for want of English: the wrapper, its visible label, then the French text
UNTRANSLATED = re.compile(r'<(span|div) class="qic-untranslated">(?:<span class="qic-untranslated__label">\(in French\)'
                          r'</span> <span lang="fr">|<p class="qic-untranslated__label">\(in French\)</p>'
                          r'<div lang="fr">)')


def test_missing_english_shows_french_with_a_notice_and_a_label_on_each_text(content, tmp_path):
    # every English text of a site, and of the history steps it lists, dropped: its English
    # page shows the French ones, each after a visible « (in French) » and in lang="fr"
    for file in [content / "sites" / "lievin.yml", *(content / "history").glob("*.yml")]:
        data = _without_english(yaml.safe_load(file.read_text(encoding="utf-8")))
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    markup = page(tmp_path / "out", "en/sites/lievin/index.html")
    assert "Not yet translated" in markup
    fallbacks = UNTRANSLATED.findall(markup)
    assert len(fallbacks) >= 2 and set(fallbacks) == {"span", "div"}  # short texts and blocks
    assert markup.count('class="qic-untranslated"') == len(fallbacks)  # each one labelled, in lang="fr"
    french = page(tmp_path / "out", "sites/lievin/index.html")
    assert "Traduction en cours" not in french and "qic-untranslated" not in french


def test_a_new_site_file_gets_its_pages_index_entry_and_navigation(content, tmp_path):
    (content / "sites" / "nouveau-quartier.yml").write_text(
        "name: Quartier Neuf\nkind: programme\nregion: Occitanie\ncountry: FR\n"
        "coordinates: {lat: 43.6, lon: 1.44, precision: commune}\n"
        "last_checked: 2026-11-30\nsources: [anct-approche-impacts-collectifs]\n", encoding="utf-8")
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for prefix in ("", "en/"):
        markup = page(tmp_path / "out", f"{prefix}sites/nouveau-quartier/index.html")
        assert "Quartier Neuf" in markup and "Occitanie" in markup
        assert 'href="nouveau-quartier/"' in page(tmp_path / "out", f"{prefix}sites/index.html")
        assert "nouveau-quartier/" in page(tmp_path / "out", f"{prefix}sites/lievin/index.html")  # sidebar
    # what the record does not say is gathered in one line that invites a contribution
    assert "À compléter" in text_of(page(tmp_path / "out", "sites/nouveau-quartier/index.html"))


def test_invalid_content_stops_the_build_and_keeps_the_last_good_site(content, tmp_path):
    out = tmp_path / "out"
    assert run_build(content, out).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    file = content / "sites" / "hazebrouck.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("kind: pilote", "kind: pilot"), encoding="utf-8")
    result = run_build(content, out)
    assert result.returncode == 1
    line = next(i for i, text in enumerate(file.read_text().splitlines(), 1) if text.startswith("kind:"))
    assert f"sites/hazebrouck.yml:{line}:1: kind: valeur « pilot » non reconnue" in result.stderr
    assert "vouliez-vous dire « pilote » ?" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before
    assert not list(tmp_path.glob(".*-tmp-*"))  # no half-built folder left behind


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml"])
def test_plain_mkdocs_build_is_strict_clean_and_validates(config, content, tmp_path):
    env = {**os.environ, "QIC_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / config),
               "-d", str(tmp_path / "plain")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    (content / "events" / "immersion-montreal-2022.yml").write_text("title: [\n", encoding="utf-8")
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "events/immersion-montreal-2022.yml:2:1: syntaxe YAML invalide" in result.stderr + result.stdout


def test_two_builds_of_the_same_content_are_byte_identical(site, tmp_path):
    """Reproducible output. What is meant to change between builds: the build date
    (BUILD_DATE: upcoming/past events, calendar DTSTAMP, the JSON's "generated",
    the sitemap's dates) and the release shown in the footer (RELEASE_VERSION,
    RELEASE_DATE). With those fixed, nothing else may differ: no clock time, no
    random order, no absolute path of the machine. The first build is the session's."""
    import time
    first, second = site, tmp_path / "site"
    built_at = (first.parent / "built").stat().st_mtime
    time.sleep(max(0.0, built_at + 1.5 - time.time()))  # a clock-based stamp would differ
    assert run_build(REPO / "content", second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert not any(str(tmp_path) in (second / f).read_text(errors="ignore") or
                   str(first.parent) in (first / f).read_text(errors="ignore") for f in files
                   if f.suffix in (".html", ".json", ".ics", ".xml"))
