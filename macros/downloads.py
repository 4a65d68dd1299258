"""The files published beside the pages: calendars, contact cards, open data.

Paths are stable and documented on the "Données ouvertes" page:
  calendrier/programme.ics       every event (in each language's site)
  calendrier/sites/<site>.ics    the events of one site
  contacts/<contact>.vcf         one public contact
  donnees/contenu.json           every published record (French site only)
  donnees/{sites,evenements,ressources}.csv
  schemas/<kind>.schema.json     the JSON Schema of each kind (French site only)
  assets/form-data.js            what the "Proposer une fiche" form needs: the
                                 schemas, the ids and names of the records, the
                                 English labels of the vocabularies
"""
from __future__ import annotations

import datetime as dt
import json

from . import exports, feeds, model, schemas
from .content import Catalogue
from .model import Site
from .pages import Views


def site_timezone(site: Site) -> str:
    if site.country == "CA":
        return "America/Montreal"
    if site.region == "Mayotte":
        return "Indian/Mayotte"
    return "Europe/Paris"


def generated_downloads(catalogue: Catalogue, lang: str, today: dt.date,
                        site_url: str = "") -> list[tuple[str, bytes]]:
    organisations = catalogue.organisations
    views = Views(catalogue, lang, today)
    base = site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "") if site_url else ""
    title = "Quartiers à Impact Collectif" if lang == "fr" else "Collective Impact Neighbourhoods"
    files = [("calendrier/programme.ics",
              feeds.calendar(views.events(), lang, title, today, organisations,
                             page_url=base + "calendrier/" if base else ""))]
    for key, site in catalogue.sites.items():
        files.append((f"calendrier/sites/{key}.ics",
                      feeds.calendar(views.site_events(key), lang, f"{title} — {site.name.get(lang)}", today, organisations,
                                     timezone=site_timezone(site),
                                     page_url=base + f"sites/{key}/" if base else "")))
    for key, contact in exports.published(catalogue, "contacts"):
        files.append((f"contacts/{key}.vcf", feeds.vcard(contact, organisations[contact.organisation], lang)))
    if lang == "fr":  # the data are the same in both languages: published once, at the root
        files += [
            ("donnees/contenu.json", exports.content_json(catalogue, today.isoformat())),
            ("donnees/sites.csv", exports.sites_csv(catalogue)),
            ("donnees/evenements.csv", exports.events_csv(catalogue)),
            ("donnees/ressources.csv", exports.resources_csv(catalogue)),
        ]
        files += [(f"schemas/{name}", text.encode("utf-8")) for name, text in schemas.schema_files().items()]
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
            "labels": vocabularies}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.QIC_FORM = {text};\n".encode("utf-8")
