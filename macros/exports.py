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
import typing
import unicodedata

import pydantic_core

from .content import Catalogue
from .feeds import cited_sources, date_precision, source_line
from .model import KINDS, RESOURCE_TYPES, SITE_KINDS, TIMEZONES, Site

FORMAT_VERSION = 1


def _field(name: str, kind: str, description: str, **constraints) -> dict:
    field: dict[str, object] = {"name": name, "type": kind, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _text(name, description, **constraints):
    return _field(name, "string", description, **constraints)


_SITE_COUNTRIES = typing.get_args(Site.model_fields["country"].annotation)  # the model's choices
_LIST = "liste séparée par des espaces"
# each CSV file: its name, its title and its columns, typed (Frictionless Table Schema fields, written
# into datapackage.json by macros/downloads.py); the files' headers are these columns' names
TABLES = {
    "sites": ("sites.csv", "Sites : quartiers pilotes, du programme et d'inspiration", [
        _text("id", "identifiant stable (nom du fichier YAML)", required=True, unique=True),
        _text("nom_fr", "nom en français", required=True),
        _text("nom_en", "nom en anglais"),
        _text("type", "type de site", required=True, enum=list(SITE_KINDS)),
        _text("region", "région", required=True),
        _text("departement", "département"),
        _text("commune", "commune"),
        _text("pays", "pays (ISO 3166-1 alpha-2)", required=True, enum=list(_SITE_COUNTRIES)),
        _field("latitude", "number", "latitude (WGS 84)", required=True, minimum=-90, maximum=90),
        _field("longitude", "number", "longitude (WGS 84)", required=True, minimum=-180, maximum=180),
        _text("precision", "précision des coordonnées"),
        _text("phases", f"phases du programme ({_LIST})"),
        _field("verifie_le", "date", "date de la dernière vérification", required=True),
    ]),
    "evenements": ("evenements.csv", "Événements du programme", [
        _text("id", "identifiant stable (nom du fichier YAML)", required=True, unique=True),
        _text("titre_fr", "titre en français", required=True),
        _text("titre_en", "titre en anglais"),
        _text("date", "date ou période telle que la source la donne (ISO 8601 : 2022, 2022-10, 2022-10-01, "
                      "début/fin)", required=True),
        _field("debut", "date", "premier jour", required=True),
        _field("fin", "date", "dernier jour (inclus)", required=True),
        _text("lieu", "lieu"),
        _text("fuseau", "fuseau horaire du lieu (IANA)", required=True, enum=list(TIMEZONES)),
        _text("organisateurs", f"organisations ({_LIST})"),
        _text("phase", "phase du programme"),
        _text("sites", f"sites concernés ({_LIST})"),
        _text("precision_date", "précision de la date selon les sources : day (au jour près), month (au mois "
                                "près : debut et fin couvrent tout le mois), year (à l'année près : toute l'année) ; "
                                "pour une période, la moins précise de ses deux bornes",
              required=True, enum=["day", "month", "year"]),
        _text("note_fr", "note sur les sources, en français : ce qu'elles ne disent pas (incertitude), "
                         "ou l'erreur évidente d'une source corrigée"),
        _text("note_en", "note sur les sources, en anglais"),
        _text("sources", "documents sources cités, un par ligne : « Titre <adresse> », le titre seul quand le "
                         "document n'a pas d'adresse publique, « <adresse> » pour une page web citée par son adresse",
              required=True),
    ]),
    "ressources": ("ressources.csv", "Ressources : guides, vidéos, articles", [
        _text("id", "identifiant stable (nom du fichier YAML)", required=True, unique=True),
        _text("titre_fr", "titre en français", required=True),
        _text("titre_en", "titre en anglais"),
        {**_text("url", "adresse de la ressource"), "format": "uri"},
        _text("type", "nature de la ressource, si elle est connue", enum=list(RESOURCE_TYPES)),
        _text("langue", "langue de la ressource, si elle est connue", enum=["fr", "en"]),
        _text("editeur", "organisation éditrice"),
        _field("annee", "integer", "année de publication", minimum=1900, maximum=2100),
        _text("notions", f"notions abordées ({_LIST})"),
    ]),
}


def columns(table: str) -> list[str]:
    """The header of a CSV file of TABLES: its columns' names, in order."""
    return [column["name"] for column in TABLES[table][2]]


def csv_files(catalogue: Catalogue) -> list[tuple[str, bytes]]:
    """Each CSV file of TABLES, (its name, its bytes)."""
    writers = {"sites": sites_csv, "evenements": events_csv, "ressources": resources_csv}
    return [(path, writers[table](catalogue)) for table, (path, _, _) in TABLES.items()]


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
    header = columns("sites")
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
    header = columns("evenements")
    rows = ([key, e.title.fr, e.title.en or "", e.date.iso(), e.date.first_day().isoformat(),
             e.date.last_day().isoformat(), e.place.fr if e.place else "", e.timezone,
             " ".join(e.organisers), e.phase or "", " ".join(e.sites), date_precision(e.date),
             e.note.fr if e.note else "", e.note.en or "" if e.note else "",
             "\n".join(source_line(title.fr if title else None, url)
                       for title, url in cited_sources(e, catalogue.sources))]
            for key, e in published(catalogue, "events"))
    return _csv(header, rows)


def resources_csv(catalogue: Catalogue) -> bytes:
    header = columns("ressources")
    rows = ([key, r.title.fr, r.title.en or "", r.url or "", r.type, r.language, r.publisher or "",
             r.year or "", " ".join(r.topics)]
            for key, r in published(catalogue, "resources"))
    return _csv(header, rows)
