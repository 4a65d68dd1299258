"""schema.org JSON-LD for the pages made from the content, for machines (search engines).

Only what the records say: an event's date as precise as its sources (startDate
"2022-10" is ISO 8601 for a month), its place and organisers only when known; a
resource's real link only when known. Addresses are absolute with the site's
address (SITE_URL), relative to the page without it. Imports no MkDocs.
"""
from __future__ import annotations

import json

from .atom import plain
from .model import Text
from .pages import Views

CONTEXT = "https://schema.org"
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
# the files of the open data, as the "Données ouvertes" page lists them (macros/downloads.py)
DISTRIBUTIONS = [("donnees/contenu.json", "application/json"), ("donnees/sites.csv", "text/csv"),
                 ("donnees/evenements.csv", "text/csv"), ("donnees/ressources.csv", "text/csv"),
                 ("donnees/datapackage.json", "application/json")]


def script(data: list[dict] | dict) -> str:
    """The JSON-LD as the text of a <script type="application/ld+json">: every "<" written
    \\u003c (the same string in JSON), so that no text of a record can close the element
    ("</script>") or open a comment ("<!--")."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


class Addresses:
    """Addresses from a language's root: absolute with `site_url` (this language's), else
    relative to the page (`root` is the way up from it)."""

    def __init__(self, site_url: str, root: str, data_base: str):
        self.base = site_url.rstrip("/") + "/" if site_url else root
        self.data_base = data_base  # where the open data are: the French site's root

    def __call__(self, path: str) -> str:
        return self.base + path

    def data(self, path: str) -> str:
        return self.data_base + path


def _text(value: Text | None, lang: str) -> str | None:
    return value.get(lang) if value else None


def _clean(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def organisation(views: Views, key: str) -> dict:
    org = views.org(key)
    return _clean({"@type": "Organization", "name": org.name.get(views.lang), "alternateName": org.short_name,
                   "url": org.website, "description": plain(org.description, views.lang)})


def event(views: Views, key: str, record, url: Addresses) -> dict:
    lang = views.lang
    return _clean({
        "@type": "Event", "@id": url(f"calendrier/#evenement-{key}"), "url": url(f"calendrier/#evenement-{key}"),
        "name": record.title.get(lang),
        "startDate": record.date.start.iso(),
        "endDate": record.date.end.iso() if record.date.end else None,
        "description": plain(record.summary, lang) or None,
        "location": {"@type": "Place", "name": record.place.get(lang)} if record.place else None,
        "organizer": [organisation(views, o) for o in record.organisers],
    })


def place(views: Views, key: str, site, url: Addresses) -> dict:
    lang = views.lang
    return _clean({
        "@type": "Place", "@id": url(f"sites/{key}/"), "url": url(f"sites/{key}/"), "name": site.name.get(lang),
        "description": plain(site.summary, lang) or None,
        "geo": {"@type": "GeoCoordinates", "latitude": float(site.coordinates.lat),
                "longitude": float(site.coordinates.lon)},
        "address": _clean({"@type": "PostalAddress", "addressLocality": site.commune, "addressRegion": site.region,
                           "addressCountry": site.country}),
    })


def creative_work(views: Views, key: str, resource, url: Addresses) -> dict:
    lang = views.lang
    return _clean({
        "@type": "CreativeWork", "@id": url(f"ressources/#ressource-{key}"),
        "url": resource.url,  # the resource itself, only when its link is known
        "name": resource.title.get(lang), "description": plain(resource.summary, lang) or None,
        "inLanguage": resource.language,
        "publisher": organisation(views, resource.publisher) if resource.publisher else None,
        "datePublished": str(resource.year) if resource.year else None,
        "keywords": [views.label("topic", t) for t in resource.topics],
    })


def dataset(views: Views, page_url: str, url: Addresses, licence: dict | None) -> dict:
    from .rendering import strings
    lang = views.lang
    return _clean({
        "@type": "Dataset", "@id": page_url, "url": page_url,
        "name": "Quartiers à Impact Collectif — données ouvertes" if lang == "fr"
        else "Collective Impact Neighbourhoods — open data",
        "description": strings()["data_intro"][lang],
        "inLanguage": "fr",  # the records are in French (English where translated)
        "isAccessibleForFree": True,
        "license": (licence or {}).get("path"),
        "distribution": [{"@type": "DataDownload", "contentUrl": url.data(path), "encodingFormat": kind}
                         for path, kind in DISTRIBUTIONS],
    })


def for_page(views: Views, path: str, page_url: str, url: Addresses, licence: dict | None = None) -> list[dict]:
    """The schema.org items of a generated page (`path` in the docs tree, e.g. "sites/lievin.md")."""
    if path.startswith("sites/") and path != "sites/index.md":
        key = path.removeprefix("sites/").removesuffix(".md")
        return [place(views, key, views.cat.sites[key], url)]
    if path == "calendrier/index.md":
        return [event(views, key, record, url) for key, record in views.events()]
    if path == "ressources/index.md":
        return [creative_work(views, key, record, url) for key, record in views.resources()]
    if path == "contacts/index.md":
        return [organisation(views, key) for key in sorted({c.organisation for _, c in views.contacts()})]
    if path == "donnees/index.md":
        return [dataset(views, page_url, url, licence)]
    return []


def breadcrumbs(trail: list[tuple[str, str | None]]) -> dict:
    """A BreadcrumbList of (name, address) from the home page to this page."""
    items = []
    for position, (name, address) in enumerate(trail, 1):
        items.append(_clean({"@type": "ListItem", "position": position, "name": name, "item": address}))
    return {"@type": "BreadcrumbList", "itemListElement": items}


def document(items: list[dict]) -> dict:
    return {"@context": CONTEXT, "@graph": items}
