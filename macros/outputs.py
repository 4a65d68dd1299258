"""One build, and everything it publishes from the content: the seam between the
product and MkDocs.

`Build` holds what one language's build is made from — the checked catalogue,
its "today", the Git history, the addresses and the repository it builds — made
once per build (hooks.on_config) and passed explicitly. `Build.outputs` is every
page (path, title, description, HTML, headings, edit source, date) and every file
(path, bytes) the content gives that language; macros/hooks.py only hands them to
MkDocs. Nothing here outlives the build it belongs to.

To add a page made from the content: a template and an entry in pages.INDEX_PAGES.
To add a file (a calendar, an export): one line in downloads.generated_downloads.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .content import Catalogue
from .downloads import generated_downloads
from .history import History
from .pages import GeneratedPage, Views, generated_pages
from .problems import Problem

BUILD = "qic_build"  # the MkDocs configuration's key for its Build (set in hooks.on_config)
GIVEN = "qic_given"  # ... for what macros/build.py checked before starting both languages


@dataclass(frozen=True)
class Given:
    """What macros/build.py checked and read once, for the MkDocs builds of both
    languages it runs (set on their configuration: see hooks.on_config)."""

    catalogue: Catalogue
    today: dt.date
    history: History


@dataclass(frozen=True)
class Outputs:
    pages: list[GeneratedPage]
    files: list[tuple[str, bytes]]  # path in the built site, bytes

    @property
    def written_after(self) -> list[tuple[str, bytes]]:
        """Files MkDocs would take for pages (Markdown): written as they are once it is done."""
        return [(path, data) for path, data in self.files if path.endswith(".md")]


@dataclass(frozen=True)
class Build:
    """One build of one language."""

    catalogue: Catalogue
    lang: str
    today: dt.date
    history: History
    repo: Path                   # the checkout being built: the folder of its mkdocs.yml
    site_url: str = ""           # this language's published address ("" for a local build)
    licence: dict | None = None  # extra.data_licence
    permalink_title: str = ""    # the heading anchors' title (mkdocs.yml: toc)
    directory_urls: bool = True
    # content errors met by the live preview, shown on every page over the last good content
    problems: list[Problem] = field(default_factory=list)

    @functools.cached_property
    def views(self) -> Views:
        return Views(self.catalogue, self.lang, self.today, self.history)

    @functools.cached_property
    def outputs(self) -> Outputs:
        pages = generated_pages(self.catalogue, self.lang, self.today, self.permalink_title, self.directory_urls,
                                self.history)
        files = generated_downloads(self.catalogue, self.lang, self.today, self.site_url, self.licence,
                                    self.history)
        paths = Counter([page.path for page in pages] + [path for path, _ in files])
        twice = sorted(path for path, count in paths.items() if count > 1)
        if twice:  # a bug of ours, never a contributor's: two outputs would overwrite each other
            raise ValueError(f"produced twice: {', '.join(twice)}")
        return Outputs(pages, files)


def build_of(config) -> Build:
    """The Build of the MkDocs build this configuration is running."""
    return config[BUILD]


def run_by_our_build(config) -> bool:
    """Whether this MkDocs build was started by macros/build.py (both languages and
    search), rather than by a plain `mkdocs build` (one language, no search)."""
    return GIVEN in config
