"""The commented templates of starters/ and `python -m macros.cli new-site`."""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, run_build
from macros.model import KINDS
from macros.yaml_source import read_document

STARTERS = REPO / "starters"
# an optional field is commented out with "#" stuck to its name ("#summary:", "  #en: …"),
# the lines of a disabled block with "#" then their indentation ("#  fr: …");
# explanations are "# text"
OPTIONAL_LINE = re.compile(r"^(\s*)#(?=[a-z_]+:|  +\S)")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def copy_name(folder: str) -> str:
    return f"modele-{KINDS[folder].file_name}.yml"


def uncommented(text: str, vs_code: bool = False) -> str:
    """The template with every optional field enabled: by deleting the "#" by hand, or
    with VS Code's "Toggle Line Comment" (Ctrl+/), which also deletes one space after it."""
    def enable(line: str) -> str:
        if not OPTIONAL_LINE.match(line):
            return line
        return re.sub(r"^(\s*)# ?", r"\1", line) if vs_code else OPTIONAL_LINE.sub(r"\1", line)
    return "\n".join(enable(line) for line in text.splitlines()) + "\n"


def test_one_template_per_kind_and_nothing_else():
    assert sorted(p.name for p in STARTERS.iterdir()) == sorted(f"{model.file_name}.yml" for model in KINDS.values())


@pytest.mark.parametrize("folder", list(KINDS))
def test_template_names_its_schema_as_a_content_file_does(folder):
    first = (STARTERS / f"{KINDS[folder].file_name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{KINDS[folder].file_name}.schema.json"


@pytest.mark.parametrize("folder", list(KINDS))
def test_template_explains_every_field_of_the_model_and_only_those(folder):
    lines = (STARTERS / f"{KINDS[folder].file_name}.yml").read_text(encoding="utf-8").splitlines()
    written = {}
    for index, line in enumerate(lines):
        match = re.match(r"^#?([a-z_]+):", line)
        if match:
            written[match.group(1)] = index
    assert set(written) == set(KINDS[folder].model_fields), "champs du modèle absents du modèle de fiche"
    for field, index in written.items():
        above = lines[index - 1]
        # each field (or the group it belongs to) is introduced by a French comment
        while OPTIONAL_LINE.match(above) or re.match(r"^[a-z_]+:", above):
            index -= 1
            above = lines[index - 1]
        assert above.startswith("# ") and len(above) > 10, f"{folder}: {field} sans explication"


def test_templates_and_placeholders_stay_out_of_the_published_site(site):
    assert not STARTERS.resolve().is_relative_to((REPO / "docs").resolve())
    assert not list(site.rglob("starters/site.yml"))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "À COMPLÉTER" not in text and "A-COMPLETER" not in text, page


def filled(text: str) -> str:
    """A template as a contributor leaves it: every « À COMPLÉTER » value written."""
    for field, value in (("date", "2025-09-30"), ("period", "{start: 2022-04, end: 2023-06}"), ("kind", "programme"),
                         ("country", "FR"), ("last_checked", "2026-11-30"), ("organisation", "anct"),
                         ("publisher", "anct"), ("phase", "formation-nationale-2025-2026")):
        text = re.sub(rf'(?m)^{field}: "À COMPLÉTER[^"]*"', f"{field}: {value}", text)
    text = text.replace('{lat: "À COMPLÉTER", lon: "À COMPLÉTER",', "{lat: 49.0464, lon: 3.4030,")
    text = re.sub(r'"À COMPLÉTER[^"]*"', '"Texte tiré d\'une source"', text)
    text = re.sub(r'"À COMPLÉTER: [^"]*"', '"Text from a source"', text)
    text = text.replace("https://example.org/A-COMPLETER", "https://www.anct.gouv.fr/")
    text = text.replace("A-COMPLETER@example.org", "prenom.nom@anct.gouv.fr")
    return text


def test_an_untouched_template_is_refused_at_each_value_to_fill(content):
    """The local check is the pull request's: a copied template never passes as it is."""
    for folder in KINDS:
        text = (STARTERS / f"{KINDS[folder].file_name}.yml").read_text(encoding="utf-8")
        (content / folder / copy_name(folder)).write_text(text, encoding="utf-8")
    result = cli("check", "--content", str(content))
    assert result.returncode == 1
    for folder in KINDS:
        lines = (STARTERS / f"{KINDS[folder].file_name}.yml").read_text(encoding="utf-8").splitlines()
        expected = [i for i, line in enumerate(lines, 1)
                    if re.search(r"À COMPLÉTER|A-COMPLETER", line.split(" #")[0]) and not line.lstrip().startswith("#")]
        assert expected, folder
        for line in expected:
            assert f"content/{folder}/{copy_name(folder)}:{line}:" in result.stderr, (folder, line, result.stderr)
    assert "texte du modèle encore à remplacer" in result.stderr
    assert "adresse d'exemple encore à remplacer" in result.stderr


@pytest.mark.parametrize("optional", ["as-is", "by-hand", "vs-code"])
def test_templates_filled_in_pass_the_real_check(content, optional):
    for folder in KINDS:
        text = (STARTERS / f"{KINDS[folder].file_name}.yml").read_text(encoding="utf-8")
        if optional != "as-is":  # every optional field enabled, with its example value
            text = uncommented(text, vs_code=optional == "vs-code")
        (content / folder / copy_name(folder)).write_text(filled(text), encoding="utf-8")
    result = cli("check", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "Contenu valide" in result.stdout
    for folder in KINDS:  # the copies were read, not ignored
        document, problems = read_document(content / folder / copy_name(folder), "x")
        assert document is not None and not problems


def test_uncommenting_changes_the_templates():
    # guards the test above: the optional fields really are there to uncomment
    for kind in ("site", "event", "history", "contact"):
        text = (STARTERS / f"{kind}.yml").read_text(encoding="utf-8")
        assert uncommented(text).count("\n#") < text.count("\n#") - 2


def test_templates_mark_what_is_left_to_fill():
    for template in STARTERS.glob("*.yml"):
        text = template.read_text(encoding="utf-8")
        assert "À COMPLÉTER" in text
        assert "n'inventez rien" in text.lower()


# --- new-site ------------------------------------------------------------------------

def test_new_site_creates_a_file_that_builds_in_both_languages(content, tmp_path):
    result = cli("new-site", "Saint-Étienne Montreynaud", "--kind", "programme", "--region",
                 "Auvergne-Rhône-Alpes", "--content", str(content))
    assert result.returncode == 0, result.stderr
    created = content / "sites" / "saint-etienne-montreynaud.yml"
    assert created.is_file()
    assert "saint-etienne-montreynaud.yml" in result.stdout
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/site.schema.json\n")
    assert 'name: "Saint-Étienne Montreynaud"' in text
    assert "kind: programme\n" in text and 'region: "Auvergne-Rhône-Alpes"' in text
    assert "#summary:" in text and "#departement:" in text  # the rest stays commented guidance
    assert "Copiez ce fichier" not in text  # the template's copy instructions are left out

    created.write_text(filled(text), encoding="utf-8")  # the contributor fills in the point and the source
    out = tmp_path / "site"
    build = run_build(content, out)
    assert build.returncode == 0, build.stdout + build.stderr
    for prefix, lang in (("", "fr"), ("en/", "en")):
        page = (out / f"{prefix}sites/saint-etienne-montreynaud/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        assert "Saint-Étienne Montreynaud" in html.unescape(page)
        assert "Auvergne-Rhône-Alpes" in html.unescape(page)
        assert 'href="saint-etienne-montreynaud/"' in (out / f"{prefix}sites/index.html").read_text(encoding="utf-8")


def test_new_site_fills_only_what_it_is_told(content):
    result = cli("new-site", "Quartier Test", "--content", str(content))
    assert result.returncode == 0, result.stderr
    text = (content / "sites" / "quartier-test.yml").read_text(encoding="utf-8")
    template = (STARTERS / "site.yml").read_text(encoding="utf-8")
    for field in ("kind", "region", "country", "coordinates"):
        line = re.search(rf"^{field}:.*$", template, re.MULTILINE).group(0)
        assert line in text  # left as in the template, with its « À COMPLÉTER »
    assert f"\nlast_checked: {dt.date.today().isoformat()}\n" in text  # the day it was written, not the template's
    check = cli("check", "--content", str(content))
    assert check.returncode == 1  # not publishable until the point and the source are written
    for field in ("kind", "country", "coordinates.lat", "coordinates.lon"):
        assert f"quartier-test.yml:" in check.stderr and f"{field}: texte du modèle encore à remplacer" in check.stderr
    assert "kind: texte du modèle encore à remplacer" in check.stderr and "pilote, programme, inspiration" in check.stderr
    assert "adresse d'exemple encore à remplacer" in check.stderr


def test_new_site_inspiration_is_in_canada(content):
    assert cli("new-site", "Parc-Extension", "--kind", "inspiration", "--region", "Québec",
               "--content", str(content)).returncode == 0
    text = (content / "sites" / "parc-extension.yml").read_text(encoding="utf-8")
    assert "\ncountry: CA\n" in text and "\nkind: inspiration\n" in text


def test_new_site_never_overwrites(content):
    existing = content / "sites" / "lievin.yml"
    before = existing.read_bytes()
    result = cli("new-site", "Liévin", "--content", str(content))
    assert result.returncode == 1
    assert "existe déjà" in result.stderr and "Fiche non créée" in result.stderr
    assert existing.read_bytes() == before


@pytest.mark.parametrize("args,message", [
    (["   "], "nom du site vide"),
    (["!!!"], "impossible de tirer un nom de fichier"),
    (["Nom", "--region", " "], "région vide"),
])
def test_new_site_refuses_unusable_input_in_french(content, args, message):
    before = sorted(p.name for p in (content / "sites").iterdir())
    result = cli("new-site", *args, "--content", str(content))
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(p.name for p in (content / "sites").iterdir()) == before


def test_new_site_rejects_an_unknown_kind(content):
    result = cli("new-site", "Nom", "--kind", "pilot", "--content", str(content))
    assert result.returncode == 2 and "pilote" in result.stderr


def test_new_site_works_in_a_content_folder_without_sites(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    assert cli("new-site", "Nouveau", "--content", str(content)).returncode == 0
    assert (content / "sites" / "nouveau.yml").is_file()
    shutil.rmtree(content)
