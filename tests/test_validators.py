"""Standards, checked on every built page in both languages (issue 15, item 8).

- the Nu HTML Checker (vnu.jar, with the machine's Java): no error at all;
- every internal link and anchor resolves, and the 404 page's links work at any depth;
- the sitemaps are valid against the Sitemaps 0.9 schema (with a site URL set),
  canonical and hreflang links consistent both ways;
- calendars: one UID per event and language, no deprecated zone name, a refresh
  interval; calendars and contact cards read the same by a second parser (ical.js);
- the open data: a Frictionless datapackage.json that `frictionless` accepts;
- axe-core: no violation of any impact, at 375 and 1,280 px (browser).

The validators are installed by scripts/test.sh into .tools/ (git-ignored).
Two builds, once each per session (tests/conftest.py): the `site` fixture (no
site URL, as a preview) and `published` (with SITE_URL, as the release workflow
builds it, in a sub-folder as GitHub Pages serves a project site).
"""
from __future__ import annotations

import csv
import json
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
import vobject

from conftest import REPO, SITE_URL

TOOLS = REPO / ".tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ICAL_JS = TOOLS / "ical.js" / "dist" / "ical.js"
SITE_PATH = urlsplit(SITE_URL).path  # /qic/


def needed(path: Path, program: str) -> None:
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} manque : lancez « bash scripts/test.sh », qui installe les validateurs")
    if not shutil.which(program):
        pytest.fail(f"{program} est introuvable : il faut Java (vnu.jar) et Node.js (ical.js) pour ces tests")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


# --- HTML ----------------------------------------------------------------------------

def test_nu_html_checker_reports_no_error(site, published):
    needed(VNU, "java")
    assert len(pages(site)) > 40
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                           str(site), str(published)], capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr)["messages"]
    errors = [f"{m.get('url', '').split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    assert errors == [], f"{len(errors)} erreurs :\n" + "\n".join(errors[:50])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []
        self.links: list[dict] = []  # <link> elements

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "link":
            self.links.append(a)
            if a.get("rel") in ("canonical", "alternate"):
                return  # absolute addresses, checked below
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append(a[key])

    handle_startendtag = handle_starttag


_parsed: dict[Path, _Links] = {}


def read(path: Path) -> _Links:
    if path not in _parsed:
        parser = _Links()
        parser.feed(path.read_text("utf-8"))
        _parsed[path] = parser
    return _parsed[path]


def target(site: Path, page: Path, ref: str, base: str = "/") -> Path | None:
    """The file a link leads to, or None for an address outside the site."""
    parts = urlsplit(ref)
    if ref.startswith(SITE_URL):
        path = base + ref[len(SITE_URL):].split("#")[0].split("?")[0]
    elif parts.scheme or parts.netloc:
        return None
    elif parts.path.startswith("/"):
        path = parts.path
    elif parts.path:
        here = "/" + page.relative_to(site).as_posix()
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base + here[1:]), parts.path))
    else:
        return page
    if path + "/" == base:
        path = base
    if not path.startswith(base):
        return site / "hors-du-site" / path  # a root address outside the site's folder
    file = site / unquote(path[len(base):])
    return file / "index.html" if path.endswith("/") or file.is_dir() else file


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[tuple[int, tuple]] = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append((int(tag[1]), self.getpos()))


def test_headings_go_down_one_level_at_a_time_on_every_page(site):
    """No h1 followed by an h3 (a screen reader's list of headings would skip a level),
    and one h1 per page, on every page of both languages."""
    problems = []
    for page in pages(site):
        parser = _Headings()
        parser.feed(page.read_text("utf-8"))
        levels = [level for level, _ in parser.levels]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{page.relative_to(site)}: {levels.count(1)} h1, premier titre h{levels[0]}")
        for (before, _), (level, (line, _column)) in zip(parser.levels, parser.levels[1:]):
            if level > before + 1:
                problems.append(f"{page.relative_to(site)}:{line}: h{before} puis h{level}")
    assert problems == [], "\n".join(problems[:30])


@pytest.mark.parametrize("build", ["site", "published"])
def test_every_internal_link_and_anchor_resolves(build, request):
    site = request.getfixturevalue(build)
    base = SITE_PATH if build == "published" else "/"
    broken = []
    for page in pages(site):
        for ref in read(page).refs:
            if ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            file = target(site, page, ref, base)
            if file is None:
                continue
            fragment = urlsplit(ref).fragment
            if not file.exists():
                broken.append(f"{page.relative_to(site)}: {ref} (aucun fichier)")
            elif fragment and file.suffix == ".html" and unquote(fragment) not in read(file).ids:
                broken.append(f"{page.relative_to(site)}: {ref} (aucune ancre)")
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize("build", ["site", "published"])
def test_404_pages_work_at_any_depth(build, request):
    """GitHub Pages serves the root 404.html at the missing address itself: no
    link of the page may depend on where it is served."""
    site = request.getfixturevalue(build)
    for page in (site / "404.html", site / "en" / "404.html"):
        relative = [ref for ref in read(page).refs
                    if not urlsplit(ref).scheme and not ref.startswith(("/", "#"))]
        assert relative == [], page
    english = (site / "404.html").read_text("utf-8")
    assert 'lang="en"' in english and "Page not found" in english  # for a reader under /en/
    assert "Page not found" in (site / "en" / "404.html").read_text("utf-8")


def test_open_data_links_work_in_both_languages(site):
    for prefix in ("", "en/"):
        page = site / prefix / "donnees" / "index.html"
        for name in ("contenu.json", "sites.csv", "evenements.csv", "ressources.csv", "datapackage.json"):
            (ref,) = [r for r in read(page).refs if r.endswith("donnees/" + name)]
            assert target(site, page, ref).is_file(), (prefix, ref)


# --- sitemap, canonical and hreflang ------------------------------------------------

def test_without_a_site_url_no_empty_sitemap_is_published(site):
    # the session's site is built without SITE_URL: MkDocs would write an empty <urlset>
    assert not (site / "sitemap.xml").exists() and not (site / "en" / "sitemap.xml").exists()
    assert not (site / "sitemap.xml.gz").exists() and (site / "index.html").exists()
    assert not (site / "sitemap_index.xml").exists() and not (site / "robots.txt").exists()


def test_a_sitemap_index_at_the_root_lists_both_languages_sitemaps(published):
    """One address for search engines: sitemap_index.xml, valid against the sitemap
    index schema, lists the French and English sitemaps by their absolute addresses."""
    needed(VNU, "java")
    index = published / "sitemap_index.xml"
    done = subprocess.run(["java", str(REPO / "tests" / "XsdCheck.java"),
                           str(REPO / "tests" / "data" / "siteindex-0.9.xsd"), str(index)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    import xml.etree.ElementTree as ET
    locs = [loc.text for loc in ET.parse(index).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [SITE_URL + "sitemap.xml", SITE_URL + "en/sitemap.xml"]
    for loc in locs:
        assert target(published, published / "index.html", loc, SITE_PATH).is_file(), loc
    # served under a path (a GitHub Pages project site): a robots.txt there is read by no crawler
    assert not (published / "robots.txt").exists()


def test_robots_txt_names_the_index_only_for_a_site_at_its_domain_s_root():
    from macros.downloads import robots
    assert robots("https://example.org/") == (b"User-agent: *\nAllow: /\n\n"
                                              b"Sitemap: https://example.org/sitemap_index.xml\n")
    assert robots("https://example.org") == robots("https://example.org/")
    assert robots(SITE_URL) is None


def test_sitemaps_are_valid_and_list_every_page(published):
    needed(VNU, "java")
    sitemaps = [published / "sitemap.xml", published / "en" / "sitemap.xml"]
    done = subprocess.run(["java", str(REPO / "tests" / "XsdCheck.java"), str(REPO / "tests" / "data" / "sitemap-0.9.xsd"),
                           *map(str, sitemaps)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    import xml.etree.ElementTree as ET
    listed = set()
    for sitemap in sitemaps:
        for loc in ET.parse(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            assert loc.text.startswith(SITE_URL)
            listed.add(loc.text)
            assert target(published, published / "index.html", loc.text, SITE_PATH).is_file(), loc.text
    expected = {SITE_URL + p.relative_to(published).as_posix().removesuffix("index.html")
                for p in pages(published) if p.name != "404.html"}
    assert listed == expected


def test_canonical_and_hreflang_links_agree_both_ways(published):
    problems = []
    for page in pages(published):
        links = read(page).links
        canonical = [link["href"] for link in links if link.get("rel") == "canonical"]
        alternates = {link["hreflang"]: link["href"] for link in links if link.get("rel") == "alternate"
                      and link.get("hreflang")}
        name = page.relative_to(published).as_posix()
        if page.name == "404.html":
            assert alternates == {} and canonical == [], name  # served at any address: no address of its own
            continue
        url = SITE_URL + name.removesuffix("index.html")
        lang = "en" if name.startswith("en/") else "fr"
        if canonical != [url]:
            problems.append(f"{name}: canonical {canonical}")
        if set(alternates) != {"fr", "en", "x-default"} or alternates[lang] != url \
                or alternates["x-default"] != alternates["fr"]:
            problems.append(f"{name}: hreflang {alternates}")
            continue
        other = "fr" if lang == "en" else "en"
        there = target(published, page, alternates[other], SITE_PATH)
        if not there.is_file():
            problems.append(f"{name}: {alternates[other]} n'existe pas")
            continue
        back = {link["hreflang"]: link["href"] for link in read(there).links if link.get("rel") == "alternate"
                and link.get("hreflang")}
        if back.get(lang) != url:
            problems.append(f"{name}: {alternates[other]} ne renvoie pas vers cette page ({back.get(lang)})")
    assert problems == [], "\n".join(problems)


# --- calendars and contact cards ------------------------------------------------------

def _current_zones() -> set[str]:
    """The zone names the tz database lists for a country today (zone.tab): not the
    deprecated ones it keeps only for old data (America/Montreal, in `backward`)."""
    import tzdata
    table = Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab"
    return {line.split("\t")[2] for line in table.read_text().splitlines() if line and not line.startswith("#")}


def calendars(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def test_calendars_one_uid_per_event_and_language_and_valid_zones(site):
    zones = _current_zones()
    assert "America/Toronto" in zones and "America/Montreal" not in zones
    uids = {"fr": {}, "en": {}}
    for path in calendars(site):
        lang = "en" if path.relative_to(site).parts[0] == "en" else "fr"
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        zone = str(calendar["x-wr-timezone"])
        assert zone in zones, (path, zone)
        refresh = calendar["refresh-interval"]
        assert refresh.params.get("VALUE") == "DURATION" and refresh.dt.days == 1, path
        assert str(calendar["x-published-ttl"]) == "P1D", path
        seen = [str(event["uid"]) for event in calendar.walk("VEVENT")]
        assert len(seen) == len(set(seen)), path
        for event in calendar.walk("VEVENT"):
            assert str(event["x-qic-timezone"]) in zones
            # the same event in the same language keeps its UID from one calendar to another
            uids[lang].setdefault(str(event["uid"]), str(event["summary"]))
            assert uids[lang][str(event["uid"])] == str(event["summary"])
    assert uids["fr"] and len(uids["fr"]) == len(uids["en"])
    assert not set(uids["fr"]) & set(uids["en"]), "French and English copies of an event share a UID"


def second_reading(files: list[Path]) -> dict:
    needed(ICAL_JS, "node")
    done = subprocess.run(["node", str(REPO / "tests" / "second_parser.mjs"), str(ICAL_JS), *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_calendars_read_the_same_with_a_second_parser(site):
    files = calendars(site)
    other = second_reading(files)
    for path in files:
        items = other[str(path)]
        assert items[0]["_calendar"]["x-wr-timezone"] == [str(icalendar.Calendar.from_ical(path.read_bytes())
                                                              ["x-wr-timezone"])]
        events = {item["uid"][0]: item for item in items[1:]}
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            theirs = events[str(event["uid"])]
            for name in ("summary", "description", "location", "url"):
                if name in event:
                    assert theirs[name] == [str(event[name])], (path, name)
            assert theirs["dtstart"] == [event.decoded("dtstart").isoformat()]
            assert theirs["dtend"] == [event.decoded("dtend").isoformat()]


def test_vcards_read_the_same_with_a_second_parser(site):
    files = sorted(site.rglob("*.vcf"))
    assert files
    other = second_reading(files)
    for path in files:
        card = vobject.readOne(path.read_text("utf-8"))
        (theirs,) = other[str(path)]
        assert theirs["fn"] == [card.fn.value]
        assert theirs["n"] == [[card.n.value.family, card.n.value.given, "", "", ""]]
        assert theirs["org"] == [card.org.value[0]]
        for name in ("version", "uid", "title", "note", "email", "tel"):
            if name in card.contents:
                assert theirs[name] == [card.contents[name][0].value], (path, name)
        assert theirs["uid"] == [card.uid.value]  # both parsers read the UID


_ESCAPE = r"\\[\\;,nN]"  # the escapes both versions define
# what a single text value may not hold unescaped: RFC 2426's text-value has no bare
# ";" or ","; RFC 6350 (3.4) requires "," escaped and lets ";" be written as it is
_FORBIDDEN = {"3.0": ";,", "4.0": ","}


def test_vcards_are_valid_in_their_version_with_a_uid_shared_by_both_languages(site):
    """Issue "What changed", item 4: each card valid in the version it declares (text
    values escaped as that version says), with a UID, the same for a contact's French
    and English copies, made from the contact's id."""
    import uuid
    uids = {}
    for path in sorted(site.rglob("*.vcf")):
        raw = path.read_bytes()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), path  # folded at 75 octets
        lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
        assert lines[0] == "BEGIN:VCARD" and lines[-2:] == ["END:VCARD", ""], path
        assert lines[1].startswith("VERSION:"), path  # RFC 6350: VERSION right after BEGIN
        version = lines[1].split(":", 1)[1]
        props = {}
        for line in lines[2:-2]:
            name_params, value = line.split(":", 1)
            props.setdefault(name_params.split(";")[0].upper(), []).append((name_params, value))
        for name in ("FN", "NOTE", "TITLE"):
            for _, value in props.get(name, []):
                bare = re.sub(_ESCAPE, "", value)
                assert "\\" not in bare, (path, name, value)  # a backslash only as an escape
                assert not set(bare) & set(_FORBIDDEN[version]), (path, name, value)
        assert version == "4.0", path  # what follows is 4.0's
        assert len(props["FN"]) == 1 and len(props.get("UID", [])) == 1, path
        assert re.fullmatch(r"\d{8}T\d{6}Z", props["REV"][0][1]), path  # 4.0: a timestamp
        assert not any("INTERNET" in params.upper() for params, _ in props.get("EMAIL", [])), path  # a 3.0 word
        uid = props["UID"][0][1]
        assert uid == f"urn:uuid:{uuid.UUID(uid.removeprefix('urn:uuid:'))}" and uuid.UUID(uid[9:]).version == 5
        uids.setdefault(path.stem, set()).add(uid)
    assert set(uids) == {f.stem for f in (REPO / "content" / "contacts").glob("*.yml")
                         if "public: true" in f.read_text(encoding="utf-8")}
    assert all(len(found) == 1 for found in uids.values()), uids  # French and English copies share it
    assert len({next(iter(found)) for found in uids.values()}) == len(uids)  # one per contact
    from macros.feeds import contact_uid
    assert {key: {contact_uid(key)} for key in uids} == uids  # made from the id: stable from release to release


# --- open data ------------------------------------------------------------------------

def test_datapackage_is_valid_and_describes_every_column(site):
    import frictionless
    folder = site / "donnees"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.to_summary()
    tables = [r for r in package["resources"] if r["format"] == "csv"]
    assert {r["path"] for r in tables} == {"sites.csv", "evenements.csv", "ressources.csv"}
    for resource in tables:
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
        assert [f["name"] for f in resource["schema"]["fields"]] == header
    assert (folder / "contenu.json").is_file()


def test_datapackage_licence_comes_from_one_setting():
    import datetime as dt
    from macros.downloads import datapackage
    licence = {"name": "etalab-2.0", "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
               "title": "Licence Ouverte 2.0"}
    assert json.loads(datapackage(dt.date(2026, 1, 1), SITE_URL, licence))["licenses"] == [licence]
    assert "licenses" not in json.loads(datapackage(dt.date(2026, 1, 1), SITE_URL, {}))


# --- in the browser: axe-core, the language switch, the search page ----------------

AXE_PAGES = ["", "approche/", "approche/conditions/", "approche/continuum-cooperation/", "sites/",
             "sites/chateau-thierry/", "sites/kahnawake/", "ressources/", "calendrier/", "contacts/", "histoire/",
             "a-propos/", "a-propos/accessibilite/", "a-propos/mentions-legales/", "donnees/", "a-completer/",
             "recherche/?q=cooperation", "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation_of_any_impact(browser, server, lang, width):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    for path in AXE_PAGES:
        page.goto(server.url + ("en/" if lang == "en" else "") + path)
        page.wait_for_load_state("load")
        if path.startswith("recherche/"):  # the results too, as a reader sees them
            page.wait_for_selector(".pagefind-ui__result")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
            "resultTypes": ["violations"]})  # passes are not gathered: faster, same violations
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path or 'accueil'}: {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["recherche/?q=cooperation", "ressources/?type=video"])
def test_language_switch_keeps_the_query(browser, server, path):
    page = browser.new_page()
    page.goto(server.url + path)
    links = page.locator(".md-select__link[hreflang=en]").evaluate_all("links => links.map(a => a.href)")
    assert links == [server.url + "en/" + path]
    page.close()


@pytest.mark.browser
def test_search_page_speaks_good_french(browser, server):
    page = browser.new_page()
    page.goto(server.url + "recherche/?q=cooperation")
    page.wait_for_function("document.querySelector('.pagefind-ui__message')?.innerText.includes('résultats')")
    message = page.locator(".pagefind-ui__message").inner_text()
    assert message.endswith("résultats pour «\u202fcooperation\u202f»"), message
    page.goto(server.url + "recherche/?q=zzzqqq")
    page.wait_for_function("document.querySelector('.pagefind-ui__message')?.innerText.startsWith('Aucun')")
    assert page.locator(".pagefind-ui__message").inner_text() == "Aucun résultat pour «\u202fzzzqqq\u202f»"
    assert page.locator(".pagefind-ui__search-clear").inner_text() == "Effacer"  # not Pagefind's "Nettoyer"
    page.close()
