"""Names that deceive: invisible characters, letters of two alphabets, look-alikes.

A record's name is what readers and the duplicate-name rule see. Every text
already refuses invisible characters and words of two alphabets
(macros/values.py); a name must also show at least one letter or digit, and
`skeleton` folds it with Unicode's confusables data (TR39, through
confusable_homoglyphs), so that look-alike names compare equal.
"""
from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import confusables

from .values import hidden_character


def deceptive(name: str) -> tuple[str, str] | None:
    """(message, hint) when a name shows no letter or digit; None when it does. (Invisible
    characters and words of two alphabets are refused in every text by the model,
    values.check_text, before this check runs on the records it read.)"""
    if not any(c.isalnum() for c in name):
        return ("nom sans aucune lettre ni chiffre visible", "écrivez le nom en toutes lettres")
    return None


def skeleton(name: str) -> str:
    """The name folded for comparison: accents, case, punctuation and look-alike
    letters of other alphabets removed ("Lіévin" and "Liévin" give "lievin")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(prototype(c) for c in decomposed if not unicodedata.combining(c)
                    and not hidden_character(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@functools.lru_cache(maxsize=4096)
def prototype(char: str) -> str:
    """The ASCII letter or digit a character is confusable with, or the character itself."""
    if char.isascii():
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
            return glyph["c"]
    return char
