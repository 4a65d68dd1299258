"""Where things are in the repository.

The repository is the checkout being built: for an MkDocs build, the folder of
its mkdocs.yml (hooks.on_config gives it to the build); for the command line,
the checkout this package sits in (run from a clone, or installed with -e), else
the working folder (the package installed without -e, run from a clone).
"""
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
TEMPLATES = _PACKAGE / "templates"
CONFIGS = {"fr": "mkdocs.yml", "en": "mkdocs.en.yml"}  # each language's MkDocs configuration


def _repository() -> Path:
    if (_PACKAGE.parent / "mkdocs.yml").is_file():
        return _PACKAGE.parent
    return Path.cwd().resolve()


REPO = _repository()
CONTENT = REPO / "content"
DOCS = REPO / "docs"
OVERRIDES = REPO / "overrides"


def content_dir(repo: Path = REPO) -> Path:
    """The content folder of `repo`; QIC_CONTENT points elsewhere (tests, benchmark)."""
    return Path(os.environ.get("QIC_CONTENT") or repo / "content").resolve()
