"""When each record was added and last changed, read from the repository's Git history.

No hand-kept field: one `git log` over the whole history, parsed once per build
(renames followed, as `git log --follow` would for one file), gives every
record's commits; the release tags (`v*`) give the releases. A build without
history (a tarball, a shallow clone, content outside any repository) still works:
`History.notice` then says so, in one French line, and the dates are absent.
Imports neither MkDocs nor the content model.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TAGS = "v*"  # the release tags


@dataclass(frozen=True)
class Change:
    commit: str
    when: dt.datetime  # the committer date, with its offset
    status: str        # "A" added, "M" changed, "R" renamed (then changed or not), "D" removed

    @property
    def day(self) -> dt.date:
        return self.when.date()


@dataclass
class RecordDates:
    changes: list[Change]  # newest first; never empty

    @property
    def added(self) -> Change:
        return self.changes[-1]

    @property
    def changed(self) -> Change:
        return self.changes[0]

    @property
    def is_new(self) -> bool:
        """Added, and not changed since."""
        return len(self.changes) == 1


@dataclass(frozen=True)
class Release:
    tag: str
    commit: str
    when: dt.datetime


@dataclass
class History:
    records: dict[tuple[str, str], RecordDates] = field(default_factory=dict)  # (folder, id) -> dates
    releases: list[Release] = field(default_factory=list)  # newest first
    release_of: dict[str, str] = field(default_factory=dict)  # commit -> first release tag holding it
    notice: str = ""  # why dates are missing, in French: said once by the build
    files: dict[str, Change] = field(default_factory=dict)  # any file of the repository -> its last change
    top: Path | None = None     # the repository's root
    prefix: str = ""            # the content folder inside it, e.g. "content"

    @property
    def available(self) -> bool:
        return self.top is not None

    def dates(self, kind: str, key: str) -> RecordDates | None:
        return self.records.get((kind, key))

    def file_changed(self, path: Path) -> Change | None:
        """The last change of any file of the repository (a hand-written page)."""
        if self.top is None:
            return None
        try:
            name = Path(path).resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None
        change = self.files.get(name)
        return change if change and change.status != "D" else None

    def release(self, change: Change) -> str | None:
        """The tag of the first release that holds this change; None when not released yet."""
        return self.release_of.get(change.commit)


NO_HISTORY = History(notice="")


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(cwd), *args],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _record(path: str, prefix: str) -> tuple[str, str] | None:
    """("sites", "lievin") for "content/sites/lievin.yml"; None outside the records."""
    head = prefix + "/" if prefix else ""
    if not path.startswith(head) or not path.endswith(".yml"):
        return None
    kind, slash, name = path[len(head):].partition("/")
    if not slash or "/" in name:
        return None
    return kind, name[:-4]


# one record per commit: \x1e, then hash, committer date, parents, release tags; then the files
_FORMAT = "%x1e%H%x1f%cI%x1f%P%x1f%D"


def read_history(content_root: Path) -> History:
    """Every record's commits, newest first, and the releases, from one `git log`."""
    history = _locate(Path(content_root).resolve())
    if history.top is None or history.notice:
        return history
    log = _git(history.top, "log", "--name-status", "-M", "--no-color", f"--decorate-refs=refs/tags/{TAGS}",
               f"--format={_FORMAT}", "HEAD")
    if log is None:  # a repository without any commit yet
        history.notice = "Aucun commit dans le dépôt : les fiches sont sans date."
        return history
    parents: dict[str, list[str]] = {}
    tags: list[Release] = []
    current_name: dict[str, str] = {}  # an older path -> the path it was renamed to later
    for block in log.split("\x1e")[1:]:
        _read_commit(block, history, parents, tags, current_name)
    _stop_at_last_addition(history)
    history.releases = sorted(tags, key=lambda release: release.when, reverse=True)
    _assign_releases(history, parents)
    return history


def _locate(content_root: Path) -> History:
    """An empty History with the repository's root and the content folder inside it, or
    one with only the notice of why there is no history to read."""
    if not content_root.is_dir():
        return History(notice="Historique Git introuvable (pas de dossier de contenu) : les fiches sont sans date.")
    probe = _git(content_root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if probe is None:
        return History(notice="Historique Git introuvable (copie sans dépôt Git) : les pages n'ont pas de date de "
                              "mise à jour, le plan du site donne la date de construction.")
    top_text, shallow = (probe.splitlines() + ["", ""])[:2]
    if shallow.strip() == "true":
        return History(notice="Historique Git incomplet (clone superficiel) : les pages n'ont pas de date de mise "
                              "à jour ; clonez tout l'historique (git fetch --unshallow, ou fetch-depth: 0).")
    top = Path(top_text.strip()).resolve()
    try:
        prefix = content_root.relative_to(top).as_posix()
    except ValueError:
        return History(notice="Historique Git introuvable pour ce dossier de contenu : les fiches sont sans date.")
    return History(top=top, prefix="" if prefix == "." else prefix)


def _read_commit(block: str, history: History, parents: dict[str, list[str]], tags: list[Release],
                 current_name: dict[str, str]) -> None:
    """One commit of the log (newest first): its parents, its release tags, and the
    changes of its files, each under the name the file has today."""
    header, _, files = block.partition("\n")
    commit, when_text, parent_text, refs = (header.split("\x1f") + ["", "", "", ""])[:4]
    when = dt.datetime.fromisoformat(when_text)
    parents[commit] = parent_text.split()
    for ref in refs.split(", "):
        if ref.startswith("tag: "):
            tags.append(Release(ref.removeprefix("tag: "), commit, when))
    for line in files.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            _read_file_change(fields, Change(commit, when, fields[0][:1]), history, current_name)


def _read_file_change(fields: list[str], change: Change, history: History, current_name: dict[str, str]) -> None:
    """One file's line of a commit ("M\tpath", "R100\told\tnew"...): the file's last
    change, and the change of the record it is, if it is one of today's records."""
    status = change.status
    path = fields[-1]
    path = current_name.get(path, path)  # the name it has today
    if status == "R" and len(fields) == 3:
        current_name[fields[1]] = path
    history.files.setdefault(path, change)
    key = _record(path, history.prefix)
    if key is None or (status == "D" and key not in history.records):
        return  # a file removed since: not a record of today
    if status == "D":
        return  # removed, then added again later: the history of today's file starts after
    history.records.setdefault(key, RecordDates([])).changes.append(change)


def _stop_at_last_addition(history: History) -> None:
    """Each record's history stops at its last addition (a file removed and added again starts afresh)."""
    for dates in history.records.values():
        first_added = next((i for i, change in enumerate(dates.changes) if change.status == "A"), None)
        if first_added is not None:
            del dates.changes[first_added + 1:]


def _assign_releases(history: History, parents: dict[str, list[str]]) -> None:
    """Each commit's release: oldest release first, a commit belongs to the first release holding it."""
    for release in reversed(history.releases):
        stack = [release.commit]
        while stack:
            commit = stack.pop()
            if commit in history.release_of or commit not in parents:
                continue
            history.release_of[commit] = release.tag
            stack.extend(parents[commit])


def missing(history: History, keys: list[tuple[str, str]]) -> str:
    """The build's one line about records not yet committed (no date), or ""."""
    if not history.available:
        return history.notice
    absent = [key for key in keys if key not in history.records]
    if not absent:
        return history.notice
    shown = ", ".join(f"{kind}/{key}.yml" for kind, key in absent[:3]) + (" …" if len(absent) > 3 else "")
    return (f"{len(absent)} fiche{'s' if len(absent) > 1 else ''} pas encore enregistrée"
            f"{'s' if len(absent) > 1 else ''} dans Git ({shown}) : sans date de mise à jour jusqu'au prochain commit.")


# --- release notes: what changed between two commits ------------------------------------

@dataclass
class Difference:
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    since: str = ""   # the tag (or nothing: since the first commit)
    until: str = ""   # the tag at HEAD, or ""
    removed_text: dict[tuple[str, str], str] = field(default_factory=dict)  # the removed files' last text


def previous_release(history: History) -> tuple[str, str]:
    """(the release before HEAD's, HEAD's own tag or ""): the notes of a release cover what
    changed since the one before it; an untagged HEAD, what changed since the last one."""
    if history.top is None:
        return "", ""
    head = (_git(history.top, "rev-parse", "HEAD") or "").strip()
    reachable = [release for release in history.releases if release.commit in history.release_of]
    own = next((release.tag for release in reachable if release.commit == head), "")
    earlier = [release.tag for release in reachable if release.commit != head]
    return (earlier[0] if earlier else ""), own


def difference(history: History, since: str = "") -> Difference:
    """Records added, changed and removed between `since` (a tag; "" for the whole history) and HEAD."""
    top = history.top
    if top is None:
        raise ValueError("historique Git introuvable")
    _, until = previous_release(history)
    found = Difference(since=since, until=until)
    base = since or (_git(top, "hash-object", "-t", "tree", "/dev/null") or "").strip()
    text = _git(top, "diff", "--name-status", "-M", "--no-color", base, "HEAD", "--",
                history.prefix or ".")
    if text is None:
        raise ValueError(f"version inconnue « {since} »")
    for line in text.splitlines():
        fields = line.split("\t")
        status = fields[0][:1]
        old = _record(fields[1], history.prefix)
        new = _record(fields[-1], history.prefix)
        if status == "A" and new:
            found.added.append(new)
        elif status == "M" and new:
            found.changed.append(new)
        elif status == "D" and old:
            found.removed.append(old)
            found.removed_text[old] = _git(top, "show", f"{base}:{fields[1]}") or ""
        elif status == "R" and new:
            if old and old != new:
                found.removed.append(old)
                found.removed_text[old] = _git(top, "show", f"{base}:{fields[1]}") or ""
                found.added.append(new)
            else:
                found.changed.append(new)
    return found
