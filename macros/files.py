"""Which files the project may read: regular files inside the repository, nothing else.

Anyone can open a pull request, and its files are checked and built on a CI
runner whose other files (credentials, devices) must never reach a page, a
message or the preview artefact. So in content/, docs/ and overrides/ only
regular files are read, through folders that are not symbolic links:

- a symbolic link (to a file or a folder, inside the repository or not) is
  refused, whatever it points to: its target is never opened;
- a named pipe, a socket or a device is refused without being opened;
- an unreadable folder or file is reported, not a traceback;
- nothing of a refused file's content is ever printed.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path

MAX_BYTES = 256_000  # the largest real record is about 10 KB; far more is a mistake (or an attack)


@dataclass(frozen=True)
class Listing:
    """What a folder holds: regular files and sub-folders (both sorted), and what was refused."""

    files: list[Path]
    folders: list[Path]
    problems: list[Problem]


def _refused(path: Path, repo: Path, mode: int | None) -> Problem:
    shown = display_path(path, repo)
    if mode is None or stat.S_ISLNK(mode):
        return Problem(shown, 1, 1, "", "lien symbolique refusé : seuls les fichiers ordinaires du dépôt sont lus",
                       "remplacez le lien par une copie du fichier, ou supprimez-le")
    what = ("tube nommé" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "périphérique" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "fichier spécial")
    return Problem(shown, 1, 1, "", f"{what} refusé : seuls les fichiers ordinaires du dépôt sont lus",
                   "supprimez-le du dossier")


def list_folder(folder: Path, repo: Path) -> Listing:
    """The entries of one folder, hidden ones included, without following any link."""
    files, folders, problems = [], [], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        return Listing([], [], [Problem(display_path(folder, repo), 1, 1, "",
                                        f"dossier illisible ({error.strerror or error})",
                                        "vérifiez ses droits de lecture")])
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as error:
            problems.append(Problem(display_path(path, repo), 1, 1, "", f"fichier illisible ({error.strerror})"))
            continue
        if stat.S_ISDIR(mode):
            folders.append(path)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            problems.append(_refused(path, repo, mode))
    return Listing(files, folders, problems)


def unsafe_files(folder: Path, repo: Path) -> list[Problem]:
    """Every link or special file anywhere under `folder` (hidden ones included:
    MkDocs would copy them), and unreadable folders. A link is not followed."""
    problems = []
    if Path(folder).is_symlink():
        return [_refused(Path(folder), repo, None)]
    for parent, dirs, names in os.walk(folder, onerror=lambda e: problems.append(
            Problem(display_path(Path(e.filename), repo), 1, 1, "", f"dossier illisible ({e.strerror})",
                    "vérifiez ses droits de lecture")), followlinks=False):
        for name in sorted(dirs + names):
            path = Path(parent, name)
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.append(_refused(path, repo, mode))
    return problems


def is_plain(path: Path, root: Path) -> bool:
    """Whether `path` is a regular file reached from `root` through real folders only."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not path.is_relative_to(root):
        return False
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        try:
            mode = current.lstat().st_mode
        except OSError:
            return False
        if stat.S_ISLNK(mode):
            return False
    return stat.S_ISREG(mode) if path != root else False


def read_regular(file: Path, shown: str, limit: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one regular file, or None and why not (a link, a special file,
    too large, unreadable). Opened without following links and without blocking,
    then checked to be a regular file before a single byte is read."""
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if getattr(error, "errno", None) == getattr(os, "ELOOP", -1) or Path(file).is_symlink():
            return None, [Problem(shown, 1, 1, "", "lien symbolique refusé : seuls les fichiers ordinaires "
                                  "du dépôt sont lus", "remplacez le lien par une copie du fichier")]
        return None, [Problem(shown, 1, 1, "", f"fichier illisible ({error.strerror})",
                              "vérifiez ses droits de lecture")]
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            problem = _refused(Path(file), Path("/"), info.st_mode)
            return None, [Problem(shown, 1, 1, "", problem.message, problem.hint)]
        if info.st_size > limit:
            return None, [_too_large(shown, info.st_size, limit)]
        data = stream.read(limit + 1)
    if len(data) > limit:
        return None, [_too_large(shown, len(data), limit)]
    return data, []


def _too_large(shown: str, size: int, limit: int) -> Problem:
    return Problem(shown, 1, 1, "", f"fichier trop volumineux ({size:,} octets ; maximum {limit:,} octets)"
                   .replace(",", "\u202f"), "une fiche tient en quelques kilo-octets : vérifiez qu'il s'agit "
                   "du bon fichier")
