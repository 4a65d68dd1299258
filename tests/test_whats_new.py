"""What changed, to whom it matters: dates from Git, « Nouveautés », its Atom feeds, the
release notes, and what machines read in every page (JSON-LD, Open Graph).

- the release-like build (`published`, from this checkout and its history): every feed
  read by two parsers (feedparser, and @rowanmanning/feed-parser from .tools/), entry
  dates equal to `git log --follow` of the record's file, JSON-LD parsed with the
  properties each type needs, Open Graph tags absolute on every page;
- a clone of the repository with one record added in a commit of a fixed date, then
  built: the record is first in the feeds, on the page, in the notes, with that date;
- a copy without .git, and a shallow clone: the build works and says so once.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml

from conftest import BUILD_DATE, REPO, SITE_URL, run_build

from macros.history import read_history

FEED_PARSER = REPO / ".tools" / "node_modules" / "@rowanmanning" / "feed-parser"
FEEDS = ("nouveautes/feed.xml", "en/nouveautes/feed.xml")
ATOM_NS = "{http://www.w3.org/2005/Atom}"
NO_HISTORY_LINE = "Historique Git introuvable"


def has_history() -> bool:
    probe = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--is-shallow-repository"],
                           capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout.strip() == "false"


needs_history = pytest.mark.skipif(not has_history(), reason="checkout sans historique Git complet")


def git_dates(repo: Path, relative: str) -> tuple[dt.datetime, dt.datetime]:
    """(added, last changed) of one file, the slow way: `git log --follow` of that file alone.
    Renames are followed; a file made as a copy of another (status C) is a new record then."""
    out = subprocess.run(["git", "-C", str(repo), "log", "--follow", "--name-status", "--format=@%cI", "--",
                          relative], capture_output=True, text=True, check=True).stdout
    dates = []
    for line in out.splitlines():
        if line.startswith("@"):
            dates.append(dt.datetime.fromisoformat(line[1:]))
        elif line[:1] in ("A", "C"):
            break
    return dates[-1], dates[0]


def record_of(link: str) -> tuple[str, str]:
    """(folder, id) of the record an entry links to."""
    path = urlsplit(link)
    fragment = path.fragment
    for prefix, kind in (("evenement-", "events"), ("ressource-", "resources"), ("histoire-", "history"),
                         ("phase-", "phases"), ("contact-", "contacts")):
        if fragment.startswith(prefix):
            return kind, fragment.removeprefix(prefix)
    match = re.search(r"sites/([^/]+)/$", path.path)
    assert match, link
    return "sites", match[1]


def second_parser(*files: Path) -> dict:
    if not FEED_PARSER.is_dir():
        pytest.fail(f"{FEED_PARSER.relative_to(REPO)} manque : lancez « bash scripts/test.sh », qui l'installe")
    if not shutil.which("node"):
        pytest.fail("node est introuvable : il faut Node.js pour le second lecteur de flux")
    done = subprocess.run(["node", str(REPO / "tests" / "feed_parser.mjs"), str(FEED_PARSER), *map(str, files)],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def parsed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


# --- the release-like build, from this checkout ------------------------------------------

@pytest.mark.parametrize("feed_path", FEEDS)
def test_each_feed_reads_the_same_in_two_parsers(published, feed_path):
    path = published / feed_path
    feed = parsed(path)
    lang = "en" if feed_path.startswith("en/") else "fr"
    assert feed.version == "atom10" and feed.feed.language == lang
    assert feed.feed.link == SITE_URL + ("en/" if lang == "en" else "") + "nouveautes/"
    other = second_parser(path)[str(path)]
    assert "error" not in other, other
    assert other["language"] == lang
    assert [(i["id"], i["title"], i["url"]) for i in other["items"]] == \
        [(e.id, e.title, e.link) for e in feed.entries]
    for entry, item in zip(feed.entries, other["items"]):
        assert entry.link.startswith(SITE_URL) and entry.summary and entry.id.startswith("urn:uuid:")
        assert dt.datetime.fromisoformat(item["updated"].replace("Z", "+00:00")) == \
            dt.datetime.fromisoformat(entry.updated.replace("Z", "+00:00"))
    if has_history():
        assert feed.entries, "aucune entrée alors que le dépôt a son historique"


@needs_history
def test_feed_dates_are_the_records_git_dates(published):
    feed = parsed(published / FEEDS[0])
    english = {e.id: e for e in parsed(published / FEEDS[1]).entries}
    assert len(english) == len(feed.entries)
    for entry in feed.entries:
        kind, key = record_of(entry.link)
        added, changed = git_dates(REPO, f"content/{kind}/{key}.yml")
        assert dt.datetime.fromisoformat(entry.updated) == changed, entry.link
        assert dt.datetime.fromisoformat(entry.published) == added, entry.link
    updated = [dt.datetime.fromisoformat(e.updated) for e in feed.entries]
    assert updated == sorted(updated, reverse=True)  # most recent first


@needs_history
def test_the_page_lists_the_feed_s_records_and_links_the_feed(published):
    for lang, prefix in (("fr", ""), ("en", "en/")):
        page = (published / prefix / "nouveautes" / "index.html").read_text("utf-8")
        for entry in parsed(published / prefix / "nouveautes" / "feed.xml").entries:
            assert f'href="../{entry.link.removeprefix(SITE_URL + prefix)}"' in page, entry.link
        assert 'href="../nouveautes/feed.xml" type="application/atom+xml"' in page
    notes = (published / "nouveautes" / "notes.md").read_text("utf-8")
    assert notes.startswith("## Notes de version · Release notes")


def test_every_page_links_its_language_s_feed_in_its_head(published):
    for page in published.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        text = page.read_text("utf-8")
        head = text.split("</head>", 1)[0]
        match = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
        assert match, page
        here = page.relative_to(published)
        href = match[1]
        if href.startswith("/"):  # the 404 page, served at any address: from the site's root
            target = href.removeprefix(urlsplit(SITE_URL).path)
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here.as_posix()), href))
        assert target == ("en/" if here.parts[0] == "en" else "") + "nouveautes/feed.xml", (here, href)


@needs_history
def test_sitemap_dates_are_the_pages_git_dates(published):
    import xml.etree.ElementTree as ET
    dates = {}
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        for url in ET.parse(published / sitemap).getroot():
            loc = url.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text
            dates[loc] = url.find("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod").text
    for key in ("lievin", "peter-mcgill"):
        own = git_dates(REPO, f"content/sites/{key}.yml")[1].date()
        assert dt.date.fromisoformat(dates[f"{SITE_URL}sites/{key}/"]) >= own
    approach = git_dates(REPO, "docs/fr/approche/index.md")[1].date().isoformat()
    assert dates[f"{SITE_URL}approche/"] == approach
    resources = max(git_dates(REPO, f"content/resources/{p.name}")[1].date()
                    for p in (REPO / "content" / "resources").glob("*.yml"))
    assert dates[f"{SITE_URL}ressources/"] == resources.isoformat()


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content") or "")
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"
        if self._in_ld:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


REQUIRED = {  # schema.org type -> the properties each item must have
    "Event": {"name", "startDate", "url"}, "Place": {"name", "geo", "url"}, "CreativeWork": {"name"},
    "Organization": {"name"}, "Dataset": {"name", "description", "distribution", "url"},
    "BreadcrumbList": {"itemListElement"}, "WebSite": {"name", "url"},
}
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.mark.parametrize("build", ["published", "site"])
def test_json_ld_parses_and_has_what_each_type_needs(build, request):
    site = request.getfixturevalue(build)
    seen: dict[str, int] = {}
    for page in html_pages(site):
        head = _Head()
        head.feed(page.read_text("utf-8"))
        if page.name == "404.html":
            assert head.scripts == [], page
            continue
        assert len(head.scripts) == 1, page
        data = json.loads(head.scripts[0])
        assert data["@context"] == "https://schema.org"
        for item in data["@graph"]:
            kind = item["@type"]
            seen[kind] = seen.get(kind, 0) + 1
            assert REQUIRED[kind] <= set(item), (page, kind, sorted(item))
            if kind == "Event":
                assert ISO_PARTIAL.match(item["startDate"]) and ISO_PARTIAL.match(item.get("endDate", "2000"))
                for organiser in item.get("organizer", []):
                    assert organiser["@type"] == "Organization" and organiser["name"]
            if kind == "Place":
                assert -90 <= item["geo"]["latitude"] <= 90 and -180 <= item["geo"]["longitude"] <= 180
            if kind == "Dataset":
                formats = {d["encodingFormat"] for d in item["distribution"]}
                assert formats == {"text/csv", "application/json"}
                for download in item["distribution"]:
                    if build == "published":
                        assert download["contentUrl"].startswith(SITE_URL + "donnees/")
                        assert (site / download["contentUrl"].removeprefix(SITE_URL)).is_file()
            if kind == "BreadcrumbList":
                positions = [element["position"] for element in item["itemListElement"]]
                assert positions == list(range(1, len(positions) + 1)) and len(positions) >= 2
                if build == "published":
                    assert all(element["item"].startswith(SITE_URL) for element in item["itemListElement"])
            if build == "published":  # the site's own addresses (an organisation's url is its website)
                for key in ("url", "@id") if kind in ("Event", "Place", "Dataset", "WebSite") else ("@id",):
                    if key in item:
                        assert item[key].startswith(SITE_URL), (page, item[key])
    assert set(seen) == set(REQUIRED), seen


def test_json_ld_cannot_be_closed_by_a_record_s_text():
    from macros.structured import script
    text = script({"name": "</script><script>alert(1)</script> <!-- x"})
    assert "<" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> <!-- x"}


def test_open_graph_is_on_every_page_absolute_in_the_release_build(published):
    for page in html_pages(published):
        head = _Head()
        head.feed(page.read_text("utf-8"))
        meta = head.meta
        english = page.relative_to(published).parts[0] == "en"
        for name in ("og:title", "og:description", "og:site_name", "og:image", "og:locale",
                     "og:locale:alternate", "twitter:card", "twitter:title"):
            assert meta.get(name) and meta[name][0], (page, name)
        assert meta["og:locale"] == ["en_GB" if english else "fr_FR"]
        assert meta["og:locale:alternate"] == ["fr_FR" if english else "en_GB"]
        image = meta["og:image"][0]
        assert image.startswith(SITE_URL) and (published / image.removeprefix(SITE_URL)).is_file()
        if page.name != "404.html":  # served at any address: no address of its own
            url = meta["og:url"][0]
            assert url.startswith(SITE_URL), page
            relative = page.relative_to(published).as_posix().removesuffix("index.html")
            assert url == SITE_URL + relative, (page, url)


def test_the_picture_is_1200_by_630():
    data = (REPO / "overrides" / "assets" / "og-image.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 630)


# --- a record added in a commit: feeds, page, notes, sitemap -----------------------------

ADDED_AT = "2027-01-15T09:30:00+00:00"


def _git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=env).stdout


@pytest.fixture(scope="module")
def clone_with_a_new_record(tmp_path_factory) -> Path:
    """This repository cloned, its working tree's content committed, a release tag v0.9,
    then a new resource committed on ADDED_AT."""
    if not has_history():
        pytest.skip("checkout sans historique Git complet")
    repo = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(repo)], check=True)
    shutil.rmtree(repo / "content")
    shutil.copytree(REPO / "content", repo / "content")  # the content as tested, even uncommitted
    _git(repo, "add", "-A", "content")
    if _git(repo, "status", "--porcelain"):
        _git(repo, "commit", "-q", "-m", "content as in the working tree", date="2027-01-01T08:00:00+00:00")
    _git(repo, "tag", "v0.9")
    source = yaml.safe_load((REPO / "content" / "resources" / "tamarack-article-pic-montreal.yml")
                            .read_text("utf-8"))
    source["title"] = {"fr": "Ressource ajoutée pour le test", "en": "Resource added for the test"}
    (repo / "content" / "resources" / "ajout-du-test.yml").write_text(
        yaml.safe_dump(source, allow_unicode=True, sort_keys=False), "utf-8")
    _git(repo, "add", "content/resources/ajout-du-test.yml")
    _git(repo, "commit", "-q", "-m", "Add a resource", date=ADDED_AT)
    return repo


@pytest.fixture(scope="module")
def built_clone(clone_with_a_new_record, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("clone-built") / "site"
    done = run_build(clone_with_a_new_record / "content", out, env={"SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout + done.stderr


def test_a_record_added_in_a_commit_is_first_in_both_feeds_with_the_commit_s_date(built_clone):
    out, _ = built_clone
    for feed_path, title, prefix in ((FEEDS[0], "Ressource ajoutée pour le test", ""),
                                     (FEEDS[1], "Resource added for the test", "en/")):
        first = parsed(out / feed_path).entries[0]
        assert first.title == title
        assert first.link == f"{SITE_URL}{prefix}ressources/#ressource-ajout-du-test"
        assert dt.datetime.fromisoformat(first.updated) == dt.datetime.fromisoformat(ADDED_AT)
        assert dt.datetime.fromisoformat(first.published) == dt.datetime.fromisoformat(ADDED_AT)
        other = second_parser(out / feed_path)[str(out / feed_path)]
        assert other["items"][0]["url"] == first.link
        assert other["items"][0]["updated"] == "2027-01-15T09:30:00.000Z"


def test_a_record_added_in_a_commit_is_on_the_page_under_the_next_release(built_clone):
    out, _ = built_clone
    page = (out / "nouveautes" / "index.html").read_text("utf-8")
    unreleased, released = page.split('id="version-v0.9"', 1)
    assert 'id="depuis-la-derniere-version"' in unreleased
    assert '<time datetime="2027-01-15">15 janvier 2027</time>' in unreleased
    assert 'href="../ressources/#ressource-ajout-du-test">Ressource ajoutée pour le test</a>' in unreleased
    assert "nouvelle fiche" in unreleased
    assert "ajout-du-test" not in released
    english = (out / "en" / "nouveautes" / "index.html").read_text("utf-8")
    assert "Release v0.9 of" in english and "15 January 2027" in english
    card = (out / "ressources" / "index.html").read_text("utf-8").split('id="ressource-ajout-du-test"', 1)[1]
    assert "Mis à jour le 15 janvier 2027" in card.split("</article>", 1)[0]
    assert f"<loc>{SITE_URL}ressources/</loc>\n         <lastmod>2027-01-15</lastmod>" in \
        (out / "sitemap.xml").read_text("utf-8")


def test_a_record_added_in_a_commit_is_in_the_release_notes(built_clone, clone_with_a_new_record):
    out, _ = built_clone
    done = subprocess.run([sys.executable, "-m", "macros.cli", "release-notes", "--content",
                           str(clone_with_a_new_record / "content")], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    notes = done.stdout
    assert notes == (out / "nouveautes" / "notes.md").read_text("utf-8")
    assert "depuis v0.9" in notes and "since v0.9" in notes
    added = notes.split("### Ajoutées · Added (1)", 1)[1].split("###", 1)[0]
    assert "Ressource · Resource — Ressource ajoutée pour le test / Resource added for the test " \
           "(`ajout-du-test`), 2027-01-15" in added
    assert "### Modifiées · Changed (0)" in notes and "### Retirées · Removed (0)" in notes
    # from the very start: every record is added
    everything = subprocess.run([sys.executable, "-m", "macros.cli", "release-notes", "--since", "",
                                 "--content", str(clone_with_a_new_record / "content")],
                                cwd=REPO, capture_output=True, text=True)
    count = len(list((clone_with_a_new_record / "content").rglob("*.yml")))
    assert f"### Ajoutées · Added ({count})" in everything.stdout, everything.stdout[:300]


def test_removed_and_renamed_records_are_followed(clone_with_a_new_record, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", str(clone_with_a_new_record), str(repo)], check=True)
    _git(repo, "mv", "content/resources/ajout-du-test.yml", "content/resources/ajout-renomme.yml")
    _git(repo, "commit", "-q", "-m", "Rename", date="2027-02-01T10:00:00+00:00")
    history = read_history(repo / "content")
    renamed = history.dates("resources", "ajout-renomme")
    assert renamed.added.when == dt.datetime.fromisoformat(ADDED_AT)
    assert renamed.changed.when == dt.datetime.fromisoformat("2027-02-01T10:00:00+00:00")
    _git(repo, "rm", "-q", "content/resources/ajout-renomme.yml")
    _git(repo, "commit", "-q", "-m", "Remove", date="2027-02-02T10:00:00+00:00")
    from macros.history import difference
    found = difference(read_history(repo / "content"), "v0.9")
    assert found.added == [] and found.removed == [] and found.changed == []
    found = difference(read_history(repo / "content"), "")
    assert ("resources", "ajout-renomme") not in found.added


# --- without history ------------------------------------------------------------------------

def test_a_copy_without_git_builds_and_says_so_once(tmp_path):
    copy = tmp_path / "copie"
    shutil.copytree(REPO / "content", copy / "content")  # no .git anywhere above /tmp
    out = tmp_path / "site"
    done = run_build(copy / "content", out, env={"SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines() if NO_HISTORY_LINE in line]
    assert len(said) == 1, done.stdout + done.stderr
    page = (out / "nouveautes" / "index.html").read_text("utf-8")
    assert "sans l’historique Git" in page and "notes.md" not in page
    assert not (out / "nouveautes" / "notes.md").exists()
    for feed_path in FEEDS:
        feed = parsed(out / feed_path)
        assert feed.entries == [] and feed.feed.updated.startswith(BUILD_DATE)
    assert "Mis à jour le" not in (out / "ressources" / "index.html").read_text("utf-8")
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {BUILD_DATE}
    notes = subprocess.run([sys.executable, "-m", "macros.cli", "release-notes", "--content",
                            str(copy / "content")], cwd=REPO, capture_output=True, text=True)
    assert notes.returncode == 1 and NO_HISTORY_LINE in notes.stderr and notes.stdout == ""


def test_a_shallow_clone_or_an_uncommitted_record_is_said_not_guessed(clone_with_a_new_record, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{clone_with_a_new_record}", str(shallow)],
                   check=True)
    history = read_history(shallow / "content")
    assert not history.available and "clone superficiel" in history.notice and history.records == {}
    full = read_history(clone_with_a_new_record / "content")
    from macros.history import missing
    assert missing(full, [("resources", "ajout-du-test")]) == ""
    said = missing(full, [("resources", "ajout-du-test"), ("sites", "pas-encore")])
    assert said.startswith("1 fiche pas encore enregistrée dans Git (sites/pas-encore.yml)")


def test_the_git_dates_cost_one_call(monkeypatch):
    import macros.history as history
    calls = []
    real = history._git
    monkeypatch.setattr(history, "_git", lambda *args: calls.append(args[1:3]) or real(*args))
    read_history(REPO / "content")
    assert len(calls) <= 2, calls  # rev-parse, then one git log
