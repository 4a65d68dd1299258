"""Standard tooling on the code: ruff (configured in pyproject.toml) and mypy.

ruff must find nothing in macros/, and mypy (its configuration in pyproject.toml:
the pydantic plugin, untyped functions checked too, the stubs of the dev lock) no
error either.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def _imports(module: Path) -> set[str]:
    """The project modules a module of macros/ imports, at its top or inside a function."""
    import ast
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level == 1 or (node.module or "").startswith("macros")):
            base = (node.module or "").removeprefix("macros").lstrip(".")
            names = [base] if base else [alias.name for alias in node.names]
            found.update(name.split(".")[0] for name in names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("macros."))
    return found - {module.stem}


def test_the_modules_import_each_other_without_a_cycle():
    """Each module of macros/ can be read from its imports down: no two modules need
    each other, even through a function-level import."""
    modules = {path.stem: path for path in (REPO / "macros").glob("*.py")}
    graph = {name: _imports(path) & modules.keys() for name, path in modules.items()}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for following in sorted(graph[name]):
            if following in trail:
                cycles.append(trail[trail.index(following):] + [following])
            elif following not in done:
                visit(following, trail + [following])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == [], " ; ".join(" → ".join(cycle) for cycle in cycles)
