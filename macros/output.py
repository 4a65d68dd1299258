"""The folder a build writes: refused when it is not a site, swapped in whole, recoverable.

- The target must be absent, empty, or a site built before (it holds MARKER):
  `--out docs` or `--out .` would otherwise replace hand-written pages or the clone.
- One build at a time per target: a lock file beside it (`.site.lock`).
- The new site is built in a temporary folder beside the target (`.site-tmp-…`) and
  put in place by two renames: the old site into the temporary folder, the new
  one in its place. A build killed between the two leaves the old site in
  `.site-tmp-…/previous`: the next build puts it back before anything else, and
  removes the temporary folders that killed builds left behind. A temporary
  folder holds STAGING_MARKER naming its target: a build removes only those made
  for its own target (never `--out .site-tmp-abc`, a site a contributor asked
  for, nor the folder of a build running for `site-tmp-x`, whose names also
  begin with `.site-tmp-`).
- Errors of the file system (no right to write, a full disk, a name too long)
  are told in French.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".qic-site"  # written at the root of every built site
MARKER_TEXT = "Site construit par python -m macros.build : ce dossier est remplacé à chaque construction.\n"
STAGING_MARKER = ".qic-staging"  # in each temporary folder of a build: the name of its target

# the repository's own folders: a site is never written inside them
PROJECT_FOLDERS = {"content", "docs", "overrides", "macros", "tests", "templates", "starters", "schemas", "scripts",
                   "bench", ".git", ".github", ".venv", ".vscode", ".ci"}

_OS_ERRORS = {
    errno.EACCES: "droit d'écriture refusé", errno.EPERM: "opération non permise",
    errno.ENOSPC: "disque plein", errno.EDQUOT: "quota de disque dépassé",
    errno.ENAMETOOLONG: "nom de fichier trop long pour le système de fichiers",
    errno.EROFS: "système de fichiers en lecture seule", errno.ENOTDIR: "un fichier porte le nom d'un dossier",
    errno.EISDIR: "un dossier porte le nom d'un fichier", errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EXDEV: "dossier sur un autre disque",
}


class OutputError(Exception):
    """A build cannot write its site: the message says why, in French."""


def os_error_message(error: OSError) -> str:
    what = _OS_ERRORS.get(error.errno or 0, error.strerror or "erreur du système de fichiers")
    # a full disk is not the file's fault: its name (often the copied one) would mislead
    where = f" : {error.filename}" if error.filename and error.errno not in (errno.ENOSPC, errno.EDQUOT) else ""
    return f"écriture impossible ({what}){where}"


def check_target(out: Path, repo: Path, part_of_site: bool = False) -> None:
    """Refuse a target that is not a site folder (see the module's docstring); with
    `part_of_site`, a folder of a built site is taken too (`mkdocs build -f
    mkdocs.en.yml` writes site/en/)."""
    out = Path(os.path.abspath(out))
    if out == repo or repo.is_relative_to(out):
        raise OutputError(f"dossier de sortie refusé : {out} contient le dépôt")
    if out.is_relative_to(repo) and out.relative_to(repo).parts[0] in PROJECT_FOLDERS:
        raise OutputError(f"dossier de sortie refusé : {out} est dans {out.relative_to(repo).parts[0]}/, "
                          "un dossier du projet")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"dossier de sortie refusé : {out} n'est pas un dossier")
    if not out.exists() or not any(out.iterdir()) or (out / MARKER).is_file() or _built_before_marker(out):
        return
    if part_of_site and ((out.parent / MARKER).is_file() or _built_before_marker(out.parent)):
        return
    raise OutputError(f"dossier de sortie refusé : {out} n'est ni vide ni un site construit "
                      f"(il ne contient pas {MARKER}) ; la construction le remplacerait en entier. "
                      "Choisissez un dossier vide ou nouveau, par exemple site/")


def _built_before_marker(out: Path) -> bool:
    """A site built before MARKER existed: our search index and sitemap at its root."""
    return (out / "pagefind").is_dir() and (out / "sitemap.xml").is_file() and (out / "404.html").is_file()


@contextlib.contextmanager
def locked(out: Path):
    """Hold the target's lock for the whole build; refuse when another build holds it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    with open(lock, "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"une autre construction écrit déjà dans {out.name}/ : attendez qu'elle "
                              "se termine, puis relancez") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(out: Path) -> list[str]:
    """Put back a site a killed build left aside, then remove what killed builds left.
    Called with the lock held: no other build is using these folders. Returns what was done."""
    done = []
    leftovers = sorted(folder for folder in out.parent.glob(f"{_temporary(out)}*") if _staging_of(folder) == out.name)
    if not out.exists():
        previous = next((folder / "previous" for folder in leftovers if (folder / "previous").is_dir()), None)
        if previous is not None:
            previous.rename(out)
            done.append(f"site précédent remis en place dans {out.name}/ (une construction interrompue l'avait retiré)")
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
        done.append(f"dossier temporaire d'une construction interrompue supprimé : {folder.name}")
    return done


def _temporary(out: Path) -> str:
    return f".{out.name}-tmp-"


def _staging_of(folder: Path) -> str | None:
    """The target a build's temporary folder was made for; None for any other folder."""
    marker = folder / STAGING_MARKER
    if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
        return None
    try:
        return marker.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None


@contextlib.contextmanager
def staging(out: Path):
    """A temporary folder beside `out`, marked as made for `out`, removed at the end
    whatever happens."""
    with tempfile.TemporaryDirectory(prefix=_temporary(out), dir=out.parent) as tmp:
        (Path(tmp) / STAGING_MARKER).write_text(out.name, encoding="utf-8")
        yield Path(tmp)


def swap(built: Path, out: Path, staging_folder: Path) -> None:
    """Put the built site in place of `out` (see the module's docstring)."""
    (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    if out.exists():
        out.rename(staging_folder / "previous")
    built.rename(out)
