"""CONTRIBUTING.md and the pull-request template stay true to the repository."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import REPO

from macros.model import KINDS

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


def yaml_leaves(data):
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in yaml_leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in yaml_leaves(value)]
    return [data]


def yaml_examples(text: str) -> list[str]:
    return [textwrap.dedent(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


@pytest.mark.parametrize("index", range(len(yaml_examples(GUIDE))))
def test_every_yaml_example_of_the_guide_passes_the_check_once_filled(content, index):
    """Each example, filled as the guide says (« À COMPLÉTER » replaced), put in a real
    record of a kind that has its fields: the record still passes the real check."""
    example = re.sub(r'"À COMPLÉTER[^"]*"', '"Hauts-de-France"', yaml_examples(GUIDE)[index])
    written = yaml.safe_load(example)
    assert isinstance(written, dict) and written, example
    kind = next(k for k in ("sites", "events", "resources") if set(written) <= set(KINDS[k].model_fields))
    # the record the example was taken from, if any (its title would be a duplicate elsewhere)
    record = max(sorted((content / kind).glob("*.yml")),
                 key=lambda f: sum(str(v) in f.read_text(encoding="utf-8") for v in yaml_leaves(written)))
    data = {**yaml.safe_load(record.read_text(encoding="utf-8")), **written}
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "check", "--content", str(content)], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (example, result.stderr)


def test_the_guide_s_new_site_command_runs(content):
    line = next(line.strip() for line in GUIDE.splitlines() if "macros.cli new-site \"" in line and "--kind" in line)
    args = shlex.split(line.replace(".venv/bin/python", sys.executable))
    result = subprocess.run([*args, "--content", str(content)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(list((content / "sites").glob("saint-denis-plaine.yml"))) == 1


def test_the_preview_command_of_the_guide_exists():
    for module in set(re.findall(r"python -m (macros\.[a-z]+)", GUIDE)):
        result = subprocess.run([sys.executable, "-m", module, "--help"], cwd=REPO, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, (module, result.stderr)


def test_the_readme_names_every_module_of_the_code_and_only_those():
    """« Où se trouve quoi » names each module of macros/ with what it holds: a module
    added, renamed or removed without the README fails here."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Où se trouve quoi"):readme.index("## Le moteur")]
    named = set(re.findall(r"`([a-z_]+\.py)`", section)) - {path.name for path in (REPO / "tests").glob("*.py")}
    modules = {path.name for path in (REPO / "macros").glob("*.py")} - {"__init__.py"}
    assert named == modules, (sorted(modules - named), sorted(named - modules))
