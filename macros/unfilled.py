"""What a copied template or a half-edited file still holds, found before the model reads it.

A contributor who copies a template (starters/) or half-removes a comment leaves
values that are not theirs: « À COMPLÉTER », an example.org address, a field
written with nothing after it (`en:` once the « # » is gone), a decimal comma
that YAML reads as two fields (`{lat: 48,9362}`), or `fr:` written without its
indentation under `title:`. Each is reported here, at its line, in the words of
what to do, and the model's own message for the same place (« champ inconnu
« 9362 » ») is left out: it would name the consequence, not the cause.
"""
from __future__ import annotations

import re

from .problems import Problem
from .values import quoted
from .yaml_source import Document, dotted

# what a copied template still holds where a contributor has not written yet
PLACEHOLDERS = re.compile(r"[ÀA][ -]COMPL[ÉE]TER|https?://(?:www\.)?example\.(?:org|com|net)\b", re.IGNORECASE)
_LANGUAGES = ("fr", "en")
MESSAGES = {
    "example": "adresse d'exemple encore à remplacer : « {value} »",
    "template": "texte du modèle encore à remplacer : « {value} »",
    "placeholder_hint": "c'est la valeur du modèle : remplacez-la par l'information tirée d'une source, ou "
                        "supprimez ce champ s'il est facultatif et que la source n'en dit rien",
}


def written_values(data, loc: tuple = ()):
    """(loc, value) of every value written in a document, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from written_values(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from written_values(value, loc + (index,))
    else:
        yield loc, data


def unfilled(document: Document, fields: frozenset[str]) -> list[tuple[tuple, Problem | None]]:
    """(loc, problem) for each value left unfilled in a document, and (loc, None) for the
    places one of them explains; `fields` are the record's own top-level field names
    (a top-level `fr:` is not one of them)."""
    found: list[tuple[tuple, Problem | None]] = []
    covered: set[tuple] = set()

    def add(loc: tuple, message: str, hint: str, also: tuple = ()) -> None:
        """A problem at `loc`, which also explains the places in `also`."""
        line, column = document.where(loc)
        found.append((loc, Problem(document.path, line, column, dotted(loc), message, hint)))
        covered.add(loc)
        for other in also:
            found.append((other, None))
            covered.add(other)

    _missing_indent(document.data, fields, add)
    _decimal_commas(document.data, (), add)
    for loc, value in written_values(document.data):
        if any(loc[:len(c)] == c for c in covered):
            continue
        if value is None:
            add(loc, "valeur vide", "écrivez la valeur après « : », ou supprimez la ligne (ou remettez le « # » "
                "devant) si la source n'en dit rien")
        elif isinstance(value, str) and (placeholder := PLACEHOLDERS.search(value)):
            example = "example" if "example" in placeholder.group().lower() else "template"
            add(loc, MESSAGES[example].format(value=quoted(value)), MESSAGES["placeholder_hint"])
    return found


def _missing_indent(data, fields: frozenset[str], add) -> None:
    """`title:` then `fr: …` on the next line without indentation: YAML reads an empty
    title and two unknown fields."""
    if not isinstance(data, dict):
        return
    keys = list(data)
    for index, key in enumerate(keys):
        if key in _LANGUAGES and key not in fields and index and data[keys[index - 1]] is None:
            parent = keys[index - 1]
            also = [(parent,)] + [(other,) for other in keys[index + 1:index + 2] if other in _LANGUAGES]
            add((key,), f"« {key}: » n'est pas en retrait sous « {parent}: » : YAML lit « {parent} » vide",
                f"ajoutez deux espaces devant « {key}: » et devant chaque ligne de « {parent} » qui suit",
                also=tuple(also))
            return


def _decimal_commas(data, loc: tuple, add) -> None:
    """`{lat: 48,9362, lon: 2,3522}`: in a block between braces a comma separates fields,
    so YAML reads `lat: 48` and an empty field `9362`."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            _decimal_commas(item, loc + (index,), add)
    if not isinstance(data, dict):
        return
    keys = list(data)
    for index, key in enumerate(keys):
        value = data[key]
        if isinstance(value, (dict, list)):
            _decimal_commas(value, loc + (key,), add)
        follower = keys[index + 1] if index + 1 < len(keys) else None
        if isinstance(value, int) and not isinstance(value, bool) and isinstance(follower, (str, int)) \
                and str(follower).isdigit() and data[follower] is None:
            add(loc + (key,), f"virgule décimale : « {value},{follower} » est lu comme deux champs "
                f"(« {key}: {value} » et « {follower} »)", f"écrivez {value}.{follower}, avec un point",
                also=(loc + (follower,),))
