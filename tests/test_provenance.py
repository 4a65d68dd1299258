"""Every published fact traceable to the words of its source (macros/provenance.py).

The source texts themselves (../shared/seeds beside the repository) are never
copied into the project: tests that need a text write a few lines of their own
in a temporary folder and point QIC_SEEDS (or the `folder` argument) at it.
Tests on the real content that need the real texts are skipped, saying so,
when they are not there (a fresh clone on CI).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import REPO

from macros import provenance
from macros.content import load_catalogue
from macros.model import KINDS, Sourced
from macros.pages import generated_pages
from macros.problems import ContentError

TODAY = dt.date(2026, 11, 30)
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}(\.txt)?")

# a few lines in the manner of a source document: typographic apostrophes and
# quotation marks, a line break inside a sentence, Markdown bold
FIXTURE_TEXT = (
    "Le 27 mars dernier, nous avions eu l’occasion de partager deux expériences québécoises.\n"
    "L’expression « impact collectif » a été inventée en 2011 par John Kania et\nMark Kramer.\n"
    "- **Adhérer à la démarche** de l'impact collectif\n"
    "« Nous retenons que travailler en mode intersectoriel, c’est faire moins d’efforts pour plus d’effets ! »\n"
)


# --- matching -------------------------------------------------------------------------------

def test_matching_ignores_only_spaces_apostrophes_quotes_and_bold():
    text = provenance.normalise(FIXTURE_TEXT)
    assert provenance.found_in("L'expression \"impact collectif\" a été inventée en 2011 par John Kania et Mark Kramer.",
                               text)
    assert provenance.found_in("L’expression «\u00a0impact collectif\u00a0» a été   inventée", text)
    assert provenance.found_in("Adhérer à la démarche de l’impact collectif", text)
    # a changed word, a changed accent, a changed case or a changed year is not the source's word
    assert not provenance.found_in("L'expression « impact collectif » a été créée en 2011", text)
    assert not provenance.found_in("L'expression « impact collectif » a ete inventée", text)
    assert not provenance.found_in("l'expression « impact collectif » a été inventée", text)
    assert not provenance.found_in("inventée en 2012 par John Kania", text)


def test_a_gap_skips_a_passage_but_the_parts_keep_their_order():
    text = provenance.normalise(FIXTURE_TEXT)
    assert provenance.found_in("Le 27 mars dernier, […] deux expériences québécoises", text)
    assert provenance.found_in("Le 27 mars dernier, [...] deux expériences québécoises", text)
    assert not provenance.found_in("deux expériences québécoises […] Le 27 mars dernier", text)


# --- the check on a small content folder --------------------------------------------------------

def write_content(root: Path, organisation_sources: str, history: str = "") -> Path:
    content = root / "content"
    for kind in KINDS:
        (content / kind).mkdir(parents=True)
    (content / "sources" / "reso-villes-programme.yml").write_text(
        "title: {fr: Nouveau programme}\ndescription: {fr: Page.}\npublisher: reso-villes\n"
        "file: 001_c706b23a2900f902.txt\n", encoding="utf-8")
    (content / "organisations" / "reso-villes.yml").write_text(
        "name: RésO Villes\ncountry: FR\nsources:\n" + organisation_sources, encoding="utf-8")
    if history:
        (content / "phases" / "programme.yml").write_text(
            "name: {fr: Programme}\nperiod: 2024\nsummary: {fr: Texte.}\n"
            "sources: [{source: reso-villes-programme, excerpts: [\"Le 27 mars dernier, nous avions eu\"]}]\n",
            encoding="utf-8")
        (content / "history" / "entree.yml").write_text(history, encoding="utf-8")
    return content


@pytest.fixture
def seeds(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "001_c706b23a2900f902.txt").write_text(FIXTURE_TEXT, encoding="utf-8")
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(folder))
    return folder


def problems_of(content: Path) -> list[str]:
    try:
        catalogue = load_catalogue(content, content.parent, TODAY)
    except ContentError as error:
        return [p.format() for p in error.problems]
    return [p.format() for p in catalogue.warnings]


def test_excerpts_found_in_their_source_pass(tmp_path, seeds):
    content = write_content(tmp_path, (
        "  - source: reso-villes-programme\n"
        "    excerpts:\n"
        "      - \"L'expression « impact collectif » a été inventée en 2011\"\n"
        "      - \"Adhérer à la démarche de l'impact collectif\"\n"))
    catalogue = load_catalogue(content, content.parent, TODAY)
    assert catalogue.warnings == []


def test_an_excerpt_not_in_its_source_fails_at_its_file_line_and_field(tmp_path, seeds):
    content = write_content(tmp_path, (
        "  - source: reso-villes-programme\n"
        "    excerpts:\n"
        "      - \"L'expression « impact collectif » a été inventée en 2011\"\n"
        "      - \"RésO Villes propose d'accompagner 2 à 3 territoires\"\n"))
    with pytest.raises(ContentError) as error:
        load_catalogue(content, content.parent, TODAY)
    lines = [p.format() for p in error.value.problems if p.is_error]
    assert lines == [
        "content/organisations/reso-villes.yml:7:9: 2e extrait de la 1re source: extrait introuvable dans la source "
        "« reso-villes-programme » : « RésO Villes propose d'accompagner 2 à 3 territoires » — conseil : recopiez "
        "le passage mot pour mot ; seuls les espaces, apostrophes et guillemets peuvent différer, et « […] » "
        "saute un passage"]


def test_an_unknown_source_id_and_a_seed_file_name_are_refused_in_french(tmp_path, seeds):
    content = write_content(tmp_path / "a", "  - reso-villes-programm\n")
    assert problems_of(content) == [
        "content/organisations/reso-villes.yml:4:5: 1re source: « reso-villes-programm » ne correspond à "
        "aucun fichier de content/sources/ — conseil : vouliez-vous dire « reso-villes-programme » ?"]
    content = write_content(tmp_path / "b", "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier\"]\n"
                                            "  - 001_c706b23a2900f902.txt\n")
    found = problems_of(content)
    assert len(found) == 1 and found[0].startswith(
        "content/organisations/reso-villes.yml:6:5: 2e source: « 001_c706b23a2900f902.txt » est le nom de "
        "fichier d'un document source : citez plutôt sa fiche de content/sources/ par son identifiant"), found


def test_a_source_cited_without_excerpt_is_pointed_out(tmp_path, seeds):
    content = write_content(tmp_path, "  - reso-villes-programme\n")
    assert problems_of(content) == [
        "content/organisations/reso-villes.yml:4:5: avertissement: 1re source: source « reso-villes-programme » "
        "citée sans extrait — conseil : ajoutez « excerpts: » avec le passage de la source qui appuie la fiche, "
        "mot pour mot"]


def test_without_the_source_texts_the_check_says_so_in_one_line_and_does_not_fail(tmp_path, monkeypatch):
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(tmp_path / "absent"))
    content = write_content(tmp_path, (
        "  - source: reso-villes-programme\n"
        "    excerpts: [\"Un passage que le document ne contient pas\"]\n"))
    catalogue = load_catalogue(content, content.parent, TODAY)  # no error: nothing could be verified
    assert [p.format() for p in catalogue.warnings] == [
        f"content/sources:1:1: avertissement: extraits non vérifiés : le dossier des documents sources "
        f"({tmp_path / 'absent'}) est introuvable — conseil : placez les documents dans ../shared/seeds à côté du "
        f"dépôt, ou indiquez leur dossier dans la variable d'environnement QIC_SEEDS"]


def test_a_source_file_missing_from_the_texts_is_an_error(tmp_path, seeds):
    (seeds / "001_c706b23a2900f902.txt").unlink()
    (seeds / "autre.txt").write_text("autre", encoding="utf-8")
    content = write_content(tmp_path, "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier\"]\n")
    assert any("content/sources/reso-villes-programme.yml:4:1: file: fichier « 001_c706b23a2900f902.txt » "
               "absent du dossier des documents sources" in line for line in problems_of(content))


def test_a_source_file_is_a_plain_name_never_a_path(tmp_path, seeds):
    """The check reads only the deposited texts, never a file elsewhere on the machine."""
    content = write_content(tmp_path, "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier\"]\n")
    record = content / "sources" / "reso-villes-programme.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("001_c706b23a2900f902.txt", "../seeds/x.txt"),
                      encoding="utf-8")
    assert any(line.startswith("content/sources/reso-villes-programme.yml:4:1: file: nom de fichier « ../seeds/x.txt » "
                               "invalide") for line in problems_of(content)), problems_of(content)


def test_a_testimonial_must_be_quoted_word_for_word_from_a_cited_source(tmp_path, seeds):
    history = (
        "date: 2022\nphase: programme\ntitle: {fr: Titre}\nstory: {fr: Récit.}\n"
        "testimonials:\n"
        "  - quote: {fr: \"Nous retenons que travailler en mode intersectoriel, c'est faire moins d'efforts pour "
        "plus d'effets !\"}\n"
        "    speaker: {fr: Participant·es}\n"
        "  - quote: {fr: \"Travailler en mode intersectoriel, c'est moins d'efforts pour plus d'effets.\"}\n"
        "    speaker: {fr: Participant·es}\n"
        "sources: [{source: reso-villes-programme, excerpts: [\"Nous retenons que travailler\"]}]\n")
    content = write_content(tmp_path, "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier\"]\n",
                            history)
    errors = [line for line in problems_of(content) if "avertissement" not in line]
    assert len(errors) == 1 and errors[0].startswith("content/history/entree.yml:8:13:"), errors
    assert "quote.fr du 2e témoignage: témoignage introuvable mot pour mot dans les sources citées" in errors[0]


# --- the real content ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "content", REPO, TODAY)


BOOKKEEPING = {"sources", "note", "last_checked", "public"}  # fields that state no fact about the world


def test_every_fact_bearing_record_cites_the_words_of_its_sources(catalogue):
    """Each record that states a fact cites at least one source with an excerpt, and
    every source record it cites comes with the excerpts that support it."""
    missing = []
    for kind, entries in catalogue.entries.items():
        if kind == "sources":
            continue
        for key, entry in entries.items():
            record = entry.record
            assert isinstance(record, Sourced)
            facts = [name for name in type(record).model_fields
                     if name not in BOOKKEEPING and getattr(record, name) not in (None, [], "")]
            if not facts:
                continue
            cited = [c for c in record.sources if c.source]
            if not cited or any(not c.excerpts for c in cited):
                missing.append(f"{entry.path} ({', '.join(facts)})")
            for step in getattr(record, "continuum", []):
                if step.source.source and not step.source.excerpts:
                    missing.append(f"{entry.path} (continuum)")
    assert missing == [], "fiches sans extrait de leur source :\n" + "\n".join(missing)
    assert provenance.records_without_excerpts(catalogue) == []


def test_every_source_record_names_its_text_and_publisher_and_no_id_is_a_file_name(catalogue):
    for key, entry in catalogue.entries["sources"].items():
        assert not SEED_NAME.fullmatch(key), key
        assert entry.record.file and entry.record.publisher in catalogue.entries["organisations"], key


def test_every_excerpt_of_the_real_content_is_in_its_source():
    folder = provenance.seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"textes des sources absents ({folder}) : extraits non vérifiés")
    catalogue = load_catalogue(REPO / "content", REPO, TODAY)
    checked = 0
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for _, citation in provenance.citations(entry.record):
                if citation.source:
                    text = provenance.source_text(folder, catalogue.sources[citation.source].file)
                    assert text is not None
                    for excerpt in citation.excerpts:
                        assert provenance.found_in(excerpt, text), (entry.path, excerpt)
                        checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pages_show_sources_by_title_publisher_and_excerpt_never_by_file_name(catalogue, lang):
    pages = generated_pages(catalogue, lang, TODAY)
    for page in pages:
        assert not SEED_NAME.search(page.html), page.path
    by_path = {page.path: page.html for page in pages}
    site = by_path["sites/kahnawake.md"]
    title = catalogue.sources["dynamo-festival-impact-collectif-2022"].title.get(lang)
    assert title.startswith("[") and title.endswith("]")  # a title this site wrote: shown as such
    assert f'<span class="qic-source-title--descriptive">{title[1:-1]}</span>' in site and "</span> — Dynamo" in site
    assert f"<cite>{catalogue.sources['anct-approche-impacts-collectifs'].title.get(lang)}</cite>" in by_path[
        "sites/mayotte.md"]  # the document's own title is cited
    assert '<details class="qic-excerpts">' in site and "Entre découverte d’initiatives des quartiers" in site
    # every record shown on a list page carries its sources
    for path, marker in [("ressources/index.md", 'class="qic-card qic-resource"'),
                         ("calendrier/index.md", 'class="qic-event"'),
                         ("contacts/index.md", 'class="qic-card qic-contact"'),
                         ("histoire/index.md", 'class="qic-history-item"')]:
        html = by_path[path]
        items = html.split(marker)[1:]
        assert items, path
        for item in items:
            assert 'class="qic-record-sources"' in item.split("</article>")[0], (path, item[:120])
    # a corrected source error is shown with the source's own words, in a visible note
    resources = by_path["ressources/index.md"]
    assert "Cirque du S oleil" in resources and 'class="qic-source-note"' in resources


def test_every_excerpt_shown_on_a_generated_page_is_in_a_source_text(catalogue):
    """Also the excerpts a page template cites itself (the sites index), which no record holds."""
    import html
    folder = provenance.seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"textes des sources absents ({folder}) : extraits non vérifiés")
    texts = [provenance.source_text(folder, entry.record.file) for entry in catalogue.entries["sources"].values()]
    shown = 0
    for page in generated_pages(catalogue, "fr", TODAY):
        for block in re.findall(r'<details class="qic-excerpts">(.*?)</details>', page.html, re.S):
            for quote in re.findall(r'<blockquote lang="fr">(.*?)</blockquote>', block, re.S):
                excerpt = html.unescape(re.sub(r"</?strong>", "", quote)).replace(" [arobase] ", "@")
                assert any(provenance.found_in(excerpt, t) for t in texts), (page.path, excerpt)
                shown += 1
    assert shown > 100
