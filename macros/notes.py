"""Release notes: the records added, changed and removed since the previous release.

`python -m macros.cli release-notes [--since TAG]` prints them in Markdown (French,
with English); the release workflow writes them to its job summary, and the build
publishes the same text as nouveautes/notes.md in the French site. Read from Git
(macros/history.py): the releases are the tags v*.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .content import Catalogue
from .history import Difference, History, difference, previous_release

KIND_LABELS = {  # folder -> (French, English)
    "sites": ("Site", "Site"), "events": ("Événement", "Event"), "resources": ("Ressource", "Resource"),
    "contacts": ("Contact", "Contact"), "organisations": ("Organisation", "Organisation"),
    "history": ("Étape de l'histoire apprenante", "Learning history step"),
    "phases": ("Phase du programme", "Programme phase"), "sources": ("Document source", "Source document"),
}


class NotesError(ValueError):
    """Why no notes can be written (in French)."""


def _titles(data) -> tuple[str, str]:
    """(French, English) name or title of a record's data, as written in its YAML."""
    if not isinstance(data, dict):
        return "", ""
    value = data.get("title") or data.get("name") or ""
    if isinstance(value, dict):
        return str(value.get("fr") or ""), str(value.get("en") or "")
    return str(value), ""


def _line(kind: str, key: str, titles: tuple[str, str], public: bool, day: str = "") -> str:
    french, english = KIND_LABELS.get(kind, (kind, kind))
    if not public:  # a contact kept off the site: not named in published notes
        return f"- {french} · {english} — *fiche non publiée · unpublished record*"
    title = titles[0] or key
    if titles[1] and titles[1] != titles[0]:
        title += f" / {titles[1]}"
    return f"- {french} · {english} — {title} (`{key}`)" + (f", {day}" if day else "")


def _current(catalogue: Catalogue, kind: str, key: str) -> tuple[tuple[str, str], bool]:
    entry = catalogue.entries.get(kind, {}).get(key)
    if entry is None:
        return ("", ""), True
    data = entry.document.data if isinstance(entry.document.data, dict) else {}
    return _titles(data), data.get("public", True) is not False


def render(found: Difference, catalogue: Catalogue, history: History) -> str:
    version = found.until or "prochaine version · next release"
    since_fr, since_en = (found.since, found.since) if found.since else ("le début du dépôt", "the first commit")
    lines = [f"## Notes de version · Release notes — {version}", "",
             f"Fiches ajoutées, modifiées et retirées depuis {since_fr}. · "
             f"Records added, changed and removed since {since_en}.", ""]
    sections = [("Ajoutées · Added", found.added, False), ("Modifiées · Changed", found.changed, False),
                ("Retirées · Removed", found.removed, True)]
    for heading, keys, removed in sections:
        lines += [f"### {heading} ({len(keys)})", ""]
        if not keys:
            lines += ["Aucune. · None.", ""]
            continue
        for kind, key in sorted(keys):
            if removed:
                data = yaml.safe_load(found.removed_text.get((kind, key)) or "") or {}
                public = not (isinstance(data, dict) and data.get("public") is False)
                lines.append(_line(kind, key, _titles(data), public))
            else:
                titles, public = _current(catalogue, kind, key)
                dates = history.dates(kind, key)
                lines.append(_line(kind, key, titles, public, dates.changed.day.isoformat() if dates else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def release_notes(catalogue: Catalogue, history: History, since: str | None = None) -> str:
    """The notes since `since` (a tag), by default since the release before HEAD's."""
    if not history.available or history.notice:
        raise NotesError(history.notice or "historique Git introuvable")
    if since is None:
        since = previous_release(history)[0]
    try:
        found = difference(history, since)
    except ValueError as error:
        raise NotesError(str(error)) from None
    return render(found, catalogue, history)


def notes_file(catalogue: Catalogue, history: History | None) -> bytes | None:
    """nouveautes/notes.md for the site, or None without history."""
    if history is None or not history.available or history.notice:
        return None
    try:
        return release_notes(catalogue, history).encode("utf-8")
    except NotesError:
        return None


def main_notes(content: Path, since: str | None) -> int:
    import contextlib
    import sys

    from .history import read_history
    from .report import validate
    with contextlib.redirect_stdout(sys.stderr):  # stdout holds the notes alone
        catalogue = validate(content)
    if catalogue is None:
        return 1
    try:
        print(release_notes(catalogue, read_history(content), since), end="")
    except NotesError as error:
        print(f"Notes de version impossibles : {error}", file=sys.stderr)
        return 1
    return 0
