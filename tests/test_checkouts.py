"""Two checkouts that share one Python environment each build their own content.

The environment's editable install points at this checkout; a second checkout
(a colleague's clone, a branch worktree) built with the same `mkdocs` or
`python -m macros.build` must read its own content, templates and code.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_DATE, REPO


def second_checkout(tmp_path: Path) -> Path:
    other = tmp_path / "autre-copie"
    # the files as they are now (a clone would take the last commit's), without the environment
    shutil.copytree(REPO, other, ignore=shutil.ignore_patterns(".git", ".venv", ".tools", "site", "site-*", "__pycache__",
                                                              ".pytest_cache", "node_modules", "screenshots"))
    # what only the second checkout says: a site name and an interface word
    site = other / "content" / "sites" / "lievin.yml"
    site.write_text(site.read_text(encoding="utf-8").replace('name: "Liévin"', 'name: "Liévin-Deuxième-Copie"'),
                    encoding="utf-8")
    return other


def test_a_plain_mkdocs_build_of_a_second_checkout_builds_its_content(tmp_path):
    other = second_checkout(tmp_path)
    out = tmp_path / "site"
    env = {**os.environ, "BUILD_DATE": BUILD_DATE}
    env.pop("QIC_CONTENT", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(other / "mkdocs.yml"),
                             "-d", str(out)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "sites" / "lievin" / "index.html").read_text(encoding="utf-8")
    assert "Liévin-Deuxième-Copie" in page


def test_the_build_command_run_in_a_second_checkout_builds_its_content(tmp_path):
    other = second_checkout(tmp_path)
    out = tmp_path / "site"
    env = {**os.environ, "BUILD_DATE": BUILD_DATE}
    env.pop("QIC_CONTENT", None)
    result = subprocess.run([sys.executable, "-m", "macros.build", "--only", "fr", "--out", str(out), "--quiet"],
                            cwd=other, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Liévin-Deuxième-Copie" in (out / "sites" / "lievin" / "index.html").read_text(encoding="utf-8")


def test_the_package_installed_without_editable_mode_checks_and_builds_the_working_folder(tmp_path):
    """`pip install .` (no -e) puts a copy of the package in site-packages: run from a
    checkout, it checks and builds that checkout's content, with its own templates."""
    other = second_checkout(tmp_path)
    installed = tmp_path / "installed"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                           "--no-build-isolation", "--target", str(installed), str(other)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    # -P: the working folder is not put first on sys.path, so `macros` is the installed copy
    env = {**os.environ, "BUILD_DATE": BUILD_DATE, "PYTHONPATH": str(installed)}
    env.pop("QIC_CONTENT", None)
    where = subprocess.run([sys.executable, "-P", "-c", "import macros; print(macros.__file__)"], cwd=other, env=env,
                           capture_output=True, text=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout + where.stderr
    check = subprocess.run([sys.executable, "-P", "-m", "macros.cli", "check"], cwd=other, env=env,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and "Contenu valide" in check.stdout, check.stdout + check.stderr
    out = tmp_path / "site"
    built = subprocess.run([sys.executable, "-P", "-m", "macros.build", "--only", "fr", "--out", str(out), "--quiet"],
                           cwd=other, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Liévin-Deuxième-Copie" in (out / "sites" / "lievin" / "index.html").read_text(encoding="utf-8")
