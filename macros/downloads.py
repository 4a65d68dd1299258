"""The files published beside the pages: calendars, contact cards, open data.

Paths are stable and documented on the "Données ouvertes" page:
  calendrier/programme.ics       every event (in each language's site)
  calendrier/sites/<site>.ics    the events of one site
  contacts/<contact>.vcf         one public contact
  donnees/contenu.json           every published record (French site only)
  donnees/{sites,evenements,ressources}.csv
  donnees/datapackage.json       the open data described as a Frictionless Data Package
  nouveautes/feed.xml            the « Nouveautés » Atom feed (in each language's site)
  nouveautes/notes.md            the release notes since the previous release (French site, with
                                 English; only with the Git history)
  sitemap_index.xml              with SITE_URL only: the two languages' sitemaps (sitemap.xml,
                                 en/sitemap.xml, which MkDocs writes), one address to give
                                 search engines; robots.txt names it when the site is
                                 at its domain's root (a crawler reads no other robots.txt)
  schemas/<kind>.schema.json     the JSON Schema of each kind (French site only)
  donnees/empreintes/<source>.json  the fingerprint of each source document's text
                                 (macros/fingerprints.py, Fingerprint.published), which the
                                 form fetches to check an excerpt as it is typed (French
                                 site only: both forms read it there)
  assets/form-data.js            what the "Proposer une fiche" form needs: the
                                 schemas, the ids and names of the records, the
                                 English labels of the vocabularies
"""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from . import atom, exports, feeds, fingerprints, form_messages, form_rules, model, notes, schemas
from .content import Catalogue
from .history import History
from .model import KINDS, Site
from .pages import Views


def site_timezone(site: Site) -> str:
    if site.country == "CA":
        return "America/Toronto"  # Montréal's zone
    if site.region == "Mayotte":
        return "Indian/Mayotte"
    return "Europe/Paris"


def datapackage(today: dt.date, site_url: str = "", licence: dict | None = None) -> bytes:
    """The open data as a Frictionless Data Package (datapackage.json, v1 spec):
    each CSV file with its columns and their types, and the full JSON export.
    `licence` (mkdocs.yml: extra.data_licence) is the one place the licence is set."""
    package: dict[str, object] = {
        "name": "quartiers-impact-collectif",
        "title": "Quartiers à Impact Collectif — données ouvertes",
        "description": "Sites, événements et ressources de l'approche impact collectif dans les quartiers "
                       "prioritaires (ANCT), tirés des documents sources cités dans chaque fiche.",
        "created": dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
                     .isoformat().replace("+00:00", "Z"),
        "keywords": ["impact collectif", "politique de la ville", "ANCT"],
    }
    if site_url:
        package["homepage"] = site_url.rstrip("/") + "/donnees/"
    if licence and licence.get("name"):
        package["licenses"] = [{key: licence[key] for key in ("name", "path", "title") if licence.get(key)}]
    package["resources"] = [
        {"name": name, "path": path, "title": title, "profile": "tabular-data-resource",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}}
        for name, (path, title, fields) in exports.TABLES.items()
    ] + [
        {"name": "contenu", "path": "contenu.json", "title": "Toutes les fiches publiées (" + ", ".join(KINDS) + ")",
         "format": "json", "mediatype": "application/json", "encoding": "utf-8"},
    ]
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


SITEMAPS = ("sitemap.xml", "en/sitemap.xml")  # MkDocs' sitemap of each language's site


def sitemap_index(site_url: str, today: dt.date) -> bytes:
    """The sitemap index (sitemaps.org 0.9) of both languages' sitemaps, at the root."""
    root = site_url.rstrip("/") + "/"
    entries = "".join(f"<sitemap><loc>{escape(root + path)}</loc><lastmod>{today.isoformat()}</lastmod></sitemap>\n"
                      for path in SITEMAPS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n").encode()


def robots(site_url: str) -> bytes | None:
    """robots.txt naming the sitemap index, only for a site at its domain's root: under
    a path (a GitHub Pages project site, https://<owner>.github.io/<repository>/),
    crawlers would never read it (they read /robots.txt of the domain only)."""
    if urlsplit(site_url).path.strip("/"):
        return None
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap_index.xml\n".encode()


def generated_downloads(catalogue: Catalogue, lang: str, today: dt.date,
                        site_url: str = "", licence: dict | None = None,
                        history: History | None = None) -> list[tuple[str, bytes]]:
    organisations = catalogue.organisations
    views = Views(catalogue, lang, today, history)
    # `site_url` is this language's own address (the hook gives .../en/ to the English
    # site): nothing is added to it. Every calendar entry, in the programme's calendar
    # and in a site's, links to the event on the calendar page, which lists every event
    # under its id "evenement-<key>" (a site page tells in full only the events of that
    # site alone, and lists the shared ones with a link to the calendar page).
    calendar_page = site_url.rstrip("/") + "/calendrier/" if site_url else ""
    title = "Quartiers à Impact Collectif" if lang == "fr" else "Collective Impact Neighbourhoods"
    files = [("calendrier/programme.ics",
              feeds.calendar(views.events(), lang, title, today, organisations, page_url=calendar_page,
                             sources=catalogue.sources))]
    for key, site in catalogue.sites.items():
        files.append((f"calendrier/sites/{key}.ics",
                      feeds.calendar(views.site_events(key), lang, f"{title} — {site.name.get(lang)}", today,
                                     organisations, timezone=site_timezone(site), page_url=calendar_page,
                                     sources=catalogue.sources)))
    files.append((atom.FEED_PATH, atom.feed(views, site_url)))
    for key, contact in exports.published(catalogue, "contacts"):
        files.append((f"contacts/{key}.vcf", feeds.vcard(contact, organisations[contact.organisation], lang, key)))
    if lang == "fr":  # the data are the same in both languages: published once, at the root
        files += [
            ("donnees/contenu.json", exports.content_json(catalogue, today.isoformat())),
            *((f"donnees/{name}", data) for name, data in exports.csv_files(catalogue)),
            ("donnees/datapackage.json", datapackage(today, site_url, licence)),
        ]
        files += [(f"schemas/{name}", text.encode("utf-8")) for name, text in schemas.schema_files().items()]
        files += [(f"{fingerprints.PUBLISHED}/{key}.json", fingerprint.published())
                  for key, fingerprint in sorted(catalogue.fingerprints.items())]
        release_notes = notes.notes_file(catalogue, history)
        if release_notes:
            files.append(("nouveautes/notes.md", release_notes))
        if site_url:  # sitemaps need absolute addresses: none is published without SITE_URL
            files.append(("sitemap_index.xml", sitemap_index(site_url, today)))
            robots_txt = robots(site_url)
            if robots_txt:
                files.append(("robots.txt", robots_txt))
    files.append(("assets/form-data.js", form_data(catalogue)))
    return files


def form_data(catalogue: Catalogue) -> bytes:
    """The form's data as a script (it works from a file:// copy too, where fetch does not)."""
    def names(kind: str) -> list[list[str]]:
        rows = []
        for key, record in exports.published(catalogue, kind):  # contacts kept off the site stay off
            label = getattr(record, "name", None) or getattr(record, "title", None)
            label = model.Text(fr=label) if isinstance(label, str) else label
            rows.append([key, label.fr if label else key, label.get("en") if label else key])
        return rows

    vocabularies = {}
    for vocabulary in schemas.VOCABULARIES:
        vocabularies.update({value: list(labels) for value, labels in vocabulary.items()})
    data = {"schemas": {folder: schemas.kind_schema(folder) for folder in model.KINDS},
            "records": {kind: names(kind) for kind in model.KINDS},
            "labels": vocabularies,
            # each source document's public address (its record's `url`, or null) and whether
            # the site publishes the fingerprint of its text (donnees/empreintes/<id>.json)
            "sources": {key: {"url": source.url, "fingerprint": key in catalogue.fingerprints}
                        for key, source in sorted(catalogue.sources.items())},
            # the checks' patterns and the typography rules (macros/form_rules.py), and every
            # word of the form in both languages (macros/form_messages.py)
            "rules": form_rules.rules(),
            "words": {lang: form_messages.catalogue(lang) for lang in ("fr", "en")}}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.QIC_FORM = {text};\n".encode()
