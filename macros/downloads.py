"""The files published beside the pages: calendars, contact cards, open data.

Paths are stable and documented on the "Données ouvertes" page:
  calendrier/programme.ics       every event (in each language's site)
  calendrier/sites/<site>.ics    the events of one site
  contacts/<contact>.vcf         one public contact
  donnees/contenu.json           every published record (French site only)
  donnees/{sites,evenements,ressources}.csv
"""
from __future__ import annotations

import datetime as dt

from . import exports, feeds
from .content import Catalogue
from .model import Site
from .pages import Views


def site_timezone(site: Site) -> str:
    if site.country == "CA":
        return "America/Toronto"  # Montréal's zone (America/Montreal is only a link to it)
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
                      feeds.calendar(views.events(site.events), lang, f"{title} — {site.name.get(lang)}", today, organisations,
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
    return files
