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

from . import graphics, provenance, rendering, schemas
from .content import Catalogue, fold
from .model import (
    CONTINUUM,
    KINDS,
    ORGANISATION_KINDS,
    RESOURCE_TYPES,
    SITE_KINDS,
    TOPIC_PARENT,
    TOPICS,
    Text,
    walk,
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
    suffixes for repeats), so that links into the pages keep working. The ids the
    templates give the records' cards (`reserved`: histoire-<file>, contact-<file>…)
    are never taken by a heading: a heading « Histoire apprenante » beside a card
    for content/history/apprenante.yml gets histoire-apprenante_1, and the card,
    which other pages link to, keeps its id.
    """

    def __init__(self, reserved: frozenset[str] = frozenset()):
        self.items: list[tuple[int, str, str]] = []  # (level, id, text)
        self._ids: set[str] = set(reserved)

    def add(self, level: int, text: str, anchor: str | None = None) -> str:
        anchor = unique(anchor or slugify(str(text), "-"), self._ids)
        self.items.append((level, anchor, str(text)))
        return anchor


# the ids the templates write besides the headings' (see Headings)
CARD_PREFIXES = {"history": "histoire-", "contacts": "contact-", "events": "evenement-", "resources": "ressource-"}
TEMPLATE_IDS = frozenset({"carte-titre", "carte-desc", "frise-titre", "frise-desc", "frise-etroite-titre",
                          "qic-filters", "qic-resources", "qic-search"})


def card_ids(catalogue: Catalogue) -> frozenset[str]:
    """Every id a record's card may have on a generated page, and the templates' own."""
    return TEMPLATE_IDS | frozenset(prefix + key for kind, prefix in CARD_PREFIXES.items()
                                    for key in catalogue.entries[kind])


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

    @staticmethod
    def schema_files() -> list[str]:
        """The JSON Schemas published under /schemas/ (macros/downloads.py), one per kind."""
        return [schemas.schema_name(folder) for folder in KINDS]

    # --- small lookups -----------------------------------------------------------
    def org(self, key):
        return self.cat.entries["organisations"][key].record

    def page_sources(self, cited):
        """A page's own citations (ids, or {source: id, excerpts: [...]}) as a record for sources_list."""
        return _page_record(self.cat, cited)

    def sources(self, record):
        """A record's citations as the pages show them (macros/provenance.py), and its note."""
        return provenance.cited(self.cat, record.sources, rendering.strings()["at_word"][self.lang]), record.note

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
        return [(s, self.cat.sites[s]) for s in self.cat.events[key].sites]

    def site_events(self, site_key):
        """The events that name this site (an event names its sites, not the other way)."""
        return self._by_site("events", self.events).get(site_key, [])

    def site_resources(self, site_key):
        return self._by_site("resources", self.resources).get(site_key, [])

    def _by_site(self, kind: str, ordered) -> dict[str, list]:
        """{site: [(key, record), …]} in the order of `ordered()`, built once per language."""
        def index():
            found: dict[str, list] = {}
            for key, record in ordered():
                for site in record.sites:
                    found.setdefault(site, []).append((key, record))
            return found
        return self.cat.cached(f"by_site:{kind}:{self.lang}", index)

    def resources(self, keys=None, topic=None):
        entries = self.cat.entries["resources"]
        keys = list(entries) if keys is None else keys
        found = [(k, entries[k].record) for k in keys]
        if topic:
            found = [(k, r) for k, r in found
                     if topic in r.topics or any(TOPIC_PARENT.get(t) == topic for t in r.topics)]
        return sorted(found, key=lambda item: item[1].title.get(self.lang).casefold())

    @staticmethod
    def topic_keys(resource) -> str:
        """A resource's topics and their parent topics, for the filters (data-topic):
        a resource on "vision-partagee" is also one on "conditions", as on the approach pages."""
        keys = list(resource.topics)
        keys += [TOPIC_PARENT[t] for t in resource.topics if t in TOPIC_PARENT and TOPIC_PARENT[t] not in keys]
        return " ".join(dict.fromkeys(keys))

    def resource_facets(self):
        """The values readers can narrow the resource list by, with their labels."""
        resources = [r for _, r in self.resources()]
        publishers = sorted({r.publisher for r in resources if r.publisher},
                            key=lambda key: fold(self.org(key).name.get(self.lang)))
        topics = [t for t in TOPICS if any(t in self.topic_keys(r).split() for r in resources)]
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
        return any(isinstance(value, Text) and value.is_fallback("en")
                   for record in records for _, value in walk(record))

    def site_map(self):
        return self.cat.cached(f"site_map:{self.lang}", lambda: graphics.site_map(self.cat, self.lang))

    def timeline(self):
        return self.cat.cached(f"timeline:{self.lang}", lambda: graphics.timeline(self.cat, self.lang))

    def timeline_narrow(self):
        return self.cat.cached(f"timeline_narrow:{self.lang}", lambda: graphics.timeline_narrow(self.cat, self.lang))

    def continuum(self, only=None):
        return self.cat.cached(f"continuum:{only}", lambda: graphics.continuum(self.cat, only))

    def step_numbers(self):
        """History entries numbered in date order, as on the timeline."""
        return self.cat.cached("step_numbers",
                               lambda: {key: index for index, (key, _) in enumerate(self.history(), 1)})

    # --- a site's page: what is its own first, what the programme shares once -----
    def shared(self, kind: str, key: str) -> bool:
        """True when an event or history step concerns more than one site (or none):
        it belongs to the programme, and is told in full on the calendar or history page."""
        if kind == "events":
            return len(self.cat.events[key].sites) != 1
        return len(self.cat.entries["history"][key].record.sites) != 1

    def site_page(self, key: str, site) -> dict:
        """What a site page shows: the facts that apply to its kind and are known,
        the unknown ones (for one "to be completed" line), and its events and
        history split into its own (told in full) and the programme's (listed)."""
        applicable = self._applicable_facts(site)
        events, history = self.site_events(key), self.history(key)
        return {
            "known": [name for name, value in applicable if value],
            "unknown": [name for name, value in applicable if not value],
            "own_events": [(k, e) for k, e in events if not self.shared("events", k)],
            "own_history": [(k, h) for k, h in history if not self.shared("history", k)],
            "programme": self._programme_moments(events, history),
        }

    def _applicable_facts(self, site) -> list[tuple[str, object]]:
        """(label key, value) of the facts that apply to a site's kind, in reading order:
        no département nor programme phases for a place in Québec."""
        french = site.kind != "inspiration"
        facts = [
            ("departement", site.departement) if french else None,
            ("commune", site.commune),
            ("neighbourhood", site.neighbourhood),
            ("phases", site.phases) if french else None,
            ("collective", site.collective),
            ("challenge", site.challenge),
            ("organisations", site.organisations),
            ("contacts", self.contacts(site.contacts)),
            ("continuum_short", site.continuum),
        ]
        return [fact for fact in facts if fact]

    def _programme_moments(self, events, history) -> list[dict]:
        """The programme's shared moments, once each: an event and a history step over
        the same days are one moment (told in the history, dated in the calendar)."""
        steps = [{"key": k, "title": h.title, "date": h.date, "event": None} for k, h in history
                 if self.shared("history", k)]
        alone = []
        for k, e in events:
            if not self.shared("events", k):
                continue
            days = (e.date.first_day(), e.date.last_day())
            twin = next((step for step in steps if step["event"] is None
                         and (step["date"].first_day(), step["date"].last_day()) == days), None)
            if twin:
                twin["event"] = k
            else:
                alone.append({"key": None, "title": e.title, "date": e.date, "event": k})
        return sorted(steps + alone, key=lambda item: (item["date"].first_day(), item["date"].last_day(),
                                                       item["key"] or "", item["event"] or ""))

    def calendar_groups(self):
        groups = {"upcoming": [], "ongoing": [], "past": []}
        for key, event in self.events():
            groups[event.date.status(self.today)].append((key, event))
        groups["past"].reverse()  # most recent first
        return groups



INDEX_PAGES = {  # generated page -> template
    "sites/index.md": "sites_index.html.j2",
    "ressources/index.md": "resources.html.j2",
    "calendrier/index.md": "calendar.html.j2",
    "contacts/index.md": "contacts.html.j2",
    "histoire/index.md": "history.html.j2",
    "donnees/index.md": "data.html.j2",
    "recherche/index.md": "search.html.j2",
}


def page_root(path: str, directory_urls: bool = True) -> str:
    """The way up from a generated page to the site's root: "sites/lievin.md" is at
    sites/lievin/ ("../../") with MkDocs' directory URLs, at sites/lievin.html ("../") without."""
    stem = path.removesuffix(".md")
    url = (stem.removesuffix("index") if stem.endswith("index") else stem + "/") if directory_urls else stem + ".html"
    return "../" * url.count("/")


def generated_pages(catalogue: Catalogue, lang: str, today: dt.date, permalink_title: str = "",
                    directory_urls: bool = True) -> list[GeneratedPage]:
    """Every page that exists because of the content, rendered to HTML.

    `permalink_title` is the title of the heading anchors (the toc extension's
    setting in mkdocs.yml), so that these pages match the hand-written ones.
    """
    renderer = rendering.renderer(lang)
    views = Views(catalogue, lang, today)
    reserved = card_ids(catalogue)

    def page(path: str, template: str, source: Path | None, **context) -> GeneratedPage:
        headings = Headings(reserved)
        module = renderer.module(template, v=views, headings=headings, permalink_title=permalink_title,
                                 root=page_root(path, directory_urls), **context)
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


def _page_record(catalogue: Catalogue, cited: list):
    """Citations written in a page (not in a YAML record), shaped like a record's."""
    from types import SimpleNamespace

    from .model import Citation
    citations = [Citation.model_validate({"source": c} if isinstance(c, str) else c) for c in cited]
    unknown = [c.source for c in citations if c.source and c.source not in catalogue.entries["sources"]]
    if unknown:
        raise ValueError(f"source inconnue « {unknown[0]} » ; sources possibles : "
                         + ", ".join(catalogue.entries["sources"]))
    return SimpleNamespace(sources=citations, note=None)


def source_list(catalogue: Catalogue, lang: str, today: dt.date, cited: list, root: str) -> str:
    """The sources of a hand-written page, as on the generated ones: title, publisher,
    date, link and excerpts. `cited` holds source ids, or {source: id, excerpts: [...]}."""
    views = Views(catalogue, lang, today)
    return rendering.renderer(lang).render("sources.html.j2", v=views, record=_page_record(catalogue, cited),
                                           root=root)


def picture(catalogue: Catalogue, lang: str, today: dt.date, name: str, root: str, **options) -> str:
    """One of the pictures (map, timeline, continuum) for a hand-written page."""
    views = Views(catalogue, lang, today)
    context = {"map": lambda: {"m": views.site_map()},
               "continuum": lambda: {"c": views.continuum(), "ident": "tous"},
               "timeline": lambda: {"t": views.timeline()}}[name]()  # only the one asked for
    return rendering.renderer(lang).render(f"{name}.svg.j2", v=views, root=root, **context, **options)
