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
testimonial is quoted word for word from a cited source. Without the folder,
it says so in one warning and verifies nothing (the texts are never copied
into the project).

Matching ignores only differences that do not change the words (`normalise`):
runs of white space (spaces, non-breaking spaces, line breaks) count as one
space; typographic apostrophes (’ ‘ ʼ) count as «'»; quotation marks (« » “ ” „)
count as «"», with the spaces just inside them ignored; the Markdown bold
markers «**» of the text files are ignored. An excerpt may skip a passage with
«[…]» (or «[...]»): its parts must then appear in that order.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from .model import Citation, citations
from .paths import REPO
from .problems import Problem, display_path
from .yaml_source import dotted

SEEDS_VARIABLE = "QIC_SEEDS"
# from the first space of a run only: else a long run not followed by « […] » is read
# again from each of its spaces (quadratic time)
GAP = re.compile(r"(?:(?<!\s)\s+)?\[(?:…|\.\.\.)\]\s*")

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ′`"), "'")
_QUOTES = dict.fromkeys(map(ord, "«»“”„‟″"), '"')


def seeds_dir() -> Path:
    """Where the source documents' texts are: QIC_SEEDS, else ../shared/seeds from the repository."""
    return Path(os.environ.get(SEEDS_VARIABLE) or REPO.parent / "shared" / "seeds")


def normalise(text: str) -> str:
    """The text as matched: see the module's docstring for what is ignored."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_QUOTES)
    text = text.replace("**", "")
    text = re.sub(r"\s+", " ", text)  # \s covers non-breaking and thin spaces too
    text = re.sub(r' ?" ?', '"', text)
    return text.strip()


def found_in(excerpt: str, text: str) -> bool:
    """True when `excerpt` (already normalised or not) is in the normalised `text`."""
    start = 0
    for part in GAP.split(excerpt):
        part = normalise(part)
        if not part:
            continue
        index = text.find(part, start)
        if index < 0:
            return False
        start = index + len(part)
    return True


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


def check_excerpts(catalogue, repo_root: Path | None = None, folder: Path | None = None) -> list[Problem]:
    """Errors for excerpts and testimonials not found in their source; warnings for
    source citations without an excerpt and, once, when the source texts cannot be
    read (an unknown source id is reported by content.check_references)."""
    repo_root = Path(repo_root) if repo_root else Path(catalogue.root).parent
    folder = Path(folder) if folder else seeds_dir()
    texts, problems = _source_texts(catalogue, folder, repo_root)
    for entries in catalogue.entries.values():
        for entry in entries.values():
            cited, found = _check_citations(entry, catalogue.entries["sources"], texts)
            problems += found + _check_testimonials(entry, cited)
    return problems


def _source_texts(catalogue, folder: Path, repo_root: Path) -> tuple[dict[str, str | None], list[Problem]]:
    """The text of each source record (None when it cannot be read), and the problems:
    a named file missing from the folder, or the whole folder missing (one warning)."""
    sources = catalogue.entries["sources"]
    available = folder.is_dir()
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    if not available and any(entry.record.file for entry in sources.values()):
        problems.append(Problem(
            display_path(Path(catalogue.root) / "sources", repo_root), 1, 1, "",
            f"extraits non vérifiés : le dossier des documents sources ({folder}) est introuvable",
            f"placez les documents dans ../shared/seeds à côté du dépôt, ou indiquez leur dossier "
            f"dans la variable d'environnement {SEEDS_VARIABLE}", severity="warning"))
    for key, entry in sources.items():
        name = entry.record.file
        texts[key] = source_text(folder, name) if (available and name) else None
        if available and name and texts[key] is None:
            line, column = entry.document.where(("file",))
            problems.append(Problem(entry.path, line, column, "file",
                                    f"fichier « {name} » absent du dossier des documents sources ({folder})",
                                    "vérifiez le nom du fichier déposé"))
    return texts, problems


def _check_citations(entry, sources: dict, texts: dict) -> tuple[list[str | None], list[Problem]]:
    """The texts a record cites (None where unreadable), and its excerpts' problems."""
    cited, problems = [], []
    for loc, citation in citations(entry.record):
        if citation.source is None or citation.source not in sources:
            continue
        text = texts.get(citation.source)
        cited.append(text)
        if not citation.excerpts:
            line, column = entry.document.where(loc)
            problems.append(Problem(entry.path, line, column, dotted(loc),
                                    f"source « {citation.source} » citée sans extrait",
                                    "ajoutez « excerpts: » avec le passage de la source qui appuie la fiche, "
                                    "mot pour mot", severity="warning"))
        for index, excerpt in enumerate(citation.excerpts if text is not None else ()):
            if not found_in(excerpt, text):
                where = loc + ("excerpts", index)
                line, column = entry.document.where(where)
                problems.append(Problem(
                    entry.path, line, column, dotted(where),
                    f"extrait introuvable dans la source « {citation.source} » : « {_short(excerpt)} »",
                    "recopiez le passage mot pour mot ; seuls les espaces, apostrophes et guillemets "
                    "peuvent différer, et « […] » saute un passage"))
    return cited, problems


def _check_testimonials(entry, cited: list[str | None]) -> list[Problem]:
    """Each testimonial quoted word for word from one of the cited texts; checked only
    when every cited text is at hand."""
    checked = [t for t in cited if t is not None]
    if not checked or len(checked) < len(cited):
        return []
    problems = []
    for index, testimonial in enumerate(getattr(entry.record, "testimonials", [])):
        if not any(found_in(testimonial.quote.fr, t) for t in checked):
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

