"""The commented templates of starters/ and `python -m macros.cli new-site`.

Each kind of record has a template, starters/<kind>.yml, that a contributor
copies into content/<folder>/. A template is valid as it is: required fields
hold placeholder values marked « À COMPLÉTER » (or A-COMPLETER in addresses),
optional fields are commented out with a "#" stuck to the field name
("#summary:"), and French comments explain every field. The templates are not
under docs/ nor content/, so they never reach the site.

`new_site()` writes content/sites/<slug>.yml from starters/site.yml, with only
the values it was given filled in: the rest stays the template's guidance.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .content import slugify
from .geography import COUNTRY_OF_KIND
from .model import KINDS, SITE_KINDS
from .paths import REPO
from .problems import display_path

STARTERS = REPO / "starters"



def template_path(folder: str) -> Path:
    """starters/<kind>.yml for a folder of content/ ("sites" -> starters/site.yml)."""
    return STARTERS / f"{KINDS[folder].file_name}.yml"


class NewSiteError(Exception):
    """A French message explaining why no file was written."""


def _set_field(text: str, field: str, value: str) -> str:
    """Replace the top-level line `field: …` (and its trailing comment) by `field: value`."""
    pattern = re.compile(rf"^{re.escape(field)}:.*$", re.MULTILINE)
    if len(pattern.findall(text)) != 1:  # pragma: no cover - the template test guards this
        raise NewSiteError(f"le modèle starters/site.yml n'a pas de ligne « {field}: » unique")
    return pattern.sub(lambda _: f"{field}: {value}", text)


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string


def new_site(content: Path, name: str, kind: str | None = None, region: str | None = None,
             today: dt.date | None = None) -> Path:
    """Create content/sites/<slug of name>.yml from the template; return its path."""
    name = " ".join(name.split())
    if not name:
        raise NewSiteError("nom du site vide : écrivez-le entre guillemets, par exemple "
                           "python -m macros.cli new-site \"Château-Thierry\"")
    slug = slugify(name)
    if not slug:
        raise NewSiteError(f"impossible de tirer un nom de fichier de « {name} » : "
                           "le nom doit contenir au moins une lettre ou un chiffre")
    if kind is not None and kind not in SITE_KINDS:
        raise NewSiteError(f"nature « {kind} » inconnue ; valeurs possibles : {', '.join(SITE_KINDS)}")
    if region is not None and not region.strip():
        raise NewSiteError("région vide : écrivez-la, ou retirez l'option --region")
    folder = Path(content) / "sites"
    target = folder / f"{slug}.yml"
    if target.exists():
        raise NewSiteError(f"le fichier {display_path(target, REPO)} existe déjà : il n'a pas été modifié. "
                           "Ouvrez-le pour le compléter, ou choisissez un autre nom")
    text = template_path("sites").read_text(encoding="utf-8")
    day = (today or dt.date.today()).isoformat()
    header_end = text.index("\n\n")  # the template's first paragraph says how to copy it: not needed here
    text = (text.splitlines()[0] + "\n"
            + f"# Fiche créée avec « python -m macros.cli new-site » le {day}.\n"
            + "# Remplacez chaque « À COMPLÉTER » par une information tirée d'une source ; pour remplir un champ "
              "facultatif, retirez le « # » collé à son nom sur chacune de ses lignes (VS Code : Ctrl+/). "
              "N'inventez rien : laissez vide ce que les sources ne disent pas. Guide : CONTRIBUTING.md.\n"
            + text[header_end + 1:])
    text = _set_field(text, "name", _quoted(name))
    # the contributor who runs new-site checks the record today: the day is theirs to change
    text = _set_field(text, "last_checked", day)
    if kind:
        text = _set_field(text, "kind", kind)
        text = _set_field(text, "country", COUNTRY_OF_KIND[kind])
    if region:
        text = _set_field(text, "region", _quoted(" ".join(region.split())))
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target
