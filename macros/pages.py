"""Prepare what each generated page needs, and render it from its template.

Python here only selects, sorts and links records; the markup is in
macros/templates/. `generated_pages` is the list of pages that exist only
because a YAML file does (one per site, plus the data-driven indexes).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from . import graphics, rendering
from .content import Catalogue, fold
from .model import (
    CONTINUUM,
    ORGANISATION_KINDS,
    RESOURCE_TYPES,
    SITE_KINDS,
    SOURCE_FILE,
    TOPIC_PARENT,
    TOPICS,
    Text,
)


@dataclass
class GeneratedPage:
    path: str            # in the docs tree, e.g. "sites/lievin.md"
    title: str           # plain text
    description: str     # plain text
    html: str            # the page's content, rendered straight from its template
    headings: "Headings"
    source: Path | None  # the YAML file the page comes from, for its edit link


class Headings:
    """The headings a generated page declares, in order, for its table of contents.

    Ids are made as Python-Markdown's toc extension makes them (same slugs, `_1`
    suffixes for repeats), so that links into the pages keep working.
    """

    def __init__(self):
        self.items: list[tuple[int, str, str]] = []  # (level, id, text)
        self._ids: set[str] = set()

    def add(self, level: int, text: str, anchor: str | None = None) -> str:
        anchor = unique(anchor or slugify(str(text), "-"), self._ids)
        self.items.append((level, anchor, str(text)))
        return anchor


def site_order(catalogue: Catalogue) -> list[str]:
    """Sites as readers look for them: French sites first, then by name."""
    kinds = list(SITE_KINDS)
    sites = catalogue.sites
    return catalogue.cached("site_order", lambda: sorted(
        sites, key=lambda key: (kinds.index(sites[key].kind), fold(sites[key].name.fr))))


def label(vocabulary: dict, key: str, lang: str) -> str:
    return vocabulary[key][0 if lang == "fr" else 1]


class Views:
    """Read-only views of the catalogue that templates use."""

    def __init__(self, catalogue: Catalogue, lang: str, today: dt.date):
        self.cat = catalogue
        self.lang = lang
        self.today = today

    # --- small lookups -----------------------------------------------------------
    def org(self, key):
        return self.cat.entries["organisations"][key].record

    def sources(self, refs):
        """Source citations as (title, url, file name) for the "Sources" lists."""
        cited = []
        for ref in refs:
            match = SOURCE_FILE.match(ref)
            if match:
                doc = self.cat.entries["sources"][match.group(1)].record
                cited.append({"title": doc.title, "url": doc.url, "file": ref})
            else:
                cited.append({"title": None, "url": ref, "file": None})
        return cited

    def contacts(self, keys=None):
        entries = self.cat.entries["contacts"]
        keys = entries if keys is None else keys
        return [(k, entries[k].record) for k in keys if entries[k].record.public]

    def events(self, keys=None):
        entries = self.cat.entries["events"]
        keys = list(entries) if keys is None else keys
        found = [(k, entries[k].record) for k in keys]
        return sorted(found, key=lambda item: (item[1].date.first_day(), item[0]))

    def event_sites(self, key):
        return [(s, self.cat.sites[s]) for s in self.cat.referrers("sites", "events", key)]

    def resources(self, keys=None, topic=None):
        entries = self.cat.entries["resources"]
        keys = list(entries) if keys is None else keys
        found = [(k, entries[k].record) for k in keys]
        if topic:
            found = [(k, r) for k, r in found
                     if topic in r.topics or any(TOPIC_PARENT.get(t) == topic for t in r.topics)]
        return sorted(found, key=lambda item: item[1].title.get(self.lang).casefold())

    def resource_facets(self):
        """The values readers can narrow the resource list by, with their labels."""
        resources = [r for _, r in self.resources()]
        publishers = sorted({r.publisher for r in resources if r.publisher},
                            key=lambda key: fold(self.org(key).name.get(self.lang)))
        topics = [t for t in TOPICS if any(t in r.topics for r in resources)]
        return {
            "total": len(resources),
            "fields": [
                ("type", "format", [(t, self.label("resource_type", t)) for t in RESOURCE_TYPES
                                    if any(r.type == t for r in resources)]),
                ("language", "language", [(code, rendering.strings()[f"lang_{code}"][self.lang])
                                          for code in ("fr", "en") if any(r.language == code for r in resources)]),
                ("publisher", "publisher", [(p, self.org(p).name.get(self.lang)) for p in publishers]),
                ("topic", "topics", [(t, self.label("topic", t)) for t in topics]),
            ],
        }

    def history(self, site=None):
        entries = self.cat.entries["history"]
        keys = entries if site is None else self.cat.referrers("history", "sites", site)
        found = [(k, entries[k].record) for k in keys]
        return sorted(found, key=lambda item: (item[1].date.first_day(), item[1].date.last_day(), item[0]))

    def phases(self):
        return sorted(self.cat.phases.items(), key=lambda item: item[1].period.first_day())

    def ordered_sites(self):
        return [(key, self.cat.sites[key]) for key in site_order(self.cat)]

    def label(self, vocabulary_name, key):
        vocabularies = {"topic": TOPICS, "site_kind": SITE_KINDS, "resource_type": RESOURCE_TYPES,
                        "organisation_kind": ORGANISATION_KINDS, "continuum": CONTINUUM}
        return label(vocabularies[vocabulary_name], key, self.lang)

    def untranslated(self, *records) -> bool:
        """True when the English page would show some French text."""
        if self.lang != "en":
            return False
        return any(_has_fallback(r) for r in records)

    def site_map(self):
        return self.cat.cached(f"site_map:{self.lang}", lambda: graphics.site_map(self.cat, self.lang))

    def timeline(self):
        return self.cat.cached(f"timeline:{self.lang}", lambda: graphics.timeline(self.cat, self.lang))

    def continuum(self, only=None):
        return self.cat.cached(f"continuum:{only}", lambda: graphics.continuum(self.cat, only))

    def step_numbers(self):
        """History entries numbered in date order, as on the timeline."""
        return self.cat.cached("step_numbers",
                               lambda: {key: index for index, (key, _) in enumerate(self.history(), 1)})

    def calendar_groups(self):
        groups = {"upcoming": [], "ongoing": [], "past": []}
        for key, event in self.events():
            groups[event.date.status(self.today)].append((key, event))
        groups["past"].reverse()  # most recent first
        return groups


def _has_fallback(value) -> bool:
    if isinstance(value, Text):
        return value.is_fallback("en")
    if isinstance(value, (list, tuple)):
        return any(_has_fallback(v) for v in value)
    if hasattr(value, "model_fields"):
        return any(_has_fallback(getattr(value, name)) for name in type(value).model_fields)
    return False


INDEX_PAGES = {  # generated page -> template
    "sites/index.md": "sites_index.html.j2",
    "ressources/index.md": "resources.html.j2",
    "calendrier/index.md": "calendar.html.j2",
    "contacts/index.md": "contacts.html.j2",
    "histoire/index.md": "history.html.j2",
    "donnees/index.md": "data.html.j2",
    "recherche/index.md": "search.html.j2",
}


def generated_pages(catalogue: Catalogue, lang: str, today: dt.date,
                    permalink_title: str = "") -> list[GeneratedPage]:
    """Every page that exists because of the content, rendered to HTML.

    `permalink_title` is the title of the heading anchors (the toc extension's
    setting in mkdocs.yml), so that these pages match the hand-written ones.
    """
    renderer = rendering.renderer(lang)
    views = Views(catalogue, lang, today)

    def page(path: str, template: str, source: Path | None, **context) -> GeneratedPage:
        headings = Headings()
        module = renderer.module(template, v=views, headings=headings, permalink_title=permalink_title, **context)
        return GeneratedPage(path, module.title, module.description, str(module), headings, source)

    pages = [page(path, template, None) for path, template in INDEX_PAGES.items()]
    for key, entry in catalogue.entries["sites"].items():
        pages.append(page(f"sites/{key}.md", "site.html.j2", entry.file, key=key, site=entry.record))
    return pages


def related_resources(catalogue: Catalogue, lang: str, today: dt.date, topic: str, root: str) -> str:
    """The resource cards for one concept, for the hand-written approach pages."""
    if topic not in TOPICS:
        raise ValueError(f"notion inconnue « {topic} » ; notions possibles : {', '.join(TOPICS)}")
    views = Views(catalogue, lang, today)
    return rendering.renderer(lang).render("related_resources.html.j2", v=views, topic=topic, root=root)


def picture(catalogue: Catalogue, lang: str, today: dt.date, name: str, root: str, **options) -> str:
    """One of the pictures (map, timeline, continuum) for a hand-written page."""
    views = Views(catalogue, lang, today)
    context = {"map": lambda: {"m": views.site_map()},
               "continuum": lambda: {"c": views.continuum(), "ident": "tous"},
               "timeline": lambda: {"t": views.timeline()}}[name]()  # only the one asked for
    return rendering.renderer(lang).render(f"{name}.svg.j2", v=views, root=root, **context, **options)
