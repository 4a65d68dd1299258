"""Where things are in the repository."""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DOCS = REPO / "docs"
OVERRIDES = REPO / "overrides"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def content_dir() -> Path:
    """The content folder; QIC_CONTENT points elsewhere (tests, benchmark)."""
    return Path(os.environ.get("QIC_CONTENT", CONTENT)).resolve()
