"""What a build needs from outside the content's model: the content checked (once per
build, and under the preview again only when a file under content/ changed), the
day, the Git history's one-line notice, the repository's address on GitHub.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from .content import Catalogue, load_catalogue
from .history import History, missing
from .paths import REPO, content_dir

# the preview builds again at every save: the content is read again only when a file
# under it changed (a memo of its files' state, which gives the same result as reading)
_memo: dict[tuple, Catalogue] = {}


def build_date() -> dt.date:
    """The day a build considers "today" (upcoming events): BUILD_DATE, else today."""
    value = os.environ.get("BUILD_DATE")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _stamp(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in root.rglob("*") if p.is_file()))


def load(repo: Path, today: dt.date) -> Catalogue:
    """The checked content of the checkout `repo` (QIC_CONTENT points elsewhere);
    raises ContentError. The last result is kept only while no file under it changes."""
    root = content_dir(repo)
    key = (str(root), str(repo), today, _stamp(root) if root.is_dir() else ())
    if key not in _memo:
        loaded = load_catalogue(root, repo if root.is_relative_to(repo) else root.parent, today)
        _memo.clear()
        _memo[key] = loaded
    return _memo[key]


def history_notice(catalogue: Catalogue, found: History) -> str:
    """The build's one French line about missing dates, or ""."""
    return missing(found, [(kind, key) for kind, entries in catalogue.entries.items() for key in entries])


def repository_url(repo: Path = REPO) -> str:
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
        remote = subprocess.run(["git", "-C", str(repo), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.match(r"^(?:https://github\.com/|git@github\.com:)([^/]+/[^/]+?)(?:\.git)?$", remote)
    return f"https://github.com/{match.group(1)}" if match else ""
