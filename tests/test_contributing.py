"""CONTRIBUTING.md and the pull-request template stay true to the repository."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
WORDS = " ".join(GUIDE.split())  # as read: line breaks inside a sentence do not count


def test_every_command_of_the_guide_exists():
    commands = set(re.findall(r"python -m macros\.cli ([a-z-]+)", GUIDE))
    assert {"check", "new-site", "translations", "schemas"} <= commands
    for command in commands:
        result = subprocess.run([sys.executable, "-m", "macros.cli", command, "--help"], cwd=REPO,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (command, result.stderr)
    for script in set(re.findall(r"scripts/[a-z_]+\.sh", GUIDE)):
        assert (REPO / script).is_file(), script


def test_every_template_and_folder_named_in_the_guide_exists():
    for path in set(re.findall(r"`((?:templates|content)/[a-z_/]*(?:\.yml)?)`", GUIDE)):
        assert (REPO / path).exists(), path


def test_the_guide_covers_each_contribution_and_the_golden_rule():
    for heading in ("### Un site", "### Un événement", "### Une ressource", "### Un contact",
                    "### Une traduction anglaise", "## Prévisualiser le site",
                    "## Comprendre les messages de la vérification"):
        assert heading in GUIDE
    for step in ("Add file", "Create new file", "Commit changes", "Create a new branch for this commit",
                 "Create pull request", "Details"):
        assert step in WORDS
    assert "n'inventez aucun fait" in WORDS.lower()
    assert "fichier:ligne:colonne: champ: message — conseil : …" in GUIDE


def test_pull_request_template_is_a_french_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4
    assert "source" in text and "À COMPLÉTER" in text and "CONTRIBUTING.md" in text
