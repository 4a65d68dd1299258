"""Which reader-facing texts still lack their English translation.

`python -m macros.cli translations` walks every validated record and lists,
per file, each bilingual text (Text or RichText) whose `en` is missing, by its
dotted path (`testimonials[2].quote`) and its line. The English site shows the
French text in their place, marked as untranslated; this list is the to-do.
"""
from __future__ import annotations

from pydantic import BaseModel

from .content import Catalogue, Entry
from .model import Contact, Text
from .yaml_source import dotted


def _untranslated(value, loc: tuple):
    """Locations of the Text values without English inside `value`, in field order."""
    if isinstance(value, Text):
        if not value.en:
            yield loc
    elif isinstance(value, BaseModel):
        for name, item in value:
            yield from _untranslated(item, loc + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _untranslated(item, loc + (index,))


def is_published(entry: Entry) -> bool:
    """A contact kept off the site (public: false) has no reader to translate for."""
    return not (isinstance(entry.record, Contact) and not entry.record.public)


def missing_english(catalogue: Catalogue) -> list[tuple[Entry, list[tuple[str, int, int]]]]:
    """[(entry, [(dotted field, line, column), …]), …] for every file with a text to translate."""
    found = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            if not is_published(entry):
                continue
            fields = [(dotted(loc), *entry.document.where(loc)) for loc in _untranslated(entry.record, ())]
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
