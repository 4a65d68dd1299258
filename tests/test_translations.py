"""`python -m macros.cli translations`: the reader-facing texts that still lack English."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from macros.yaml_source import read_document


def translations(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", "translations", "--content", str(content)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def total(output: str) -> int:
    match = re.search(r"^Total : (\d+) textes? sans traduction anglaise", output, re.MULTILINE)
    return int(match.group(1)) if match else 0


def remove_english(file: Path, loc: tuple) -> int:
    """Delete the `en:` line of the text at `loc`; return the line of the text's field."""
    document, problems = read_document(file, file.name)
    assert document is not None, problems
    line, _ = document.positions[loc + ("en",)]
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[line - 1].lstrip().startswith("en:")
    del lines[line - 1]
    file.write_text("".join(lines), encoding="utf-8")
    return document.positions[loc][0]


def find_testimonial_file(content: Path) -> tuple[Path, int]:
    for file in sorted((content / "history").glob("*.yml")):
        document, _ = read_document(file, file.name)
        testimonials = document.data.get("testimonials") or []
        if len(testimonials) >= 3 and isinstance(testimonials[2]["quote"], dict) and testimonials[2]["quote"].get("en"):
            return file, 2
    raise AssertionError("no history entry with three translated testimonials to test with")


def test_translations_lists_each_missing_english_text_with_its_path(content):
    before = translations(content)
    assert before.returncode == 0, before.stderr
    file, index = find_testimonial_file(content)
    quote_line = remove_english(file, ("testimonials", index, "quote"))
    site = content / "sites" / "lievin.yml"
    summary_line = remove_english(site, ("summary",))

    after = translations(content)
    assert after.returncode == 0, after.stderr
    assert total(after.stdout) == total(before.stdout) + 2
    shown = f"content/history/{file.name}"
    assert f"  testimonials[{index}].quote (ligne {quote_line})" in after.stdout.split(shown)[1].split("\ncontent/")[0]
    assert re.search(rf"{re.escape('content/sites/lievin.yml')} : \d+ textes? sans anglais\n"
                     rf"(  .*\n)*  summary \(ligne {summary_line}\)", after.stdout)


def test_translations_on_the_real_content_succeeds():
    result = translations(REPO / "content")
    assert result.returncode == 0, result.stderr
    assert "Total :" in result.stdout or "Tous les textes publiés ont leur traduction anglaise." in result.stdout


def test_plain_names_and_private_contacts_are_not_reported(content):
    before = translations(content)
    # a proper name written once ("name: Liévin") stands for both languages
    assert "content/sites/lievin.yml" not in before.stdout
    contact = content / "contacts" / "christine-duval.yml"
    text = contact.read_text(encoding="utf-8").replace("public: true", "public: false")
    contact.write_text(text, encoding="utf-8")
    remove_english(contact, ("role",))
    after = translations(content)
    assert after.returncode == 0
    assert "christine-duval" not in after.stdout  # kept off the site: nobody reads its English
    assert total(after.stdout) == total(before.stdout)


def test_translations_refuses_invalid_content_with_the_check_messages(content):
    site = content / "sites" / "lievin.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("kind: pilote", "kind: pilot"), encoding="utf-8")
    result = translations(content)
    assert result.returncode == 1
    assert "content/sites/lievin.yml" in result.stderr and "kind" in result.stderr


def test_french_shown_on_an_english_page_says_so_in_a_word_and_is_marked_french():
    from macros.model import RichText, Text
    from macros.rendering import Renderer
    english = Renderer("en")
    assert str(english.text(Text(fr="Quartier l'Épinette"))) == (
        '<span class="qic-untranslated"><span class="qic-untranslated__label">(in French)</span> '
        '<span lang="fr">Quartier l&#39;Épinette</span></span>')
    block = str(english.rich(RichText(fr="Un *quartier*.")))
    assert block.startswith('<div class="qic-untranslated"><p class="qic-untranslated__label">(in French)</p>'
                            '<div lang="fr"><p>Un <em>quartier</em>.</p>')
    # translated, or on a French page: the text alone
    assert str(english.text(Text(fr="a", en="b"))) == "b"
    assert str(Renderer("fr").text(Text(fr="a"))) == "a"
