"""Hostile and broken input never breaks or poisons the site.

Each case of tests/broken/cases.yml is dropped into a copy of the real content;
`python -m macros.cli check` must then fail (exit code 1) with a French
message at the right file and line, and no Python traceback. Most cases run
in-process for speed; a representative few run as real subprocesses, and a
handful go through the full build, which must stop and leave no site behind.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_DATE, REPO, run_check

from macros.model import KINDS

BROKEN = REPO / "tests" / "broken"
MANIFEST = BROKEN / "cases.yml"
CASES = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))

# run as real `python -m macros.cli check` subprocesses (the others run in-process)
SUBPROCESS = {"02-unclosed-double-quote", "12-byte-order-mark", "13-latin1-bytes", "17-deep-nesting",
              "29-missing-required-fields", "36-file-name-accents", "55-javascript-url", "68-alias-bomb"}
# also run through the full build
BUILD = {"02-unclosed-double-quote", "55-javascript-url", "68-alias-bomb"}

TEN_MB = {
    "file": "(generated)", "folder": "sites", "as": "export-complet.yml",
    "expect": ["content/sites/export-complet.yml:1:", "fichier trop volumineux", "maximum 256\u202f000 octets"],
}
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*)$")


def _env() -> dict:
    return {**os.environ, "BUILD_DATE": BUILD_DATE, "PYTHONIOENCODING": "utf-8",
            "REPO_URL": "https://github.com/exemple/qic"}


def drop(case: dict, content: Path) -> list[str]:
    """Put the case's file(s) in the content copy; return them as contributors see them."""
    dropped = []
    for item in [case, *case.get("extra_files", [])]:
        target = content / item["folder"] / item["as"]
        if item["file"] == "(generated)":
            write_ten_megabytes(target)
        else:
            target.write_bytes((BROKEN / item["file"]).read_bytes())
        dropped.append(f"content/{item['folder']}/{item['as']}")
    return dropped


def write_ten_megabytes(target: Path) -> None:
    """A 10 MB export pasted as a record (made here: too big to keep in the repository)."""
    line = '  - "Liévin, Hauts-de-France : quartier prioritaire de la politique de la ville"\n'
    with target.open("w", encoding="utf-8") as handle:
        handle.write("name: Export complet\nsummary:\n")
        handle.write(line * (10_000_000 // len(line.encode("utf-8")) + 1))
    assert target.stat().st_size >= 10_000_000


def check_in_process(content: Path) -> tuple[int, str, str]:
    result = run_check(content)
    return result.returncode, result.stdout, result.stderr


def check_subprocess(content: Path) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "macros.cli", "check", "--content", str(content)],
                            cwd=REPO, env=_env(), capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    return result.returncode, result.stdout, result.stderr


def assert_reported(case: dict, dropped: list[str], code: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err, out + err
    assert code == 1, f"exit code {code}\n{out}{err}"
    for fragment in case["expect"]:
        assert fragment in err, f"missing « {fragment} » in:\n{err}"
    # no poisoning: errors are reported in the files the contributor touched, not all over the content
    allowed = dropped + case.get("also_reported", [])
    for line in err.splitlines():
        match = PROBLEM_LINE.match(line)
        if match and not match["rest"].startswith("avertissement:"):
            assert any(match["path"].endswith(path) for path in allowed), f"unexpected problem: {line}"


def case_id(case: dict) -> str:
    return Path(case["file"]).stem


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_broken_input_is_reported_in_french_at_its_line(case, content):
    dropped = drop(case, content)
    if case_id(case) in SUBPROCESS:
        code, out, err = check_subprocess(content)
    else:
        code, out, err = check_in_process(content)
    assert_reported(case, dropped, code, out, err)


def test_ten_megabyte_file_is_refused_without_being_read(content):
    dropped = drop(TEN_MB, content)
    assert_reported(TEN_MB, dropped, *check_subprocess(content))


def build_cases():
    return [pytest.param(case, id=case_id(case)) for case in CASES if case_id(case) in BUILD] + [
        pytest.param(TEN_MB, id="10-megabytes")]


@pytest.mark.parametrize("case", build_cases())
def test_full_build_stops_in_french_and_writes_no_site(case, content, tmp_path):
    dropped = drop(case, content)
    out = tmp_path / "out" / "site"
    result = subprocess.run([sys.executable, "-m", "macros.build", "--content", str(content), "--out", str(out),
                             "--quiet"], cwd=REPO, env=_env(), capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert_reported(case, dropped, result.returncode, result.stdout, result.stderr)
    assert "Construction annulée" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.rglob(".*-tmp-*"))  # no half-built folder either


def test_corpus_is_large_and_every_file_is_listed():
    assert len(CASES) >= 45
    listed = {case["file"] for case in CASES} | {
        extra["file"] for case in CASES for extra in case.get("extra_files", [])}
    on_disk = {path.name for path in BROKEN.iterdir()} - {MANIFEST.name}
    assert on_disk == listed, (sorted(on_disk - listed), sorted(listed - on_disk))
    assert len({case["file"] for case in CASES}) == len(CASES), "a case is listed twice"
    for case in CASES:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.yml", case["file"]), case["file"]
        for item in [case, *case.get("extra_files", [])]:
            assert item["folder"] in KINDS, item
        first = case["expect"][0]
        assert re.fullmatch(rf"content/{case['folder']}/{re.escape(case['as'])}:[1-9]\d*:", first), first
        assert len(case["expect"]) >= 2, f"{case['file']}: say which French words the contributor must read"


def test_html_and_script_links_in_markdown_are_reported_as_warnings(content, tmp_path):
    """They never reach a page (the sanitiser removes them) and do not stop the build,
    but the contributor is told, at the line, what will be removed."""
    import subprocess
    import sys as _sys
    file = content / "sites" / "lievin.yml"
    text = file.read_text(encoding="utf-8")
    text = text.replace('summary:\n  fr: "', 'summary:\n  fr: "[clic](javascript:alert(1)) ', 1)
    text = text.replace('\n  en: "', '\n  en: "<b onclick=x>hello</b> ', 1)
    file.write_text(text, encoding="utf-8")
    result = subprocess.run([_sys.executable, "-m", "macros.cli", "check", "--content", str(content)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    lines = text.splitlines()
    fr_line = next(i for i, l in enumerate(lines, 1) if "javascript:alert" in l)
    en_line = next(i for i, l in enumerate(lines, 1) if "onclick" in l)
    assert f"sites/lievin.yml:{fr_line}:3: avertissement: summary.fr: lien « javascript: »" in result.stderr
    assert f"sites/lievin.yml:{en_line}:3: avertissement: summary.en: balise HTML" in result.stderr


def test_reading_again_in_the_same_process_sees_every_change(content):
    """The preview server reads the content again after each save, reusing the
    files it has already checked: a change of the same length must still count."""
    from macros.content import load_catalogue
    from macros.problems import ContentError

    file = content / "sites" / "lievin.yml"
    good = file.read_text(encoding="utf-8")
    assert load_catalogue(content, content.parent).sites["lievin"].kind == "pilote"
    bad = good.replace("kind: pilote", "kind: pilots", 1)  # same size in bytes
    assert bad != good
    file.write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(content, content.parent)
    assert "lievin.yml" in str(error.value) and "kind" in str(error.value)
    file.write_text(good, encoding="utf-8")
    assert load_catalogue(content, content.parent).sites["lievin"].kind == "pilote"
