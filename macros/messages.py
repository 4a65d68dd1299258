"""Pydantic's validation errors, in the words of a contributor (French).

`translate(error, model)` turns one error of `Model.model_validate` into a
message and a hint; pydantic's English text is never shown.
"""
from __future__ import annotations

import difflib
import math
from collections.abc import Mapping

from .model import OLD_ZONE_NAMES, Record, records_in
from .problems import shown

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans virgule)",
    "float_type": "nombre attendu (ex. 50.42)",
    "float_parsing": "nombre attendu (ex. 50.42)",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste attendue (une ligne « - valeur » par élément)",
    "dict_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "model_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "model_attributes_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "too_short": "liste vide : au moins un élément est requis",
    "string_too_short": "texte vide",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "finite_number": "nombre fini attendu (pas .inf ni .nan)",
}


# "did you mean": difflib compares two words in time growing with both lengths, and each
# unknown word with every candidate (10,000 unknown ids against 3,000 organisations took
# 520 s). Up to CLOSE_CANDIDATES names, all are compared (`confiance-mutuelle` ->
# `confiance`); beyond, only names within CLOSE_LENGTH_GAP characters of the word's length
# (a typo: `ancd` -> `anct`), the nearest lengths first, at most CLOSE_CANDIDATES of them.
# A word longer than any id or field name gets no suggestion.
CLOSE_LENGTH_GAP = 3
CLOSE_CANDIDATES = 100
CLOSE_LONGEST = 100


class Suggestions:
    """The names a misspelt word may have meant, grouped by length once."""

    def __init__(self, names) -> None:
        self.names = list(names)
        self.by_length: dict[int, list[str]] = {}
        for name in self.names:
            self.by_length.setdefault(len(name), []).append(name)
        self._found: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The name `word` most likely meant (`ancd` -> `anct`), or None."""
        if word not in self._found:
            self._found[word] = self._closest(word)
        return self._found[word]

    def _closest(self, word: str) -> str | None:
        if len(word) > CLOSE_LONGEST:
            return None
        candidates = self.names if len(self.names) <= CLOSE_CANDIDATES else []
        for gap in range(CLOSE_LENGTH_GAP + 1) if not candidates else ():
            for length in sorted({len(word) - gap, len(word) + gap}):
                candidates += self.by_length.get(length, [])[:CLOSE_CANDIDATES - len(candidates)]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return close[0] if close else None


def closest(word: str, names) -> str | None:
    """The name of `names` that `word` most likely meant, or None (see Suggestions)."""
    return Suggestions(names).closest(word)


def translate(error: dict, model: type[Record], written: str | None = None) -> tuple[str, str]:
    """A pydantic error as (message, hint) in French. `written` is the value as the
    contributor typed it, when YAML turned it into something else (`no` -> false)."""
    kind = error["type"]
    special = _SPECIAL.get(kind)
    if special is not None:
        return special(error, model, written)
    if kind in _WHAT_INSTEAD and _found(error.get("input"), written):
        return f"{_MESSAGES[kind]}, pas {_found(error.get('input'), written)}", ""
    if isinstance(error.get("input"), float) and not math.isfinite(error["input"]):
        return _MESSAGES["finite_number"], ""
    if kind in _MESSAGES:
        return _MESSAGES[kind], ""
    return "valeur invalide", f"contrôle « {kind} » non respecté"  # never pydantic's English text


_WHAT_INSTEAD = ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type",
                 "bool_type", "int_type", "float_type")


# fields that moved to the other side of a reference: the hint says where they went now
MOVED = {
    ("Site", "events"): "un événement nomme ses sites : retirez cette liste et ajoutez « {file} » à la liste "
                        "« sites » de chaque événement (content/events/)",
    ("Site", "resources"): "une ressource nomme ses sites : retirez cette liste et ajoutez « {file} » à la liste "
                           "« sites » de chaque ressource (content/resources/)",
}


def _unknown_field(error, model, written):
    name = shown(error["loc"][-1])
    if len(error["loc"]) == 1 and (model.__name__, name) in MOVED:
        return f"champ inconnu « {name} »", MOVED[(model.__name__, name)].format(file=error.get("file", "ce site"))
    known = _known_fields(model, error["loc"][:-1])
    close = closest(name, known)
    hint = f"vouliez-vous dire « {close} » ?" if close else \
        ("champs possibles : " + ", ".join(known) if known else "")
    return f"champ inconnu « {name} »", hint


def choices(error: Mapping) -> list[str]:
    """The values a fixed-choice field accepts, read from pydantic's error."""
    expected = error.get("ctx", {}).get("expected", "")
    return [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]


def _not_a_choice(error, model, written):
    allowed = choices(error)
    given = error.get("input")
    if given is None and written is None:
        return f"valeur manquante ; valeurs possibles : {', '.join(allowed)}", "écrivez l'une de ces valeurs"
    if isinstance(given, (list, dict)):
        return (f"une seule valeur attendue, pas {_found(given)} ; valeurs possibles : {', '.join(allowed)}",
                "écrivez l'une de ces valeurs")
    given = _as_written(given, written)
    close = closest(given, allowed)
    hint = f"vouliez-vous dire « {close} » ?" if close else ""
    if given in OLD_ZONE_NAMES:
        hint = f"« {given} » est un ancien nom de fuseau : écrivez « {OLD_ZONE_NAMES[given]} »"
    if written is not None and isinstance(error.get("input"), bool):
        hint = f"écrivez la valeur entre guillemets : \"{written}\" (sans guillemets, YAML y lit « vrai » ou « faux »)"
    return f"valeur « {given} » non reconnue ; valeurs possibles : {', '.join(allowed)}", hint


def _not_a_boolean(error, model, written):
    return f"{_MESSAGES['bool_parsing']}, pas « {_as_written(error.get('input'), written)} »", ""


# the form's words for the same mistakes (macros/form_messages.py)
HINTS = {
    "comma": "écrivez les décimales avec un point, pas une virgule",
    "missing": "ajoutez ce champ (voir le modèle dans starters/)",
}
MISSING = "champ obligatoire manquant : « {field} »"
BOUND = "{message} (limite : {bound})"


def _not_a_number(error, model, written):
    given = error.get("input")
    hint = HINTS["comma"] if "," in shown(given) else ""
    return f"{_MESSAGES['float_parsing']}, pas « {shown(given)} »", hint


def _own_words(error, model, written):
    words = str(error.get("ctx", {}).get("error", error["msg"]))
    if words.startswith("Exceeds the limit") and "digits" in words:  # Python's, on writing a huge number
        return "nombre trop long (plus de 4\u202f300 chiffres)", ""
    return words, ""


def _out_of_bounds(error, model, written):
    if isinstance(error.get("input"), float) and not math.isfinite(error["input"]):
        return _MESSAGES["finite_number"], ""
    bound = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
    return BOUND.format(message=_MESSAGES[error['type']], bound=bound), ""


def _missing(error, model, written):
    return MISSING.format(field=error['loc'][-1]), HINTS["missing"]


_SPECIAL = {
    "extra_forbidden": _unknown_field, "literal_error": _not_a_choice, "enum": _not_a_choice,
    "bool_parsing": _not_a_boolean, "float_parsing": _not_a_number, "value_error": _own_words,
    "greater_than_equal": _out_of_bounds, "less_than_equal": _out_of_bounds, "missing": _missing,
}


def _as_written(value, written: str | None = None) -> str:
    """A YAML value as the contributor wrote it (`no`), else as YAML writes it (false)."""
    return shown(written if written is not None else value)


def _found(value, written: str | None = None) -> str:
    """What was written instead, in words ("" when it is not worth saying)."""
    if isinstance(value, bool):
        return f"« {_as_written(value, written)} »"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de champs"
    if value is None:
        return "une valeur vide"
    if isinstance(value, str):
        return "un texte"
    return ""


def _known_fields(model: type[Record], loc: tuple) -> list[str]:
    """Field names allowed at `loc` inside `model` (for "did you mean")."""
    current: type[Record] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = None
        if info is not None:
            current = next(records_in(info.annotation), None)
    return list(current.model_fields) if current else []


def error_loc(error: Mapping) -> tuple:
    # pydantic adds the validator's name for Annotated/union branches: keep real fields only
    return tuple(p for p in error["loc"] if isinstance(p, int) or not str(p).startswith("function-"))
