"""Where things are in the repository."""
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
TEMPLATES = Path(__file__).resolve().parent / "templates"
