"""Names that deceive: invisible characters, letters of two alphabets, look-alikes.

A record's name is what readers and the duplicate-name rule see. A name made
of invisible characters, or one that mixes alphabets (a Cyrillic « і » in
« Lіévin »), or that hides a zero-width space or a soft hyphen, would pass as
another record's name. `skeleton` folds a name with Unicode's confusables
data (TR39, through confusable_homoglyphs), so that look-alikes compare equal.
"""
from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import categories, confusables

# format characters that hide inside a name: zero-width space and joiners, word
# joiner, soft hyphen, byte-order mark, and the bidirectional marks and controls
_HIDDEN_CATEGORIES = {"Cf", "Cc", "Zl", "Zp", "Co", "Cn"}


def deceptive(name: str) -> tuple[str, str] | None:
    """(message, hint) when a name hides something; None when it is plain."""
    hidden = [c for c in name if unicodedata.category(c) in _HIDDEN_CATEGORIES]
    if hidden:
        return (f"caractère invisible (U+{ord(hidden[0]):04X}) dans le nom",
                "retapez le nom au clavier : il vient souvent d'un copier-coller")
    if not any(c.isalnum() for c in name):
        return ("nom sans aucune lettre ni chiffre visible", "écrivez le nom en toutes lettres")
    scripts = sorted(categories.unique_aliases(name) - {"COMMON", "INHERITED"})
    if len(scripts) > 1:
        odd = next((c for c in name if categories.alias(c) not in ("LATIN", "COMMON", "INHERITED")), "")
        return (f"lettres de plusieurs alphabets mêlées ({', '.join(_SCRIPTS.get(s, s.lower()) for s in scripts)}) : "
                f"« {odd} » (U+{ord(odd):04X}) ressemble à une lettre latine",
                "retapez le nom au clavier, avec les lettres de l'alphabet latin")
    return None


_SCRIPTS = {"LATIN": "latin", "CYRILLIC": "cyrillique", "GREEK": "grec", "ARMENIAN": "arménien",
            "CHEROKEE": "cherokee"}


def skeleton(name: str) -> str:
    """The name folded for comparison: accents, case, punctuation and look-alike
    letters of other alphabets removed ("Lіévin" and "Liévin" give "lievin")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(_prototype(c) for c in decomposed if not unicodedata.combining(c)
                    and unicodedata.category(c) not in _HIDDEN_CATEGORIES).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@functools.lru_cache(maxsize=4096)
def _prototype(char: str) -> str:
    """The ASCII letter or digit a character is confusable with, or the character itself."""
    if char.isascii():
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
            return glyph["c"]
    return char
