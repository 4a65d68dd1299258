"""Every published fact traceable to the words of its source (macros/provenance.py).

The source texts themselves (../shared/seeds beside the repository) are never
copied into the project: tests that need a text write a few lines of their own
in a temporary folder and point QIC_SEEDS (or the `folder` argument) at it.
Tests on the real content use the real texts where they are, else the committed
fingerprints of the texts (content/sources/<id>.fingerprint, a fresh clone on CI);
only the comparison of the fingerprints with the texts is skipped without them.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO

from macros import cli, fingerprints, provenance
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


def test_a_markdown_link_of_a_text_counts_as_its_words():
    text = provenance.normalise("- [Guide d'accompagnement de l'impact](#) Collectif de Dynamo\n")
    assert provenance.found_in("Guide d'accompagnement de l'impact Collectif de Dynamo", text)
    assert provenance.found_in("[Guide d'accompagnement de l'impact](#) Collectif de Dynamo", text)  # as written


def test_a_part_starts_and_ends_on_a_whole_word_of_the_text():
    text = provenance.normalise(FIXTURE_TEXT)
    assert provenance.found_in("Le 27 mars dernier", text)
    assert not provenance.found_in("e 27 mars dernier", text)  # « Le » cut
    assert not provenance.found_in("Le 27 mars derni", text)
    assert not provenance.found_in("Le 27 mars dernier, […] deux expériences québéc", text)
    assert provenance.found_in("« impact collectif »", text)  # signs are tokens of their own


# --- fingerprints: the check without the texts (macros/fingerprints.py) ---------------------------

TRUE_EXCERPTS = [
    "L'expression \"impact collectif\" a été inventée en 2011 par John Kania et Mark Kramer.",
    "L’expression «\u00a0impact collectif\u00a0» a été   inventée",
    "Adhérer à la démarche de l’impact collectif",
    "Le 27 mars dernier, […] deux expériences québécoises",
    "c’est faire moins d’efforts pour plus d’effets !",
    "Mark Kramer.",  # three tokens: the shortest part a fingerprint checks
]
ALTERED_EXCERPTS = [
    "L'expression « impact collectif » a été créée en 2011",  # a word
    "L'expression « impact collectif » a ete inventée",  # an accent
    "l'expression « impact collectif » a été inventée",  # a capital
    "inventée en 2012 par John Kania",  # a number
    "L'expression « impact collectif » n'a pas été inventée en 2011",  # a negation
    "L'expression « impact collectif » a été inventée par John Kania",  # a word left out
    "nous avions l’occasion de partager deux expériences",  # a short word left out
    "e 27 mars dernier, nous avions eu",  # a word cut
]


def test_a_fingerprint_accepts_the_excerpts_the_text_accepts_and_refuses_the_altered_ones():
    text = provenance.normalise(FIXTURE_TEXT)
    printed = provenance.SourcePrint(fingerprints.Fingerprint.of(text, "001_c706b23a2900f902.txt"))
    for excerpt in TRUE_EXCERPTS:
        assert provenance.found_in(excerpt, text) and printed.holds(excerpt), excerpt
    for excerpt in ALTERED_EXCERPTS:
        assert not provenance.found_in(excerpt, text) and not printed.holds(excerpt), excerpt
    # what the text alone can tell: the order of the parts around « […] »
    assert not provenance.found_in("deux expériences québécoises […] Le 27 mars dernier", text)
    assert printed.holds("deux expériences québécoises […] Le 27 mars dernier")


def test_a_fingerprint_holds_neither_the_words_nor_their_order_and_reads_back_the_same():
    text = provenance.normalise(FIXTURE_TEXT)
    salt = bytes(range(16))
    made = fingerprints.Fingerprint.of(text, "001_c706b23a2900f902.txt", salt)
    assert made.same_as(fingerprints.Fingerprint.of(text, "001_c706b23a2900f902.txt", salt))  # deterministic
    assert not made.same_as(fingerprints.Fingerprint.of(text, "001_c706b23a2900f902.txt"))  # a new random salt
    written = made.text("reso-villes-programme")
    words = set(re.findall(r"\w{4,}", FIXTURE_TEXT))
    body = written.split("hashes: ")[1]
    assert not words & set(re.findall(r"\w{4,}", body))
    hashes = body.splitlines()[1:]
    assert hashes == sorted(hashes) and len(hashes) == len(made.hashes) == len(set(hashes))
    assert made.tokens == len(re.findall(r"\w+|[^\w\s]", text))
    back, problems = fingerprints.parse(written.encode("utf-8"), "x.fingerprint")
    assert problems == [] and back.same_as(made)


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


def test_without_the_source_texts_nor_their_fingerprints_the_check_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(tmp_path / "absent"))
    content = write_content(tmp_path, (
        "  - source: reso-villes-programme\n"
        "    excerpts: [\"Un passage que le document ne contient pas\"]\n"))
    catalogue = load_catalogue(content, content.parent, TODAY)  # no error: nothing could be verified
    assert [p.format() for p in catalogue.warnings] == [
        f"content/sources/reso-villes-programme.yml:4:1: avertissement: file: extraits non vérifiés : la source "
        f"« reso-villes-programme » n'a ni texte (dossier {tmp_path / 'absent'} introuvable) ni empreinte "
        f"(content/sources/<identifiant>.fingerprint) — conseil : qui détient les textes (../shared/seeds à côté "
        f"du dépôt, ou le dossier qu'indique QIC_SEEDS) lance « python -m macros.cli fingerprints » et ajoute "
        f"l'empreinte au commit"]


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


def fingerprinted(content: Path, seeds: Path, monkeypatch) -> Path:
    """The content with the fingerprint of its source written by the command, then the
    texts made unreachable (a clone without them); the fingerprint file."""
    assert cli.main(["fingerprints", "--content", str(content)]) == 0
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(seeds.parent / "absent"))
    return content / "sources" / "reso-villes-programme.fingerprint"


HISTORY = (
    "date: 2022\nphase: programme\ntitle: {fr: Titre}\nstory: {fr: Récit.}\n"
    "testimonials:\n"
    "  - quote: {fr: \"Nous retenons que travailler en mode intersectoriel, c'est faire moins d'efforts pour "
    "plus d'effets !\"}\n"
    "    speaker: {fr: Participant·es}\n"
    "sources: [{source: reso-villes-programme, excerpts: [\"Nous retenons que travailler\"]}]\n")


def test_without_the_texts_the_fingerprints_check_excerpts_and_testimonials_silently(tmp_path, seeds, monkeypatch):
    content = write_content(tmp_path, (
        "  - source: reso-villes-programme\n"
        "    excerpts:\n"
        "      - \"L'expression « impact collectif » a été inventée en 2011\"\n"
        "      - \"Adhérer à la démarche de l'impact collectif\"\n"), HISTORY)
    fingerprinted(content, seeds, monkeypatch)
    assert load_catalogue(content, content.parent, TODAY).warnings == []  # verified: nothing to say
    record = content / "organisations" / "reso-villes.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("en 2011", "en 2012"), encoding="utf-8")
    history = content / "history" / "entree.yml"
    history.write_text(history.read_text(encoding="utf-8").replace("moins d'efforts", "peu d'efforts"),
                       encoding="utf-8")
    assert [line for line in problems_of(content) if "avertissement" not in line] == [
        "content/history/entree.yml:6:13: quote.fr du 1er témoignage: témoignage introuvable mot pour mot dans les "
        "sources citées : « Nous retenons que travailler en mode intersectoriel, c'est faire peu … » — conseil "
        ": citez les paroles telles que la source les donne",
        "content/organisations/reso-villes.yml:6:9: 1er extrait de la 1re source: extrait introuvable dans la source "
        "« reso-villes-programme » : « L'expression « impact collectif » a été inventée en 2012 » — conseil : "
        "recopiez le passage mot pour mot ; seuls les espaces, apostrophes et guillemets peuvent différer, et "
        "« […] » saute un passage"]


def test_a_stale_foreign_orphan_or_broken_fingerprint_is_an_error(tmp_path, seeds, monkeypatch):
    content = write_content(tmp_path, "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier\"]\n")
    assert cli.main(["fingerprints", "--content", str(content)]) == 0
    assert cli.main(["fingerprints", "--content", str(content), "--check"]) == 0
    printed = content / "sources" / "reso-villes-programme.fingerprint"
    good = printed.read_text(encoding="utf-8")
    assert load_catalogue(content, content.parent, TODAY).warnings == []
    # the text corrected, the fingerprint not regenerated
    (seeds / "001_c706b23a2900f902.txt").write_text(FIXTURE_TEXT.replace("dernier", "passé"), encoding="utf-8")
    assert cli.main(["fingerprints", "--content", str(content), "--check"]) == 1
    assert [line for line in problems_of(content) if "empreinte" in line] == [
        "content/sources/reso-villes-programme.fingerprint:1:1: empreinte périmée : elle ne correspond plus au "
        "texte « 001_c706b23a2900f902.txt » — conseil : régénérez-la avec « python -m macros.cli fingerprints », "
        "puis ajoutez-la au commit : sans elle, les extraits ne sont pas vérifiés sans les textes"]
    assert cli.main(["fingerprints", "--content", str(content)]) == 0
    assert fingerprints.parse(printed.read_bytes(), "")[0].salt == fingerprints.parse(good.encode(), "")[0].salt
    assert not [line for line in problems_of(content) if "empreinte" in line]  # regenerated, same salt
    (seeds / "001_c706b23a2900f902.txt").write_text(FIXTURE_TEXT, encoding="utf-8")
    # the fingerprint of another text
    printed.write_text(good.replace("001_c706b23a2900f902.txt", "002_cd3e985497d0d32e.txt"), encoding="utf-8")
    assert any(line.startswith("content/sources/reso-villes-programme.fingerprint:1:1: empreinte du texte "
                               "« 002_cd3e985497d0d32e.txt », alors que la fiche cite le texte "
                               "« 001_c706b23a2900f902.txt »") for line in problems_of(content))
    # a hash edited by hand
    lines = good.splitlines()
    lines[-1] = "zz" + lines[-1][2:]
    printed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(line.startswith(f"content/sources/reso-villes-programme.fingerprint:{len(lines)}:1: empreinte "
                               f"illisible : « zz") for line in problems_of(content)), problems_of(content)
    # a fingerprint without its source record
    printed.write_text(good, encoding="utf-8")
    (content / "sources" / "reso-villes.fingerprint").write_text(good, encoding="utf-8")
    assert problems_of(content) == [
        "content/sources/reso-villes.fingerprint:1:1: empreinte sans fiche : content/sources/reso-villes.yml "
        "n'existe pas — conseil : renommez l'empreinte comme la fiche de sa source, ou supprimez-la et lancez "
        "« python -m macros.cli fingerprints »"]


def test_a_part_of_an_excerpt_too_short_to_be_verified_is_an_error(tmp_path, seeds):
    content = write_content(tmp_path, "  - source: reso-villes-programme\n    excerpts: [\"Le 27 mars dernier […] deux\"]\n")
    assert problems_of(content) == [
        "content/organisations/reso-villes.yml:5:16: 1er extrait de la 1re source: extrait trop court pour être "
        "vérifié : « deux » — conseil : citez au moins 3 mots ou signes de suite, de chaque côté de « […] »"]


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


def test_every_excerpt_of_the_real_content_is_in_its_source(catalogue):
    """With the texts where they are, else with the committed fingerprints."""
    checkers, problems = provenance.witnesses(catalogue, provenance.seeds_dir())
    assert problems == [] and None not in checkers.values()
    checked = 0
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for _, citation in provenance.citations(entry.record):
                if citation.source:
                    for excerpt in citation.excerpts:
                        assert checkers[citation.source].holds(excerpt), (entry.path, excerpt)
                        checked += 1
    assert checked > 100


def test_every_source_of_the_real_content_has_the_fingerprint_of_its_text(catalogue):
    for key, entry in catalogue.entries["sources"].items():
        assert catalogue.fingerprints[key].file == entry.record.file, key
    assert sorted(p.stem for p in (REPO / "content" / "sources").glob("*.fingerprint")) == sorted(catalogue.sources)


def test_the_committed_fingerprints_are_made_from_the_texts_and_regenerate_identically():
    folder = provenance.seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"textes des sources absents ({folder}) : empreintes non comparées aux textes")
    assert cli.refresh_fingerprints(REPO / "content", folder, write=False) == ([], [])
    for file in sorted((REPO / "content" / "sources").glob("*.fingerprint")):
        committed, _ = fingerprints.parse(file.read_bytes(), file.name)
        text = provenance.source_text(folder, committed.file)
        again = fingerprints.Fingerprint.of(text, committed.file, committed.salt)
        assert again.text(file.stem) == file.read_text(encoding="utf-8")  # byte for byte, given the salt


ALTERATIONS = {  # file, line of the excerpt or testimonial, what it says there, what it is made to say
    "a word": ("history/2025-formation-nationale.yml", 21, "Lancement de la formation", "Lancement de la session"),
    "an accent": ("history/2025-formation-nationale.yml", 26, "Cette démarche", "Cette demarche"),
    "a number": ("history/2025-formation-nationale.yml", 21, "1er octobre 2025", "1er octobre 2026"),
    "a negation": ("history/2025-formation-nationale.yml", 26, "demande du temps.", "ne demande pas de temps."),
    "a testimonial": ("history/2022-festival-impact-collectif.yml", 48, "Nous ne croyons pas", "Nous croyons"),
}


@pytest.fixture(scope="module")
def clone_without_texts(tmp_path_factory):
    """The real content in a folder of its own, as a fresh clone has it: no source text reachable."""
    root = tmp_path_factory.mktemp("clone")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.mark.parametrize("alteration", [None, *ALTERATIONS])
def test_in_a_clone_without_the_texts_an_excerpt_altered_by_one_word_fails(clone_without_texts, monkeypatch,
                                                                          alteration):
    """The fingerprints verify the real content where the texts are absent (the checks on GitHub):
    every true excerpt passes, silently; one word, accent, number or negation changed fails,
    at the excerpt's file and line."""
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(clone_without_texts / "absent"))
    content = clone_without_texts / "content"
    if alteration is None:
        assert load_catalogue(content, clone_without_texts, TODAY).warnings == []  # nothing to tell contributors
        return
    name, number, before, after = ALTERATIONS[alteration]
    file = content / name
    original = file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert before in lines[number - 1], (name, number, before)
    lines[number - 1] = lines[number - 1].replace(before, after)
    file.write_text("".join(lines), encoding="utf-8")
    try:
        with pytest.raises(ContentError) as error:
            load_catalogue(content, clone_without_texts, TODAY)
    finally:
        file.write_text(original, encoding="utf-8")
    errors = [p.format() for p in error.value.problems if p.is_error]
    what = "témoignage introuvable" if alteration == "a testimonial" else "extrait introuvable dans la source"
    assert len(errors) == 1 and errors[0].startswith(f"content/{name}:{number}:") and what in errors[0], errors


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
                         ("calendrier/index.md", '<article class="qic-event'),  # past ones also --folded
                         ("contacts/index.md", 'class="qic-card qic-contact"'),
                         ("histoire/index.md", 'class="qic-history-item"')]:
        html = by_path[path]
        items = html.split(marker)[1:]
        assert items, path
        for item in items:
            assert re.search(r'class="qic-record-sources[ "]', item.split("</article>")[0]), (path, item[:120])
    # a corrected source error is shown with the source's own words, in a visible note
    resources = by_path["ressources/index.md"]
    assert "Cirque du S oleil" in resources and 'class="qic-source-note"' in resources


def test_every_excerpt_shown_on_a_generated_page_is_in_a_source_text(catalogue):
    """Also the excerpts a page template cites itself (the sites index), which no record holds."""
    import html
    checkers, _ = provenance.witnesses(catalogue, provenance.seeds_dir())  # the texts, else the fingerprints
    shown = 0
    for page in generated_pages(catalogue, "fr", TODAY):
        for block in re.findall(r'<details class="qic-excerpts">(.*?)</details>', page.html, re.S):
            for quote in re.findall(r'<blockquote lang="fr">(.*?)</blockquote>', block, re.S):
                excerpt = html.unescape(re.sub(r"</?strong>", "", quote)).replace(" [arobase] ", "@")
                assert any(checker.holds(excerpt) for checker in checkers.values()), (page.path, excerpt)
                shown += 1
    assert shown > 100
