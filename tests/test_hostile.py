"""Hostile contributions, round 2: each class of attack, through the real check and build.

A stranger's pull request is checked and built on a CI runner, its log and its
preview artefact are public. For each class below, several variants must be
refused with a French `file:line` message and no traceback, or made harmless:

1. files outside the repository (links, pipes, devices, unreadable folders);
2. time (inputs that make a check or a renderer super-linear);
3. spreadsheet formulas in the CSV open data;
4. CI-log and terminal injection through quoted values;
5. invisible, bidirectional and look-alike characters;
6. values that mean nothing (booleans as numbers, swapped or impossible places);
7. ids that collide with the site's own pages;
8. the build's own faults (its target, interrupted builds, concurrent builds, the disk);
9. smaller ones (double escaping, size message, `no` quoted as written).
"""
from __future__ import annotations

import csv
import fcntl
import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_DATE, REPO, run_build, run_check

from macros import exports, files, output
from macros.content import load_catalogue
from macros.problems import ContentError, Problem, inert

SECRET = "SECRET-TOKEN-4f1c9a"  # what a runner file holds; it must appear nowhere


check = run_check  # the command, in this process (conftest.run_check)


def check_process(content: Path, timeout: float = 60, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The command in a new process: stopped by `timeout` if a read never ends, and run from
    `cwd` (a checkout's `python -m` imports that checkout's macros/)."""
    environment = {**os.environ, "BUILD_DATE": BUILD_DATE, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "macros.cli", "check", "--content", str(content)], cwd=cwd,
                          env=environment, capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def problems_of(content: Path) -> list[Problem]:
    try:
        catalogue = load_catalogue(content, content.parent, today=__import__("datetime").date(2026, 11, 30))
    except ContentError as error:
        return error.problems
    return catalogue.warnings


def site_file(content: Path, key: str, **changes) -> Path:
    """Write content/sites/<key>.yml: a copy of lievin.yml with some lines replaced."""
    text = (content / "sites" / "lievin.yml").read_text(encoding="utf-8")
    for field, value in changes.items():
        text, count = re.subn(rf"(?m)^{field}:.*$", lambda _: f"{field}: {value}", text)
        assert count == 1, field
    target = content / "sites" / f"{key}.yml"
    target.write_text(text, encoding="utf-8")
    return target


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"« {fragment} » missing from:\n{result.stderr}"


@pytest.fixture
def secret(tmp_path) -> Path:
    outside = tmp_path / "runner" / "credentials"
    outside.parent.mkdir()
    outside.write_text(f"name: {SECRET}\ntoken: {SECRET}\n", encoding="utf-8")
    return outside


# --- 1. files outside the repository ---------------------------------------------------------------

@pytest.mark.parametrize("where", ["sites/x.yml", "organisations/x.yml", "sources/x.yml"])
def test_a_link_in_content_is_refused_and_its_target_never_printed(content, secret, where):
    (content / where).symlink_to(secret)
    result = check(content)
    assert_refused(result, f"content/{where}:1:1: lien symbolique refusé")
    assert SECRET not in result.stdout + result.stderr


def test_a_linked_content_folder_and_a_link_to_a_device_are_refused(content, tmp_path):
    outside = tmp_path / "elsewhere"
    (content / "events").rename(outside)
    (content / "events").symlink_to(outside, target_is_directory=True)
    (content / "sites" / "zero.yml").symlink_to("/dev/zero")
    result = check_process(content, timeout=30)  # /dev/zero read would never end
    assert_refused(result, "content/events:1:1: lien symbolique refusé", "content/sites/zero.yml:1:1: lien symbolique")


def test_a_named_pipe_is_refused_without_being_opened(content):
    os.mkfifo(content / "sites" / "tube.yml")
    result = check_process(content, timeout=30)  # opening it for reading would wait forever
    assert_refused(result, "content/sites/tube.yml:1:1: tube nommé refusé")


def test_an_unreadable_folder_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(files.os, "scandir", refuse)
    listing = files.list_folder(tmp_path, tmp_path.parent)
    assert [p.message for p in listing.problems] == ["dossier illisible (Permission denied)"]


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path, secret):
    (tmp_path / "link.yml").symlink_to(secret)
    os.mkfifo(tmp_path / "pipe.yml")
    for name, words in (("link.yml", "lien symbolique"), ("pipe.yml", "tube nommé")):
        data, problems = files.read_regular(tmp_path / name, name)
        assert data is None and words in problems[0].message
    assert files.read_regular(Path("/dev/null"), "null")[0] is None


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A copy of what a build reads (configuration, pages, theme, code, content), to break
    without touching the repository that other tests, running alongside, build from."""
    copy = tmp_path / "repo"
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        copy.mkdir(exist_ok=True)
        (copy / name).write_bytes((REPO / name).read_bytes())
    for name in ("docs", "overrides", "macros", "content"):
        shutil.copytree(REPO / name, copy / name)  # with __pycache__: not compiled again
    return copy


@pytest.mark.parametrize("place", ["docs/fr/secret.md", "docs/en/a-propos/secret.txt", "overrides/assets/secret.css"])
def test_a_link_in_docs_or_overrides_stops_the_check_and_the_build(secret, place, repo_copy, tmp_path):
    (repo_copy / place).symlink_to(secret)
    # run from the copy: `python -m` imports its macros/, which takes it for the repository
    result = check_process(repo_copy / "content", cwd=repo_copy)
    assert_refused(result, f"{place}:1:1: lien symbolique refusé")
    out = tmp_path / "site"
    built = run_build(repo_copy / "content", out, cwd=repo_copy)
    assert built.returncode == 1 and not out.exists()
    assert SECRET not in built.stdout + built.stderr
    # a plain `mkdocs build` (which skips our check) refuses it too, in its hook
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain")],
                           cwd=repo_copy, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "BUILD_DATE": BUILD_DATE})
    if place.startswith("docs/fr/"):  # mkdocs.yml builds the French pages
        assert plain.returncode != 0 and "fichiers refusés" in plain.stdout + plain.stderr
    assert not any(SECRET in p.read_text(errors="replace") for p in (tmp_path / "plain").rglob("*")
                   if p.is_file())


def test_workflows_leave_no_credentials_on_disk():
    for workflow in (REPO / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        checkouts = text.count("uses: actions/checkout@")
        assert text.count("persist-credentials: false") == checkouts, workflow.name


# --- 2. time -------------------------------------------------------------------------------------------

WORST_CASES = {
    "spaces after <": "<" + " " * 120_000,
    "spaces after ](": "](" + " " * 120_000,
    "tags never closed": "<a" * 60_000,
    "brackets": "[a]" * 6_000,  # a run of 50 unclosed ones is refused before YAML reads it
    "emphasis": "*a" * 9_000,
    "backslashes": "\\\\" * 60_000,
    "spaces before a semicolon": "a" + " " * 19_000 + "b ;",  # French typography on the built page
    "spaces before a colon": "a" + " " * 19_000 + "b :",
}


def write_worst_case(content: Path, name: str, file: str = "pire-cas") -> bool:
    """The case as a resource's summary (and title, when the check lets it through: the title
    is on the page twice, card and table); True when the check must accept it."""
    text = WORST_CASES[name]
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    short = len(text.strip()) <= 20_000  # a longer text is refused by the check
    title = f'"{file} {quoted}"' if short else f'"{file}"'  # the file's name: titles differ when several
    target = content / "resources" / f"{file}.yml"
    target.write_text(f'title: {{fr: {title}}}\ntype: article\nlanguage: fr\nsummary:\n  fr: "{quoted}"\n'
                      "sources: [irev-territoire-impact-collectif]\n", encoding="utf-8")
    assert target.stat().st_size < files.MAX_BYTES
    return short


@pytest.mark.parametrize("name", WORST_CASES)
def test_a_worst_case_file_is_checked_within_seconds(content, name):
    """A ceiling, not a race: minutes here would let two files exhaust CI's limit."""
    short = write_worst_case(content, name)
    started = time.perf_counter()
    result = check(content)
    checked = time.perf_counter() - started
    assert (result.returncode == 0) == short, result.stderr[-500:]
    assert checked < 30, f"{name}: {checked:.1f} s"


def test_the_worst_cases_the_check_accepts_are_built_together_within_seconds(content, tmp_path):
    """Each in a file of its own, one build: a ceiling for all of them at once."""
    accepted = [name for index, name in enumerate(WORST_CASES) if write_worst_case(content, name, f"pire-cas-{index}")]
    for index, name in enumerate(WORST_CASES):
        if name not in accepted:
            (content / "resources" / f"pire-cas-{index}.yml").unlink()
    assert len(accepted) == 6
    started = time.perf_counter()
    built = run_build(content, tmp_path / "site", "--only", "fr")
    took = time.perf_counter() - started
    assert built.returncode == 0, built.stderr
    assert took < 30, f"{took:.1f} s"
    page = (tmp_path / "site" / "ressources" / "index.html").read_text(encoding="utf-8")
    assert all(f"pire-cas-{list(WORST_CASES).index(name)} " in page for name in accepted)


def test_a_text_too_long_is_refused(content):
    site_file(content, "long", region="a" * 20_001)
    assert_refused(check(content), "content/sites/long.yml:", "texte trop long (20\u202f001 caractères")


# --- 3. spreadsheet formulas ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(text):
    rows = list(csv.reader(io.StringIO(exports._csv(["a", "b"], [[text, -73.69]]).decode("utf-8"))))
    assert rows[1] == ["'" + text, "-73.69"]  # text made inert, numbers left as numbers


def test_the_open_data_page_says_so(site):
    assert "précédé d’une apostrophe" in (site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "preceded by an apostrophe" in (site / "en" / "donnees" / "index.html").read_text(encoding="utf-8")


# --- 4. CI log and terminal injection -------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    '"x\\n::error file=a.yml::faux"', '"::stop-commands::jeton"', '"\\e[2J\\e[31mrouge"',
    '"a\\rb"', '"\\u202eniveiL"', '"\\u2028::warning::x"',
])
def test_quoted_values_reach_the_log_inert(content, value):
    site_file(content, "injection", kind=value)  # an unknown kind: its value is quoted in the message
    result = check(content, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    for line in (result.stdout + result.stderr).splitlines():
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", line), repr(line)
        if line.startswith("::"):  # only our own annotations start a workflow command
            assert re.match(r"^::(error|warning) file=[^:]+,line=\d+,col=\d+,title=[^:]*::", line), line
    assert "content/sites/injection.yml:" in result.stderr


def test_inert_escapes_what_a_terminal_or_a_runner_would_obey():
    assert inert("a\nb\x1b[31m\u202e") == "a\\nb\\x1b[31m\\u202e"
    assert not inert("::error::x").startswith("::")


# --- 5. characters ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("escape,code", [("\\e", "001B"), ("\\0", "0000"), ("\\a", "0007"), ("\\x85", "0085"),
                                         ("\\u202e", "202E"), ("\\x7f", "007F"), ("\\b", "0008")])
def test_control_characters_written_as_escapes_are_refused(content, escape, code):
    site_file(content, "controle", region=f'"Hauts{escape}-de-France"')
    assert_refused(check(content), f"caractère de contrôle invisible (U+{code})", "content/sites/controle.yml:")


@pytest.mark.parametrize("name,words", [
    ('"\\u200b\\u200b"', "caractère invisible (U+200B)"),
    ('"\\u00ad"', "caractère invisible (U+00AD)"),
    ('"Li\\u200dévin 2"', "caractère invisible (U+200D)"),
    ('"Lens\\u2069"', "caractère de contrôle invisible (U+2069)"),
    ('"Lіévin 2"', "lettres de plusieurs alphabets mêlées dans « Lіévin » (cyrillique, latin)"),
    ('"Αrras"', "lettres de plusieurs alphabets mêlées dans « Αrras » (grec, latin)"),
    ('"..."', "nom sans aucune lettre ni chiffre visible"),
])
def test_names_that_hide_something_are_refused(content, name, words):
    site_file(content, "trompeur", name=name)
    assert_refused(check(content), "content/sites/trompeur.yml:", words)


@pytest.mark.parametrize("name", ['"Liévin"', '"LIEVIN"', '"Ｌｉéｖｉｎ"', '"Ⅼiévin"'])
def test_look_alike_names_are_duplicates(content, name):
    site_file(content, "sosie", name=name)
    result = check(content)
    assert_refused(result, "content/sites/sosie.yml:", "même nom qu'un autre site (", "content/sites/lievin.yml)")


# --- 6. values that mean nothing --------------------------------------------------------------------------

@pytest.mark.parametrize("coordinates,words", [
    ("{lat: true, lon: 2.8, precision: commune}", "nombre attendu (ex. 50.42), pas « true »"),
    ("{lat: no, lon: 2.8, precision: commune}", "« no » : YAML le lirait comme « faux »"),
    ("{lat: 2.83, lon: 50.43, precision: commune}", "latitude et longitude inversées ?"),
    ("{lat: 0, lon: 0, precision: commune}", "point (0.0, 0.0) hors de France"),
    ("{lat: 45.5, lon: -73.6, precision: commune}", "hors de France (pays indiqué : FR)"),
])
def test_impossible_places_are_refused(content, coordinates, words):
    site_file(content, "ailleurs", coordinates=coordinates)
    assert_refused(check(content), "content/sites/ailleurs.yml:", words)


def test_a_place_the_map_cannot_draw_is_a_warning(content):
    site_file(content, "cayenne", name='"Cayenne"', region="Guyane",
              coordinates="{lat: 4.93, lon: -52.33, precision: commune}")
    result = check(content)
    assert result.returncode == 0, result.stderr
    assert "content/sites/cayenne.yml:" in result.stderr and "ne figure sur aucun panneau de la carte" in result.stderr


def test_a_boolean_is_not_a_year(content):
    text = (content / "resources" / "videos-f3e.yml").read_text(encoding="utf-8")
    (content / "resources" / "videos-f3e.yml").write_text(text + "year: yes\n", encoding="utf-8")
    assert_refused(check(content), "content/resources/videos-f3e.yml:", "year: « yes » : YAML le lirait comme « vrai »", "écrivez true ou false")


# --- 7. ids ---------------------------------------------------------------------------------------------------

def test_reserved_ids_are_refused_with_the_list(content, tmp_path):
    site_file(content, "index", name='"Index"')
    result = check(content)
    assert_refused(result, "content/sites/index.yml:1:1: identifiant « index » réservé",
                   "identifiants réservés dans content/sites/ : index")
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 1 and not out.exists()


def test_an_id_too_long_for_a_file_name_is_refused(content):
    site_file(content, "a" * 81, name='"Très long"')
    assert_refused(check(content), "nom de fichier trop long (81 caractères ; maximum 80)")


# --- 8. the build's own faults ----------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["docs", ".", "macros", "..", "content/nouveau", "docs/fr/site", "/"])
def test_the_build_refuses_a_target_that_is_not_a_site(target):
    before = sorted(p.name for p in (REPO / "docs").iterdir())
    result = run_build(REPO / "content", REPO / target)
    assert result.returncode == 1 and "Construction refusée : dossier de sortie refusé" in result.stderr
    assert sorted(p.name for p in (REPO / "docs").iterdir()) == before and (REPO / "macros" / "build.py").exists()


def test_a_non_empty_folder_is_refused_and_a_built_site_is_replaced(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    assert run_build(REPO / "content", out).returncode == 1
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mes notes"
    (out / "notes.txt").unlink()
    # one language is enough: the target is checked and replaced the same way
    assert run_build(REPO / "content", out, "--only", "fr").returncode == 0
    assert (out / output.MARKER).is_file()
    assert run_build(REPO / "content", out, "--only", "fr").returncode == 0  # its own output is replaced


def test_a_build_killed_between_the_renames_is_recovered_and_leftovers_removed(tmp_path):
    out = tmp_path / "site"
    assert run_build(REPO / "content", out).returncode == 0
    killed = tmp_path / ".site-tmp-tue"  # as a kill after the first rename leaves it
    killed.mkdir()
    (killed / output.STAGING_MARKER).write_text("site", encoding="utf-8")  # made for site/
    out.rename(killed / "previous")
    stale = tmp_path / ".site-tmp-old"  # a build killed earlier, before any rename
    (stale / "fr").mkdir(parents=True)
    (stale / output.STAGING_MARKER).write_text("site", encoding="utf-8")
    assert output.recover(out) and (out / "index.html").is_file()
    assert not killed.exists() and not stale.exists()


def test_two_builds_at_once_do_not_crash_each_other(tmp_path):
    out = tmp_path / "site"
    with open(tmp_path / ".site.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = run_build(REPO / "content", out)
    assert result.returncode == 1 and "une autre construction écrit déjà dans site/" in result.stderr


@pytest.mark.parametrize("make_target,words", [
    (lambda tmp: tmp / ("n" * 300), "nom de fichier trop long pour le système de fichiers"),
    (lambda tmp: (tmp / "fichier").write_text("x") and tmp / "fichier" / "site", "écriture impossible"),
])
def test_file_system_errors_are_told_in_french(tmp_path, make_target, words):
    result = run_build(REPO / "content", make_target(tmp_path))
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr


def test_a_full_disk_is_told_in_french():
    import errno
    assert output.os_error_message(OSError(errno.ENOSPC, "No space left", "/x/favicon.png")) == \
        "écriture impossible (disque plein)"


def test_one_language_leaves_the_full_site_alone(tmp_path):
    result = subprocess.run([sys.executable, "-m", "macros.build", "--only", "fr", "--out",
                             str(tmp_path / "site-fr"), "--quiet"], cwd=REPO, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "BUILD_DATE": BUILD_DATE})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site-fr" / "index.html").is_file() and not (tmp_path / "site-fr" / "en").exists()
    assert "site-fr" in subprocess.run([sys.executable, "-m", "macros.build", "--help"], cwd=REPO,
                                       capture_output=True, text=True).stdout


def test_a_plain_mkdocs_build_says_what_it_built(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "plain")], cwd=REPO,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "BUILD_DATE": BUILD_DATE})
    assert result.returncode == 0, result.stderr
    assert "n'a construit que le site français, sans la recherche" in result.stderr
    assert "bash scripts/build.sh" in result.stderr


# --- 9. smaller ----------------------------------------------------------------------------------------------

def test_titles_are_escaped_once(site):
    for page in site.rglob("*.html"):
        assert "&amp;#39;" not in page.read_text(encoding="utf-8"), page


def test_a_file_with_thousands_of_problems_does_not_bury_the_others(content):
    refs = "".join(f"  - inconnu-{i}\n" for i in range(3000))
    site_file(content, "liste", name="Liste", organisations="\n" + refs.rstrip("\n"))
    (content / "events" / "casse.yml").write_text("title: [\n", encoding="utf-8")
    result = check(content)
    assert_refused(result, "content/sites/liste.yml : 2975 autres problèmes dans ce fichier", "content/events/casse.yml:")
    assert len(result.stderr.splitlines()) < 40


def test_the_size_message_gives_exact_figures(content):
    target = content / "sites" / "gros.yml"
    target.write_bytes(b"# " + b"x" * 256_100 + b"\n")
    assert_refused(check(content), "fichier trop volumineux (256\u202f103 octets ; maximum 256\u202f000 octets)")


def test_no_and_yes_are_quoted_as_written(content):
    site_file(content, "norvege", country="no")
    assert_refused(check(content), "country: « no » : YAML le lirait comme « faux »",
                   "mettez la valeur entre guillemets si c'est un texte")
