"""Which reader-facing texts still lack their English translation.

`python -m macros.cli translations` walks every validated record and lists,
per file, each bilingual text (Text or RichText) whose `en` is missing, by its
dotted path (`testimonials[2].quote`) and its line. The English site shows the
French text in their place, marked as untranslated; this list is the to-do.
"""
from __future__ import annotations

from .content import Catalogue, Entry
from .model import Text, walk
from .yaml_source import dotted


def _untranslated(record):
    """Locations of the Text values without English inside a record, in field order."""
    return [loc for loc, value in walk(record) if isinstance(value, Text) and not value.en]


def missing_english(catalogue: Catalogue) -> list[tuple[Entry, list[tuple[str, int, int]]]]:
    """[(entry, [(dotted field, line, column), …]), …] for every file with a text to translate."""
    found = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            if not entry.record.is_published():  # a contact kept off the site has no reader to translate for
                continue
            fields = [(dotted(loc), *entry.document.where(loc)) for loc in _untranslated(entry.record)]
            if fields:
                found.append((entry, fields))
    return sorted(found, key=lambda item: item[0].path)


def report(catalogue: Catalogue) -> str:
    """The translation status as printed by the command, in French."""
    found = missing_english(catalogue)
    lines = []
    for entry, fields in found:
        count = len(fields)
        lines.append(f"{entry.path} : {count} texte{'s' if count > 1 else ''} sans anglais")
        lines.extend(f"  {field} (ligne {line})" for field, line, _ in fields)
    total = sum(len(fields) for _, fields in found)
    if total == 0:
        lines.append("Tous les textes publiés ont leur traduction anglaise.")
    else:
        files = len(found)
        lines.append("")
        lines.append(f"Total : {total} texte{'s' if total > 1 else ''} sans traduction anglaise "
                     f"dans {files} fichier{'s' if files > 1 else ''}. Pour traduire, ajoutez « en: » "
                     "sous le « fr: » du champ indiqué (voir CONTRIBUTING.md).")
    return "\n".join(lines)
