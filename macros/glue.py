"""What the MkDocs hook and the macros module share: one catalogue per build.

The content is read and validated once per build (and again under the preview
server only when a file under content/ changed), never once per page.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from .content import Catalogue, load_catalogue
from .history import History, missing, read_history
from .paths import REPO, content_dir

_cache: dict[str, tuple[tuple, Catalogue]] = {}
# what macros/build.py hands to the MkDocs builds it runs (see `use`)
_given: dict = {}


def build_date() -> dt.date:
    """The day the build considers "today" (upcoming events): the one macros/build.py
    gives, else BUILD_DATE, else today."""
    if "today" in _given:
        return _given["today"]
    value = os.environ.get("BUILD_DATE")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _fingerprint(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in root.rglob("*") if p.is_file()))


_current: Catalogue | None = None


def current() -> Catalogue:
    """The catalogue this build loaded in `on_config` (no new look at the files)."""
    return _current if _current is not None else catalogue()


def catalogue() -> Catalogue:
    """Load (or reuse) the content; once per build, from the hook's `on_config`."""
    global _current
    root = _given.get("root") or content_dir()
    stamp = _fingerprint(root) if root.is_dir() else ()
    cached = _cache.get(str(root))
    if cached and cached[0] == stamp:
        _current = cached[1]
        return cached[1]
    loaded = load_catalogue(root, REPO if root.is_relative_to(REPO) else root.parent, build_date())
    _cache[str(root)] = (stamp, loaded)
    _current = loaded
    return loaded


def last_good() -> Catalogue | None:
    """The content this process last loaded without error (the preview keeps showing it)."""
    return _current


def history() -> History:
    """The content's Git history (macros/history.py): the one macros/build.py read before
    starting both languages, else read once in this process."""
    if "history" not in _given:
        _given["history"] = read_history(Path(current().root))
    return _given["history"]


def history_notice(catalogue: Catalogue, found: History) -> str:
    """The build's one French line about missing dates, or ""."""
    return missing(found, [(kind, key) for kind, entries in catalogue.entries.items() for key in entries])


def use(checked: Catalogue, today: dt.date, found: History | None = None) -> None:
    """Hand content already checked, and the build's "today", to the MkDocs builds that
    follow in this process (and in processes forked from it): macros/build.py checks
    once for both languages. A file changed since is noticed, and the content read again."""
    root = Path(checked.root).resolve()
    _cache[str(root)] = (_fingerprint(root), checked)
    _given.update(root=root, today=today)
    if found is not None:
        _given["history"] = found


def run_by_our_build() -> bool:
    """Whether this MkDocs build was started by macros/build.py (both languages and
    search), rather than by a plain `mkdocs build` (one language, no search)."""
    return "root" in _given


def repository_url() -> str:
    """The GitHub repository the site is edited in, for "edit this page" links.

    REPO_URL wins; GitHub Actions gives GITHUB_REPOSITORY; otherwise the clone's
    `origin` remote when it is a GitHub address; otherwise none (no edit links).
    """
    if os.environ.get("REPO_URL"):
        return os.environ["REPO_URL"]
    if os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    try:
        remote = subprocess.run(["git", "-C", str(REPO), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.match(r"^(?:https://github\.com/|git@github\.com:)([^/]+/[^/]+?)(?:\.git)?$", remote)
    return f"https://github.com/{match.group(1)}" if match else ""
