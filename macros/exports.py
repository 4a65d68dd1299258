"""Open data: all published records as JSON, and sites, events, resources as CSV.

Published with the site at stable URLs under /donnees/ (see the "Données
ouvertes" page). Contacts not marked public are left out, as on the pages.

An event's date is given as the sources give it (2022, 2022-10, a span) with its
precision (day, month or year) beside its first and last days, so that no reader
takes "1 January 2022" for a known day; with it, the record's note on its sources
(what they do not say) and the sources themselves, title and address — as the
calendars give them (macros/feeds.py).
"""
from __future__ import annotations

import csv
import io
import unicodedata

import pydantic_core

from .content import Catalogue
from .feeds import cited_sources, date_precision, source_line
from .model import KINDS

FORMAT_VERSION = 1


def published(catalogue: Catalogue, kind: str):
    for key, entry in catalogue.entries[kind].items():
        if entry.record.is_published():
            yield key, entry.record


def content_json(catalogue: Catalogue, build_date: str) -> bytes:
    data = {
        "format": FORMAT_VERSION,
        "generated": build_date,
        "licence_note": "Faits tirés des documents sources cités dans chaque fiche (champ sources).",
        "records": {kind: dict(published(catalogue, kind)) for kind in KINDS},
        "calendar": calendar_dates(catalogue),
    }
    # pydantic's own serializer (in Rust) writes the records as their JSON schema says
    return pydantic_core.to_json(data, indent=1, exclude_none=True) + b"\n"


# A cell a spreadsheet would read as a formula (OWASP "CSV Injection"): text whose first
# visible character is = + - @ | or % (%0A), in any width (＝ is =), or that starts with a
# tab, a carriage return or a line feed. Invisible characters and spaces before it
# (U+200B, U+FEFF, U+2060, U+00A0…) do not hide it. Numbers stay numbers (-73.69 is a
# longitude).
FORMULA_START = ("=", "+", "-", "@", "|", "%")
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}  # controls, format characters, spaces, lone marks
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # fillers shown as nothing


def neutralise(cell):
    """A text cell made inert for spreadsheets: prefixed with an apostrophe, which
    spreadsheets show as text and do not display, as OWASP recommends."""
    if not isinstance(cell, str):
        return cell
    for char in cell:
        if char in "\t\r\n":
            return "'" + cell
        if unicodedata.category(char) in _INVISIBLE or char in _BLANK_LETTERS:
            continue
        return "'" + cell if unicodedata.normalize("NFKC", char).startswith(FORMULA_START) else cell
    return cell


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def sites_csv(catalogue: Catalogue) -> bytes:
    header = ["id", "nom_fr", "nom_en", "type", "region", "departement", "commune", "pays",
              "latitude", "longitude", "precision", "phases", "verifie_le"]
    rows = ([key, s.name.fr, s.name.en or "", s.kind, s.region, s.departement or "", s.commune or "",
             s.country, s.coordinates.lat, s.coordinates.lon, s.coordinates.precision,
             " ".join(s.phases), s.last_checked.isoformat()]
            for key, s in published(catalogue, "sites"))
    return _csv(header, rows)


def calendar_dates(catalogue: Catalogue) -> dict:
    """contenu.json's "calendar": each event's dates as the calendars give them (the
    days of the all-day span, and how precisely the sources know them), its note on
    the sources and the sources' titles and addresses, read without resolving ids."""
    found = {}
    for key, event in published(catalogue, "events"):
        entry = {"date": event.date.iso(), "precision": date_precision(event.date),
                 "first_day": event.date.first_day().isoformat(), "last_day": event.date.last_day().isoformat()}
        if event.note:
            entry["note"] = event.note.model_dump(exclude_none=True)
        entry["sources"] = [{key: value for key, value in (
            ("title", title.model_dump(exclude_none=True) if title else None), ("url", url)) if value}
            for title, url in cited_sources(event, catalogue.sources)]
        found[key] = entry
    return found


def events_csv(catalogue: Catalogue) -> bytes:
    header = ["id", "titre_fr", "titre_en", "date", "debut", "fin", "lieu", "fuseau", "organisateurs",
              "phase", "sites", "precision_date", "note_fr", "note_en", "sources"]
    rows = ([key, e.title.fr, e.title.en or "", e.date.iso(), e.date.first_day().isoformat(),
             e.date.last_day().isoformat(), e.place.fr if e.place else "", e.timezone,
             " ".join(e.organisers), e.phase or "", " ".join(e.sites), date_precision(e.date),
             e.note.fr if e.note else "", e.note.en or "" if e.note else "",
             "\n".join(source_line(title.fr if title else None, url)
                       for title, url in cited_sources(e, catalogue.sources))]
            for key, e in published(catalogue, "events"))
    return _csv(header, rows)


def resources_csv(catalogue: Catalogue) -> bytes:
    header = ["id", "titre_fr", "titre_en", "url", "type", "langue", "editeur", "annee", "notions"]
    rows = ([key, r.title.fr, r.title.en or "", r.url or "", r.type, r.language, r.publisher or "",
             r.year or "", " ".join(r.topics)]
            for key, r in published(catalogue, "resources"))
    return _csv(header, rows)
