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

from . import values
from .values import hidden_character


def deceptive(name: str) -> tuple[str, str] | None:
    """(message, hint) when a name shows no letter or digit; None when it does. (Invisible
    characters and words of two alphabets are refused in every text by the model,
    values.check_text, before this check runs on the records it read.)"""
    if not any(c.isalnum() for c in name):
        return ("nom sans aucune lettre ni chiffre visible", "écrivez le nom en toutes lettres")
    return None


def fold(text: str, letter=None) -> str:
    """Lower-case, accents removed, punctuation as spaces: "Château-Thierry" -> "chateau thierry".

    The order of names in lists (sites, publishers, organisations, contacts): the
    letters as written. `letter`, when given, rewrites each character first (after
    its accents are set apart): `skeleton` passes the look-alike rule."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c))
    plain = "".join(map(letter, kept) if letter else kept).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def skeleton(name: str) -> str:
    """The name folded for comparison: `fold`, with invisible characters dropped and
    look-alike letters of other alphabets read as the ASCII ones they imitate
    ("Lіévin" and "Liévin" give "lievin"). On purpose not the order of lists: that
    keeps the letters as written, and needs no confusables data."""
    return fold(name, _unmasked)


def _unmasked(char: str) -> str:
    return "" if hidden_character(char) else prototype(char)


@functools.lru_cache(maxsize=4096)
def prototype(char: str) -> str:
    """The ASCII letter or digit a character is confusable with, or the character itself."""
    if char.isascii():
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
            return glyph["c"]
    return char


# letters no decomposition turns into ASCII, spelled as French writes them in an id
SPELLED = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}


def id_from(name: str) -> str:
    """The id a name gives: « Château-Thierry » -> chateau-thierry, « Lіévin » (Cyrillic і)
    -> lievin; "" when nothing is left. Always passes check_id when not empty."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    letters = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char.isdigit() and not char.isascii():  # « ٣ » (Arabic-Indic three) -> 3
            char = str(unicodedata.digit(char, "")) if unicodedata.digit(char, None) is not None else " "
        char = SPELLED.get(char) or prototype(char).lower()
        letters.append(char if char.isascii() and char.isalnum() else " ")
    return "-".join("".join(letters).split())[:values.MAX_ID].strip("-")
