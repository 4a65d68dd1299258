"""Standard tooling on the code: ruff (configured in pyproject.toml) and mypy.

ruff must find nothing in macros/, and mypy (its configuration in pyproject.toml:
the pydantic plugin, untyped functions checked too, the stubs of the dev lock) no
error either.
"""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_finds_nothing_in_the_code():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "macros", "--output-format", "concise"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_see_a_finding():
    """The configuration is read: an unused import in a file is reported."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--stdin-filename", "macros/x.py", "-"],
                            input="import os\n", cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "F401" in result.stdout


def test_mypy_finds_nothing_in_the_code():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "Success: no issues found" in result.stdout, result.stdout + result.stderr
