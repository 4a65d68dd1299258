"""Prepare what each generated page needs, and render it from its template.

Python here only selects, sorts and links records; the markup is in
macros/templates/. `generated_pages` is the list of pages that exist only
because a YAML file does (one per site, plus the data-driven indexes).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from markdown.extensions.toc import slugify, unique

from . import geography, graphics, provenance, rendering, schemas, story
from .content import Catalogue
from .history import History
from .model import (
    CONTINUUM,
    KINDS,
    ORGANISATION_KINDS,
    RESOURCE_TYPES,
    SITE_KINDS,
    TOPIC_PARENT,
    TOPICS,
    Contact,
    Resource,
    Text,
    walk,
)
from .names import fold


@dataclass
class GeneratedPage:
    path: str            # in the docs tree, e.g. "sites/lievin.md"
    title: str           # plain text
    description: str     # plain text
    html: str            # the page's content, rendered straight from its template
    headings: Headings
    source: Path | None  # the YAML file the page comes from, for its edit link
    updated: dt.date | None = None  # the last change of what it shows, from Git (the sitemap's lastmod)


class Fact(NamedTuple):
    """One fact a record may give: its field in the YAML, the key of its label in
    strings.yml, and its value (empty when the sources do not say it)."""

    field: str
    label: str
    value: object


# the optional fields the sources are asked for, by kind, with their labels in
# strings.yml: what the « Ce qui manque » page lists when unknown (a site's depend
# on its kind: Views.applicable_facts; a history step's fields are its story, not asked)
ASKED_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("place", "place"), ("organisers", "organisers"), ("sites", "sites_concerned"),
               ("url", "web_address"), ("summary", "presentation")),
    "resources": (("url", "web_address"), ("type", "format"), ("language", "language"),
                  ("publisher", "publisher"), ("year", "year")),
    "organisations": (("kind", "kind"), ("country", "country"), ("website", "website"),
                      ("description", "presentation")),
    "contacts": (("role", "role"), ("email", "email"), ("phone", "phone")),
}
# the kinds of records the page lists beside the sites, in this order
MISSING_KINDS = ("events", "resources", "history", "organisations", "contacts")


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

    site_kinds = tuple(SITE_KINDS)  # in the order the sites index lists them

    def __init__(self, catalogue: Catalogue, lang: str, today: dt.date, history: History | None = None):
        self.cat = catalogue
        self.lang = lang
        self.today = today
        self.git = history or History()  # the records' dates (macros/history.py); none without history

    # --- what changed, from Git ----------------------------------------------------
    def updated(self, kind: str, key: str) -> dt.date | None:
        """The day a record last changed, from Git; None without history."""
        dates = self.git.dates(kind, key)
        return dates.changed.day if dates else None

    def page_updated(self, kind: str, key: str) -> dt.date | None:
        """A site page's last change: the site's record, or a record it shows (events, history)."""
        days = [self.updated(kind, key)]
        if kind == "sites":
            days += [self.updated("events", k) for k, _ in self.site_events(key)]
            days += [self.updated("history", k) for k, _ in self.history(key)]
            days += [self.updated("resources", k) for k, _ in self.site_resources(key)]
        known = [day for day in days if day]
        return max(known) if known else None

    def kind_updated(self, *kinds: str) -> dt.date | None:
        """The last change of any record of these kinds (an index page's)."""
        days = [dates.changed.day for (kind, key), dates in self.git.records.items()
                if kind in kinds and key in self.cat.entries.get(kind, {})]
        return max(days) if days else None

    def news_left_out(self) -> int:
        """How many older changes the « Nouveautés » page leaves out."""
        return max(0, len(self.whats_new()) - NEWS_ON_PAGE)

    @staticmethod
    def news_label(kind: str) -> str:
        return NEWS_LABELS[kind]

    def whats_new(self) -> list[dict]:
        """Every published record readers have a link to, with its dates, most recent change first."""
        def compute():
            found = []
            for kind in NEWS_KINDS:
                for key, entry in self.cat.entries[kind].items():
                    dates = self.git.dates(kind, key)
                    record = entry.record
                    if dates is None or (isinstance(record, Contact) and not record.public):
                        continue
                    found.append({"kind": kind, "key": key, "record": record, "dates": dates,
                                  "title": record_title(record), "link": record_link(kind, key),
                                  "release": self.git.release(dates.changed), "new": dates.is_new})
            return sorted(found, key=lambda item: (item["dates"].changed.when, item["kind"], item["key"]),
                          reverse=True)
        return self.cat.cached(f"whats_new:{id(self.git)}", compute)

    def whats_new_groups(self) -> list[dict]:
        """The same, grouped by the release that first held each change (newest first); the
        changes not yet released first, under no tag. One group, untagged, without releases."""
        groups: dict = {}
        for item in self.whats_new()[:NEWS_ON_PAGE]:
            groups.setdefault(item["release"], []).append(item)
        ordered = [None] + [release.tag for release in self.git.releases]  # newest first
        by_tag = {release.tag: release for release in self.git.releases}
        def by_day(items):  # most recent day first, as the items come
            days: dict = {}
            for item in items:
                days.setdefault(item["dates"].changed.day, []).append(item)
            return list(days.items())
        return [{"release": by_tag.get(tag) if tag else None, "items": groups[tag], "days": by_day(groups[tag])}
                for tag in ordered if tag in groups]

    @staticmethod
    def schema_files() -> list[str]:
        """The JSON Schemas published under /schemas/ (macros/downloads.py), one per kind."""
        return [schemas.schema_name(folder) for folder in KINDS]

    def fingerprint_files(self) -> list[str]:
        """The sources whose text's fingerprint is published under /donnees/empreintes/
        (macros/downloads.py), for the contribution form's excerpt check."""
        return sorted(self.cat.fingerprints)

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
        found = [(k, entries[k].record) for k in keys]
        return [(k, r) for k, r in found if isinstance(r, Contact) and r.public]

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
            found = [(k, r) for k, r in found if isinstance(r, Resource)
                     and (topic in r.topics or any(TOPIC_PARENT.get(t) == topic for t in r.topics))]
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

    def resource_columns(self):
        """The table's columns after the title, as (field, label key, minor), in reading
        order: a column empty for every resource is left out; on a phone only two show,
        kind and year first, then publisher, the others being `minor`."""
        resources = [r for _, r in self.resources()]
        present = [name for name in ("type", "publisher", "language", "year")
                   if any(getattr(r, name) for r in resources)]
        on_phone = [name for name in ("type", "year", "publisher", "language") if name in present][:2]
        labels = {"type": "format", "publisher": "publisher", "language": "language", "year": "year"}
        return [(name, labels[name], name not in on_phone) for name in present]

    def history(self, site=None):
        """The history steps in story order (macros/story.py): all, or those naming a site."""
        if site is None:
            return story.steps(self.cat)
        entries, numbers = self.cat.entries["history"], story.numbers(self.cat)
        return sorted(((key, entries[key].record) for key in self.cat.referrers("history", "sites", site)),
                      key=lambda item: numbers[item[0]])

    def phases(self):
        return story.phases(self.cat)

    def ordered_sites(self):
        return [(key, self.cat.sites[key]) for key in site_order(self.cat)]

    @staticmethod
    def in_france(site) -> bool:
        """True for a site of the French programme, False for a place of inspiration in Québec."""
        return geography.in_france(site.kind)

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
        """History entries numbered in story order, as on the timeline (macros/story.py)."""
        return story.numbers(self.cat)

    # --- a site's page: what is its own first, what the programme shares once -----
    def shared(self, kind: str, key: str) -> bool:
        """True when an event or history step concerns more than one site (or none):
        it belongs to the programme, and is told in full on the calendar or history page."""
        if kind == "events":
            return len(self.cat.events[key].sites) != 1
        return len(self.cat.history[key].sites) != 1

    def site_page(self, key: str, site) -> dict:
        """What a site page shows: the facts that apply to its kind and are known,
        the unknown ones (for one "to be completed" line), and its events and
        history split into its own (told in full) and the programme's (listed)."""
        applicable = self.applicable_facts(site)
        events, history = self.site_events(key), self.history(key)
        return {
            "known": [fact.label for fact in applicable if fact.value],
            "unknown": [fact.label for fact in applicable if not fact.value],
            "own_events": [(k, e) for k, e in events if not self.shared("events", k)],
            "own_history": [(k, h) for k, h in history if not self.shared("history", k)],
            "programme": self._programme_moments(events, history),
        }

    def site_card(self, key: str, site) -> dict:
        """What a card of the sites index says beyond the name and the place: the
        programme phases of a French site (their names carry their years), or for a
        place in Québec the years in which the programme's steps name it."""
        if site.phases:
            return {"phases": [self.cat.phases[p] for p in site.phases], "years": ""}
        days = [record.date for _, record in self.site_events(key) + self.history(key)]
        if not days:
            return {"phases": [], "years": ""}
        first, last = min(d.first_day().year for d in days), max(d.last_day().year for d in days)
        return {"phases": [], "years": str(first) if first == last else f"{first}–{last}"}

    def applicable_facts(self, site) -> list[Fact]:
        """The facts that apply to a site's kind, known or not, in reading order: the
        one place this rule lives (the site page's « À compléter » line and the
        « Ce qui manque » page both read it).

        A site of the French programme can be asked for all of them. A place in
        Québec is itself a neighbourhood or a territory, outside the programme: no
        département, neighbourhood, programme phase, local collective, priority
        challenge nor continuum position is asked of it (one given is still shown),
        and its municipality only when known (Kahnawà:ke is a territory, not one).
        Only public contacts count: a private one is neither shown nor a known fact."""
        french = geography.in_france(site.kind)
        facts = [
            Fact("departement", "departement", site.departement) if french else None,
            Fact("commune", "commune", site.commune) if french or site.commune else None,
            Fact("neighbourhood", "neighbourhood", site.neighbourhood) if french or site.neighbourhood else None,
            Fact("phases", "phases", site.phases) if french else None,
            Fact("collective", "collective", site.collective) if french or site.collective else None,
            Fact("challenge", "challenge", site.challenge) if french or site.challenge else None,
            Fact("organisations", "organisations", site.organisations),
            Fact("contacts", "contacts", self.contacts(site.contacts)),
            Fact("continuum", "continuum_short", site.continuum) if french or site.continuum else None,
        ]
        return [fact for fact in facts if fact]

    def unknown_facts(self, kind: str, record) -> list[Fact]:
        """What the sources do not yet say of a record: the facts that apply to it and
        are unknown (a site's depend on its kind; the other kinds' are ASKED_FIELDS).
        A private contact is never asked about: readers do not see it."""
        if kind == "sites":
            return [fact for fact in self.applicable_facts(record) if not fact.value]
        if not record.is_published():
            return []
        return [Fact(field, label_key, getattr(record, field)) for field, label_key in ASKED_FIELDS.get(kind, ())
                if not getattr(record, field)]

    def missing(self) -> dict:
        """The « Ce qui manque » page: for each site (in the sites' order) its own
        unknown facts, then those of the events, resources and history steps that
        name it alone; then, for the whole programme, those of the records that name
        several sites or none, by kind. Records with nothing unknown are left out;
        `count` is the number of (record, field) items listed."""
        by_site, programme = self._missing_by_place()
        sites = self._missing_sites(by_site)
        groups = [(kind, items) for kind, items in programme.items() if items]
        site_count = sum(len(i["facts"]) for s in sites for i in s["items"])
        programme_count = sum(len(i["facts"]) for _, items in groups for i in items)
        return {"sites": sites, "programme": groups,
                "count": site_count + programme_count,
                "site_count": site_count,
                "programme_count": programme_count}

    def _missing_item(self, kind: str, key: str, record) -> dict | None:
        """A record's entry on the « Ce qui manque » page; None when nothing of it is unknown."""
        facts = self.unknown_facts(kind, record)
        if not facts:
            return None
        return {"kind": kind, "key": key, "record": record, "title": record_title(record),
                "link": record_link(kind, key) if kind in LINKED_KINDS else None,
                "facts": facts}

    def _missing_candidates(self) -> dict[str, list]:
        """The records of each of MISSING_KINDS, in the order the page lists them."""
        return {"events": self.events(), "resources": self.resources(), "history": self.history(),
                "organisations": sorted(((k, e.record) for k, e in self.cat.entries["organisations"].items()),
                                        key=lambda pair: fold(pair[1].name.get(self.lang))),
                "contacts": sorted(self.contacts(), key=lambda pair: fold(pair[1].name))}

    def _missing_by_place(self) -> tuple[dict[str, list], dict[str, list]]:
        """The entries of the records other than sites: those naming one site alone, by
        site (in the sites' order); the others, by kind."""
        by_site: dict[str, list] = {key: [] for key in site_order(self.cat)}
        programme: dict[str, list] = {kind: [] for kind in MISSING_KINDS}
        listed = self._missing_candidates()
        for kind in MISSING_KINDS:
            for key, record in listed[kind]:
                found = self._missing_item(kind, key, record)
                if not found:
                    continue
                sites = getattr(record, "sites", [])
                (by_site[sites[0]] if len(sites) == 1 else programme[kind]).append(found)
        return by_site, programme

    def _missing_sites(self, by_site: dict[str, list]) -> list[dict]:
        """Each site with something unknown, of its own or of the records naming it alone."""
        sites = []
        for key, others in by_site.items():
            own = self._missing_item("sites", key, self.cat.sites[key])
            if own or others:
                sites.append({"key": key, "site": self.cat.sites[key], "items": ([own] if own else []) + others})
        return sites

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
        groups: dict[str, list] = {"upcoming": [], "ongoing": [], "past": []}
        for key, event in self.events():
            groups[event.date.status(self.today)].append((key, event))
        groups["past"].reverse()  # most recent first
        return groups



# the records a reader has a link to, as the "What's new" page and its feed list them
NEWS_ON_PAGE = 300  # the most recent changes on the page (a record's latest change only); the rest are older
NEWS_KINDS = ("sites", "events", "resources", "history", "phases", "contacts")
NEWS_LABELS = {"sites": "news_site", "events": "news_event", "resources": "news_resource",
               "history": "news_history", "phases": "news_phase", "contacts": "news_contact"}


def record_title(record) -> Text:
    value = getattr(record, "title", None) or getattr(record, "name", None)
    return value if isinstance(value, Text) else Text(fr=str(value), en=str(value))  # a name: the same in both


LINKED_KINDS = ("sites", "events", "resources", "history", "phases", "contacts")  # record_link's kinds


def record_link(kind: str, key: str) -> str:
    """Where a record is shown, from a language's root (no leading slash)."""
    return {"sites": f"sites/{key}/", "events": f"calendrier/#evenement-{key}",
            "resources": f"ressources/#ressource-{key}", "history": f"histoire/#histoire-{key}",
            "phases": f"histoire/#phase-{key}", "contacts": f"contacts/#contact-{key}"}[kind]


INDEX_PAGES = {  # generated page -> template
    "sites/index.md": "sites_index.html.j2",
    "ressources/index.md": "resources.html.j2",
    "calendrier/index.md": "calendar.html.j2",
    "contacts/index.md": "contacts.html.j2",
    "histoire/index.md": "history.html.j2",
    "donnees/index.md": "data.html.j2",
    "recherche/index.md": "search.html.j2",
    "nouveautes/index.md": "whats_new.html.j2",
    "a-completer/index.md": "missing.html.j2",
}
# the records an index page shows: its date in the sitemap is their last change
INDEX_KINDS = {"sites/index.md": ("sites",), "ressources/index.md": ("resources",),
               "calendrier/index.md": ("events",), "contacts/index.md": ("contacts", "organisations"),
               "histoire/index.md": ("history", "phases"), "nouveautes/index.md": NEWS_KINDS,
               "donnees/index.md": ("sites", "events", "resources"),
               "a-completer/index.md": ("sites", "events", "resources", "history", "organisations", "contacts")}


def to_root(url: str) -> str:
    """The way up from a page's URL (MkDocs' page.url, relative to the site's root) to
    that root: "sites/lievin/" -> "../../", "" (the home page) -> "". The one place of
    this rule: generated pages, the macros of hand-written pages and the JSON-LD use it
    (the theme's language selector, overrides/partials/alternate.html, reads MkDocs'
    own base_url, the same way up)."""
    return "../" * url.count("/")


def french_root(root: str, lang: str) -> str:
    """The way from a page, whose way up to its own site's root is `root`, to the French
    site's root, where the files published once live (open data, schemas, release
    notes): the English site is the French one's en/ folder."""
    return root + ("../" if lang == "en" else "")


def page_root(path: str, directory_urls: bool = True) -> str:
    """The way up from a generated page to the site's root: "sites/lievin.md" is at
    sites/lievin/ ("../../") with MkDocs' directory URLs, at sites/lievin.html ("../") without."""
    stem = path.removesuffix(".md")
    url = (stem.removesuffix("index") if stem.endswith("index") else stem + "/") if directory_urls else stem + ".html"
    return to_root(url)


def generated_pages(catalogue: Catalogue, lang: str, today: dt.date, permalink_title: str = "",
                    directory_urls: bool = True, history: History | None = None) -> list[GeneratedPage]:
    """Every page that exists because of the content, rendered to HTML.

    `permalink_title` is the title of the heading anchors (the toc extension's
    setting in mkdocs.yml), so that these pages match the hand-written ones.
    """
    renderer = rendering.renderer(lang)
    views = Views(catalogue, lang, today, history)
    reserved = card_ids(catalogue)

    def page(path: str, template: str, source: Path | None, updated: dt.date | None, **context) -> GeneratedPage:
        headings = Headings(reserved)
        root = page_root(path, directory_urls)
        module = renderer.module(template, v=views, headings=headings, permalink_title=permalink_title,
                                 root=root, french_root=french_root(root, lang), **context)
        return GeneratedPage(path, module.title, module.description, str(module), headings, source, updated)

    pages = [page(path, template, None, views.kind_updated(*INDEX_KINDS.get(path, ())))
             for path, template in INDEX_PAGES.items()]
    for key, entry in catalogue.entries["sites"].items():
        pages.append(page(f"sites/{key}.md", "site.html.j2", entry.file, views.page_updated("sites", key),
                          key=key, site=entry.record))
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
