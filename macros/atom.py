"""The « Nouveautés » / "What's new" Atom feed (RFC 4287) of each language.

Published at nouveautes/feed.xml under each language's root, beside the page
that lists the same records (macros/templates/whats_new.html.j2): one entry per
record added or changed, its id stable across changes (the record's, so a feed
reader shows a change as the same entry updated), its dates from Git.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import uuid
import xml.etree.ElementTree as ET

from . import rendering
from .model import Text
from .pages import Views

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "nouveautes/feed.xml"
MAX_ENTRIES = 50  # the most recent; the page lists them all
_TAG = re.compile(r"<[^<>]*>")  # not <[^>]+>: without a ">", read again from each "<" (quadratic)


def entry_id(lang: str, kind: str, key: str) -> str:
    """Stable, whatever the site's address: a name-based UUID of the record and language."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"quartiers-impact-collectif/{lang}/{kind}/{key}"))


def plain(value: Text | None, lang: str, limit: int = 280) -> str:
    """A Markdown text as plain text, cut at a word before `limit` characters."""
    if value is None:
        return ""
    text = " ".join(html.unescape(_TAG.sub(" ", str(rendering.rich_html(value.get(lang))))).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _summary_of(record) -> Text | None:
    for name in ("summary", "story", "role", "description"):
        value = getattr(record, name, None)
        if isinstance(value, Text):
            return value
    return None


def _time(value: dt.datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def feed(views: Views, site_url: str = "") -> bytes:
    """The feed of `views.lang`. `site_url` is this language's address: links are absolute
    with it, relative to the feed's own address without it."""
    lang = views.lang
    renderer = rendering.renderer(lang)
    ui = renderer.ui
    base = site_url.rstrip("/") + "/" if site_url else "../"  # the feed is in nouveautes/
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    items = views.whats_new()[:MAX_ENTRIES]
    sub(root, "title", ui("news_feed_title"))
    sub(root, "subtitle", ui("news_intro"))
    sub(root, "id", entry_id(lang, "feed", "nouveautes"))
    if site_url:
        sub(root, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    sub(root, "link", rel="alternate", type="text/html", href=base + "nouveautes/")
    newest = items[0]["dates"].changed.when if items else \
        dt.datetime(views.today.year, views.today.month, views.today.day, tzinfo=dt.UTC)
    sub(root, "updated", _time(newest))
    author = sub(root, "author")
    sub(author, "name", ui("news_feed_title").split(" — ", 1)[1])
    sub(root, "generator", "macros/atom.py")
    for item in items:
        dates, kind = item["dates"], item["kind"]
        entry = sub(root, "entry")
        title = item["title"]
        sub(entry, "title", title.get(lang))
        sub(entry, "link", rel="alternate", type="text/html", href=base + item["link"])
        sub(entry, "id", entry_id(lang, kind, item["key"]))
        sub(entry, "published", _time(dates.added.when))
        sub(entry, "updated", _time(dates.changed.when))
        label = ui(views.news_label(kind))
        sub(entry, "category", term=kind, label=label)
        status = ui("news_added") if item["new"] else ui("news_changed")
        said = f"{label} — {status}, {renderer.day(dates.changed.day)}."
        text = plain(_summary_of(item["record"]), lang)
        sub(entry, "summary", f"{said} {text}".strip(), type="text")
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
