"""Every address the site publishes to itself leads to a file the build wrote.

Two builds of the session (tests/conftest.py): `published`, as the release
workflow builds it (SITE_URL set, served under a path: https://example.org/qic/),
and `site`, the plain build (no SITE_URL, relative links only).

Two checks of each:
- the team's outside checker, `shared/tools/internal-links`, found beside the
  repository (`<repo>/../shared/tools/internal-links`, as CI clones it);
- our own, which does not depend on it: every address, in every format the build
  writes, read with a parser for that format — HTML href/src/srcset (and any
  attribute holding an address under SITE_URL), iCalendar properties (URL and any
  text), vCard properties, JSON strings (datapackage `homepage`, resource `path`),
  CSV cells, sitemap `loc`, Atom `<link href>` (relative ones against the feed's own
  address, as RFC 4287 says) — resolved against the files of the build, with each
  #fragment on an HTML page checked against that page's ids.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
import vobject

from conftest import REPO, SITE_URL

OUTSIDE_CHECKER = REPO.parent / "shared" / "tools" / "internal-links"
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
TEXT_SUFFIXES = (".html", ".ics", ".vcf", ".json", ".csv", ".xml", ".txt", ".js", ".webmanifest")


# --- reading the addresses out of each format ----------------------------------------

class _Html(HTMLParser):
    def __init__(self, site_url: str):
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.refs.append(value)
            elif name == "srcset":
                self.refs += [part.split()[0] for part in value.split(",") if part.strip()]
            elif self.site_url and value.startswith(self.site_url):  # og:url, data-… attributes
                self.refs.append(value)

    handle_startendtag = handle_starttag


def _under(text: str, site_url: str) -> list[str]:
    """The addresses under SITE_URL written anywhere in a text."""
    if not site_url:
        return []
    return re.findall(re.escape(site_url) + r"[^\s\"'<>\\)\]]*", text)


def _calendar_refs(path: Path, site_url: str) -> list[str]:
    refs = []
    for component in icalendar.Calendar.from_ical(path.read_bytes()).walk():
        for name, value in component.property_items(recursive=False):
            if name in ("URL", "ATTACH", "TZURL", "SOURCE", "CONFERENCE", "IMAGE"):
                refs.append(str(value))
            elif isinstance(value, (bytes, str)):
                text = value.decode() if isinstance(value, bytes) else str(value)
                refs += _under(text, site_url)
    return refs


def _card_refs(path: Path, site_url: str) -> list[str]:
    refs = []
    for card in vobject.readComponents(path.read_text("utf-8")):
        for lines in card.contents.values():
            for line in lines:
                if line.name.upper() in ("URL", "PHOTO", "LOGO", "SOURCE", "SOUND", "KEY"):
                    refs.append(str(line.value))
                elif isinstance(line.value, str):
                    refs += _under(line.value, site_url)
    return refs


def _json_refs(path: Path, site_url: str) -> list[str]:
    data = json.loads(path.read_text("utf-8"))
    refs = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            if path.name == "datapackage.json" and key == "path" and not urlsplit(value).scheme:
                refs.append(value)  # a resource's file, relative to the package
            elif key in ("url", "homepage") or value.startswith(site_url or "\0"):
                refs.append(value)
    walk(data)
    return refs


def _csv_refs(path: Path, site_url: str) -> list[str]:
    refs = []
    for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
        for column, cell in row.items():
            if column == "url" and cell:
                refs.append(cell)
            else:
                refs += _under(cell or "", site_url)
    return refs


def _xml_refs(path: Path, site_url: str) -> list[str]:
    refs = []
    for element in ET.parse(path).iter():
        if element.tag.endswith("}loc") or element.tag == "loc":
            refs.append((element.text or "").strip())
        elif element.tag == "{http://www.w3.org/2005/Atom}link":
            refs.append(element.get("href", ""))
        elif element.text:
            refs += _under(element.text, site_url)
    return refs


READERS = {".ics": _calendar_refs, ".vcf": _card_refs, ".json": _json_refs, ".csv": _csv_refs,
           ".xml": _xml_refs}


# --- resolving them against the build ------------------------------------------------

@dataclass
class Report:
    checked: int = 0  # (file, address) pairs
    addresses: set = field(default_factory=set)
    broken: list = field(default_factory=list)
    by_format: dict = field(default_factory=dict)


def check_build(site: Path, site_url: str = "") -> Report:
    """Every address in every published file, resolved against the files of the build."""
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    host = urlsplit(site_url).netloc
    pages: dict[Path, _Html] = {}

    def html(path: Path) -> _Html:
        if path not in pages:
            parser = _Html(site_url)
            parser.feed(path.read_text("utf-8"))
            pages[path] = parser
        return pages[path]

    report = Report()
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
                   and "pagefind" not in p.relative_to(site).parts)
    for path in files:
        here = base + path.relative_to(site).as_posix()
        if path.suffix == ".html":
            refs = list(html(path).refs)
        elif path.suffix in READERS:
            refs = READERS[path.suffix](path, site_url)
        else:
            refs = []
        # a safety net: whatever a format's reader missed (folded lines are unfolded first)
        text = re.sub(r"\r?\n[ \t]", "", path.read_text("utf-8", "replace"))
        refs += [url for url in _under(text, site_url) if url not in refs]
        for ref in refs:
            if ref.startswith(SKIPPED_SCHEMES):
                continue
            parts = urlsplit(ref)
            if site_url and ref.startswith(site_url):
                target = base + ref[len(site_url):]
                target_path = urlsplit(target).path
            elif parts.scheme or parts.netloc:
                if host and parts.netloc == host and not parts.path.startswith(base):
                    report.broken.append(f"{path.relative_to(site)}: {ref} (hors du dossier du site)")
                continue  # another site's address
            elif parts.path.startswith("/"):
                target_path = parts.path
            elif parts.path:
                target_path = posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path))
                if parts.path.endswith("/") and not target_path.endswith("/"):
                    target_path += "/"
            else:
                target_path = here  # "#fragment" alone: this page
            report.checked += 1
            report.addresses.add((here, ref))
            kind = path.suffix
            report.by_format[kind] = report.by_format.get(kind, 0) + 1
            if not (target_path + "/").startswith(base) and target_path + "/" != base:
                report.broken.append(f"{path.relative_to(site)}: {ref} (hors du dossier du site)")
                continue
            file = site / unquote(target_path[len(base):]) if target_path != base[:-1] else site
            if target_path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                report.broken.append(f"{path.relative_to(site)}: {ref} (aucun fichier)")
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in html(file).ids:
                report.broken.append(f"{path.relative_to(site)}: {ref} (aucune ancre)")
    return report


BUILDS = {"published": SITE_URL, "site": ""}


@pytest.mark.parametrize("build", BUILDS)
def test_every_published_address_leads_to_a_file_of_the_build(build, request):
    site = request.getfixturevalue(build)
    report = check_build(site, BUILDS[build])
    print(f"{build}: {report.checked} adresses vérifiées ({len(report.addresses)} distinctes) "
          f"par format {report.by_format}, {len(report.broken)} cassées")
    assert report.broken == [], f"{len(report.broken)} adresses cassées :\n" + "\n".join(report.broken)
    # the check did read each format: a reader that found nothing would pass quietly
    assert report.by_format.get(".html", 0) > 1000
    if build == "published":
        assert report.by_format.get(".ics", 0) > 0 and report.by_format.get(".xml", 0) > 0
        assert report.by_format.get(".json", 0) > 0
    # the « Nouveautés » feeds' entries were read (relative links in the plain build)
    feeds = {here for here, _ in report.addresses if here.endswith("nouveautes/feed.xml")}
    assert len(feeds) == 2, feeds


@pytest.mark.parametrize("build", BUILDS)
def test_the_team_s_outside_checker_finds_no_broken_link(build, request):
    if not OUTSIDE_CHECKER.is_file():
        pytest.skip(f"{OUTSIDE_CHECKER} absent : test_every_published_address_leads_to_a_file_of_the_build "
                    "fait la même vérification, sans lui")
    site = request.getfixturevalue(build)
    extra = ["--site-url", BUILDS[build]] if BUILDS[build] else []
    done = subprocess.run([sys.executable, str(OUTSIDE_CHECKER), str(site), *extra],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_our_check_finds_what_it_must(tmp_path):
    """The check itself: a missing file, a missing anchor, a doubled /en/en/, a root
    address outside the site's folder, in HTML, a calendar and a sitemap."""
    site = tmp_path / "site"
    (site / "en" / "calendrier").mkdir(parents=True)
    (site / "index.html").write_text('<a href="en/calendrier/#evenement-a">ok</a><a href="/elsewhere/">x</a>'
                                     '<a href="#nulle-part">y</a><img src="absent.png">', "utf-8")
    (site / "en" / "calendrier" / "index.html").write_text('<article id="evenement-a"></article>', "utf-8")
    calendar = icalendar.Calendar()
    for key, url in (("a", SITE_URL + "en/calendrier/#evenement-a"), ("b", SITE_URL + "en/en/calendrier/"),
                     ("c", SITE_URL + "en/calendrier/#evenement-c")):
        event = icalendar.Event()
        event.add("uid", key)
        event.add("url", url)
        calendar.add_component(event)
    (site / "en" / "calendrier" / "programme.ics").write_bytes(calendar.to_ical())
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>' + SITE_URL +
        'en/calendrier/</loc></url><url><loc>https://example.org/sitemap.xml</loc></url></urlset>', "utf-8")
    (site / "en" / "nouveautes").mkdir()
    (site / "en" / "nouveautes" / "feed.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="../calendrier/#evenement-a"/></entry>'
        '<entry><link href="../sites/absent/"/></entry></feed>', "utf-8")
    report = check_build(site, SITE_URL)
    assert sorted(report.broken) == sorted([
        "en/nouveautes/feed.xml: ../sites/absent/ (aucun fichier)",
        "index.html: /elsewhere/ (hors du dossier du site)",
        "index.html: #nulle-part (aucune ancre)",
        "index.html: absent.png (aucun fichier)",
        f"en/calendrier/programme.ics: {SITE_URL}en/en/calendrier/ (aucun fichier)",
        f"en/calendrier/programme.ics: {SITE_URL}en/calendrier/#evenement-c (aucune ancre)",
        "sitemap.xml: https://example.org/sitemap.xml (hors du dossier du site)",
    ])
