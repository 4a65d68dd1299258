"""Provenance: every published fact traceable to the words of its source.

A record cites a source record of content/sources/ by its readable id, with the
excerpts that support it, copied word for word:

    sources:
      - source: anct-approche-impacts-collectifs
        excerpts:
          - "30 septembre et 1er octobre 2025 à Marseille - Lancement de la formation"

Each source record names, in `file`, the text file of the document. When the
folder of those texts is available (`../shared/seeds` beside the repository, or
the folder named by the environment variable QIC_SEEDS), `check_excerpts`
verifies that every excerpt is found in its source's text, and that every
testimonial is quoted word for word from a cited source (the texts are never
copied into the project).

Matching ignores only differences that do not change the words (`normalise`):
runs of white space (spaces, non-breaking spaces, line breaks) count as one
space; typographic apostrophes (’ ‘ ʼ) count as «'»; quotation marks (« » “ ” „)
count as «"», with the spaces just inside them ignored; the Markdown bold
markers «**» of the text files are ignored, and a Markdown link counts as its
words («[Guide](#) de Dynamo» as «Guide de Dynamo»). An excerpt may skip a passage with
«[…]» (or «[...]»): its parts must then appear in that order. Each part starts
and ends on a whole word (a part that starts inside a word of the text is not
found), and holds at least three tokens (words or signs: « l'été » is three).

Where a text is absent, its fingerprint is used instead: `content/sources/<id>.fingerprint`,
made from the text by `python -m macros.cli fingerprints` (macros/fingerprints.py).
It accepts the same excerpts, except that it cannot tell the order of the parts
around «[…]». So the excerpts are verified everywhere, texts or not; when the text
is there, the fingerprint is checked against it. A source with neither its text
nor its fingerprint is said, in one warning, not to be verified.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from . import fingerprints
from .model import Citation, citations
from .paths import REPO
from .problems import Problem
from .yaml_source import dotted

SEEDS_VARIABLE = "QIC_SEEDS"
# the warning for a source cited without its words (the form shows it too: macros/form_messages.py)
MESSAGES = {
    "no_excerpt": "source « {source} » citée sans extrait",
    "no_excerpt_hint": "ajoutez « excerpts: » avec le passage de la source qui appuie la fiche, mot pour mot",
    # an excerpt refused: the form says the same under the excerpt (overrides/assets/form.js)
    "excerpt_short": "extrait trop court pour être vérifié : « {part} »",
    "excerpt_short_hint": "citez au moins {count} mots ou signes de suite, de chaque côté de « […] »",
    "excerpt_absent": "extrait introuvable dans la source « {source} » : « {excerpt} »",
    "excerpt_absent_hint": "recopiez le passage mot pour mot ; seuls les espaces, apostrophes et guillemets "
                           "peuvent différer, et « […] » saute un passage",
}
# from the first space of a run only: else a long run not followed by « […] » is read
# again from each of its spaces (quadratic time)
GAP = re.compile(r"(?:(?<!\s)\s+)?\[(?:…|\.\.\.)\]\s*")

# the text stops at a "[" and the address at a "(": else "[[[…" or "[](" repeated is read again
# to its end from each "[" (quadratic)
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
# How a text is normalised before matching, step by step: normalise() runs these steps,
# and so does the contribution form, which gets them from macros/form_rules.py (one rule,
# two engines: tests/test_excerpt_check.py runs both on the same strings). The steps:
#   ("form", name)           Unicode normal form (unicodedata.normalize, String.normalize)
#   ("map", chars, by)       each of `chars` becomes `by`
#   ("drop", text)           every `text` removed
#   ("sub", pattern, by)     every match of `pattern` replaced by `by` (\1: its first group)
#   ("strip",)               the white space at both ends removed (str.strip)
NORMALISING: tuple[tuple[Any, ...], ...] = (  # mixed steps: read by their first item
    ("form", "NFC"),
    ("map", "’‘ʼ′`", "'"),  # typographic apostrophes
    ("map", "«»“”„‟″", '"'),  # quotation marks
    ("drop", "**"),  # the Markdown bold markers of the text files
    ("sub", MARKDOWN_LINK, r"\1"),  # a link counts as its words
    ("sub", re.compile(r"\s+"), " "),  # \s covers non-breaking and thin spaces too
    ("sub", re.compile(r' ?" ?'), '"'),  # the spaces just inside quotation marks
    ("strip",),
)
_TABLES: dict[int, dict[int, str]] = {index: dict.fromkeys(map(ord, step[1]), step[2])
           for index, step in enumerate(NORMALISING) if step[0] == "map"}


def seeds_dir() -> Path:
    """Where the source documents' texts are: QIC_SEEDS, else ../shared/seeds from the repository."""
    return Path(os.environ.get(SEEDS_VARIABLE) or REPO.parent / "shared" / "seeds")


def normalise(text: str) -> str:
    """The text as matched: see the module's docstring for what is ignored, and
    NORMALISING for the steps."""
    for index, (step, *values) in enumerate(NORMALISING):
        if step == "form":
            text = unicodedata.normalize(values[0], text)
        elif step == "map":
            text = text.translate(_TABLES[index])
        elif step == "drop":
            text = text.replace(values[0], "")
        elif step == "sub":
            text = values[0].sub(values[1], text)
        else:
            text = text.strip()
    return text


def found_in(excerpt: str, text: str) -> bool:
    """True when `excerpt` (already normalised or not) is in the normalised `text`: each
    part (around « […] »), in that order, starting and ending on a whole word."""
    start = 0
    for part in parts(excerpt):
        index = _find_whole(text, part, start)
        if index < 0:
            return False
        start = index + len(part)
    return True


def parts(excerpt: str) -> list[str]:
    """The normalised parts of an excerpt, around its « […] »."""
    return [part for part in map(normalise, GAP.split(excerpt)) if part]


def _find_whole(text: str, part: str, start: int) -> int:
    """Where `part` is in `text` from `start` without cutting a word of the text, or -1."""
    index = text.find(part, start)
    while index >= 0:
        end = index + len(part)
        starts_clean = not (part[0].isalnum() or part[0] == "_") or index == 0 or not _word_char(text[index - 1])
        ends_clean = not (part[-1].isalnum() or part[-1] == "_") or end == len(text) or not _word_char(text[end])
        if starts_clean and ends_clean:
            return index
        index = text.find(part, index + 1)
    return -1


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches, as fingerprints.TOKEN cuts words


def too_short(excerpt: str) -> str | None:
    """The first part of an excerpt too short to be verified by a fingerprint, if any."""
    return next((part for part in parts(excerpt) if len(fingerprints.tokens(part)) < fingerprints.SHORTEST), None)


class SourceText:
    """A source document's normalised text: what excerpts are looked for in."""

    def __init__(self, text: str):
        self.text = text

    def holds(self, excerpt: str) -> bool:
        return found_in(excerpt, self.text)


class SourcePrint:
    """A source document's fingerprint, where its text is absent (macros/fingerprints.py)."""

    def __init__(self, fingerprint: fingerprints.Fingerprint):
        self.fingerprint = fingerprint

    def holds(self, excerpt: str) -> bool:
        return all(self.fingerprint.holds(part) for part in parts(excerpt))


_texts: dict[str, tuple[int, str]] = {}


def source_text(folder: Path, name: str) -> str | None:
    """The normalised text of one source document, or None when the file is not there."""
    path = folder / name
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    cached = _texts.get(str(path))
    if cached is None or cached[0] != stamp:
        cached = (stamp, normalise(path.read_text(encoding="utf-8")))
        _texts[str(path)] = cached
    return cached[1]


_made: dict[tuple[str, str, bytes], fingerprints.Fingerprint] = {}


def fingerprint_of(text: str, name: str, salt: bytes | None = None) -> fingerprints.Fingerprint:
    """The fingerprint of a normalised text (kept: the check compares it at every load)."""
    if salt is None:
        return fingerprints.Fingerprint.of(text, name)
    key = (text, name, salt)
    if key not in _made:
        if len(_made) > 100:
            _made.clear()
        _made[key] = fingerprints.Fingerprint.of(text, name, salt)
    return _made[key]


def check_excerpts(catalogue, repo_root: Path | None = None, folder: Path | None = None) -> list[Problem]:
    """Errors for excerpts and testimonials not found in their source (its text, else
    its fingerprint), and for a fingerprint that no longer matches its text; warnings
    for source citations without an excerpt and for sources that can be verified
    neither way (an unknown source id is reported by content.check_references).
    Every problem is at a record's or a fingerprint's own path: `repo_root` is not needed."""
    folder = Path(folder) if folder else seeds_dir()
    checkers, problems = witnesses(catalogue, folder)
    for entries in catalogue.entries.values():
        for entry in entries.values():
            cited, found = _check_citations(entry, catalogue.entries["sources"], checkers)
            problems += found + _check_testimonials(entry, cited)
    return problems


def witnesses(catalogue, folder: Path) -> tuple[dict, list[Problem]]:
    """What each source record's excerpts are checked against: its text when the folder
    of texts holds it, else its fingerprint, else nothing (None); and the problems: a
    named file missing from the folder, a fingerprint that is not the text's or that
    belongs to another file, a source verified neither way."""
    sources = catalogue.entries["sources"]
    prints = getattr(catalogue, "fingerprints", {})
    available = folder.is_dir()
    found: dict[str, SourceText | SourcePrint | None] = {}
    problems: list[Problem] = []
    unverified = []
    for key, entry in sources.items():
        name = entry.record.file
        fingerprint = prints.get(key)
        if not name:
            found[key] = None
            continue
        shown_print = f"{Path(entry.path).with_suffix(fingerprints.SUFFIX).as_posix()}"
        if fingerprint is not None and fingerprint.file != name:
            problems.append(Problem(shown_print, 1, 1, "", f"empreinte du texte « {fingerprint.file} », "
                                    f"alors que la fiche cite le texte « {name} »",
                                    "régénérez-la avec « python -m macros.cli fingerprints » (à partir des textes)"))
            fingerprint = None
        text = source_text(folder, name) if available else None
        if text is not None:
            found[key] = SourceText(text)
            if fingerprint is not None and not fingerprint_of(text, name, fingerprint.salt).same_as(fingerprint):
                problems.append(Problem(shown_print, 1, 1, "", f"empreinte périmée : elle ne correspond plus au "
                                        f"texte « {name} »", "régénérez-la avec « python -m macros.cli "
                                        "fingerprints », puis ajoutez-la au commit : sans elle, les extraits "
                                        "ne sont pas vérifiés sans les textes"))
            continue
        found[key] = SourcePrint(fingerprint) if fingerprint is not None else None
        if fingerprint is None:
            if available:
                line, column = entry.document.where(("file",))
                problems.append(Problem(entry.path, line, column, "file",
                                        f"fichier « {name} » absent du dossier des documents sources ({folder})",
                                        "vérifiez le nom du fichier déposé"))
            else:
                unverified.append(entry)
    if unverified:
        first = unverified[0]
        line, column = first.document.where(("file",))
        names = ", ".join(f"« {entry.id} »" for entry in unverified)
        subject = f"les sources {names} n'ont" if len(unverified) > 1 else f"la source {names} n'a"
        problems.append(Problem(
            first.path, line, column, "file",
            f"extraits non vérifiés : {subject} ni texte (dossier {folder} introuvable) ni empreinte "
            f"(content/sources/<identifiant>{fingerprints.SUFFIX})",
            "qui détient les textes (../shared/seeds à côté du dépôt, ou le dossier qu'indique "
            f"{SEEDS_VARIABLE}) lance « python -m macros.cli fingerprints » et ajoute l'empreinte au commit",
            severity="warning"))
    return found, problems


def _check_citations(entry, sources: dict, witnesses: dict) -> tuple[list, list[Problem]]:
    """What the record's cited sources are checked against (None where nothing can
    check them), and its excerpts' problems."""
    cited, problems = [], []
    for loc, citation in citations(entry.record):
        if citation.source is None or citation.source not in sources:
            continue
        witness = witnesses.get(citation.source)
        cited.append(witness)
        if not citation.excerpts:
            line, column = entry.document.where(loc)
            problems.append(Problem(entry.path, line, column, dotted(loc),
                                    MESSAGES["no_excerpt"].format(source=citation.source),
                                    MESSAGES["no_excerpt_hint"], severity="warning"))
        for index, excerpt in enumerate(citation.excerpts):
            where = loc + ("excerpts", index)
            short = too_short(excerpt)
            if short is not None:
                line, column = entry.document.where(where)
                problems.append(Problem(
                    entry.path, line, column, dotted(where),
                    MESSAGES["excerpt_short"].format(part=_short(short)),
                    MESSAGES["excerpt_short_hint"].format(count=fingerprints.SHORTEST)))
            elif witness is not None and not witness.holds(excerpt):
                line, column = entry.document.where(where)
                problems.append(Problem(
                    entry.path, line, column, dotted(where),
                    MESSAGES["excerpt_absent"].format(source=citation.source, excerpt=_short(excerpt)),
                    MESSAGES["excerpt_absent_hint"]))
    return cited, problems


def _check_testimonials(entry, cited: list) -> list[Problem]:
    """Each testimonial quoted word for word from one of the cited sources; checked only
    when every cited source can be checked (by its text or its fingerprint)."""
    checked = [w for w in cited if w is not None]
    if not checked or len(checked) < len(cited):
        return []
    problems = []
    for index, testimonial in enumerate(getattr(entry.record, "testimonials", [])):
        if not any(w.holds(testimonial.quote.fr) for w in checked):
            where = ("testimonials", index, "quote", "fr")
            line, column = entry.document.where(where)
            problems.append(Problem(
                entry.path, line, column, dotted(where),
                f"témoignage introuvable mot pour mot dans les sources citées : « {_short(testimonial.quote.fr)} »",
                "citez les paroles telles que la source les donne"))
    return problems


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --- what the pages show -------------------------------------------------------------------

# the part before @ is at most 64 characters (RFC 5321): unbounded, « a.a.a.… » with no @ is
# read again to its end from each character (quadratic time); a longer run still has its @
# replaced, since the characters before the 64 are written back as they are
EMAIL = re.compile(r"([\w.%+-]{1,64})@([\w-]+(?:\.[\w-]+)+)")


def cited(catalogue, refs: list[Citation], at_word: str = "arobase") -> list[dict]:
    """Citations as the pages show them: title, publisher, date, link and excerpts, never a
    file name. An e-mail address in an excerpt is shown as the contact cards show it
    (« prenom.nom [arobase] domaine »), not as an address a harvester's pattern finds."""
    shown = []
    for citation in refs:
        excerpts = [EMAIL.sub(rf"\1 [{at_word}] \2", excerpt) for excerpt in citation.excerpts]
        if citation.url:
            shown.append({"title": None, "publisher": None, "date": None, "url": citation.url,
                          "excerpts": excerpts, "web": True})
            continue
        doc = catalogue.entries["sources"][citation.source].record
        publisher = catalogue.entries["organisations"].get(doc.publisher)
        shown.append({"title": doc.title, "publisher": publisher.record.name if publisher else None,
                      "date": doc.date, "url": doc.url, "excerpts": excerpts, "web": False,
                      "id": citation.source})
    return shown


def records_without_excerpts(catalogue) -> list[tuple[str, str]]:
    """(file, field) of every citation of a source record that carries no excerpt."""
    missing = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for loc, citation in citations(entry.record):
                if citation.source and not citation.excerpts:
                    missing.append((entry.path, dotted(loc)))
    return missing
