"""What a copied template or a half-edited file still holds is named in the words of what to do.

Each case is written as a contributor leaves it, read by the real check, and
must be reported at its line with its cause, not with the consequence that the
model would otherwise name (« champ inconnu « 9362 » »).
"""
from __future__ import annotations

import re

import pytest

from macros.content import load_catalogue
from macros.problems import ContentError


def problems_for(content, text: str, kind: str = "sites", name: str = "lievin.yml"):
    (content / kind / name).write_text(text, encoding="utf-8")
    try:
        load_catalogue(content, content.parent)
    except ContentError as error:
        return [p for p in error.problems if p.path.endswith(f"{kind}/{name}")]
    return []


def lievin(content) -> str:
    return (content / "sites" / "lievin.yml").read_text(encoding="utf-8")


def test_the_real_record_passes(content):
    assert problems_for(content, lievin(content)) == []


@pytest.mark.parametrize("written, field, words", [
    ("{lat: 50,4228, lon: 2.7786, precision: commune}", "coordinates.lat", "écrivez 50.4228, avec un point"),
    ("{lat: 50.4228, lon: 2,7786, precision: commune}", "coordinates.lon", "écrivez 2.7786, avec un point"),
])
def test_a_decimal_comma_is_named(content, written, field, words):
    text = re.sub(r"(?m)^coordinates:.*$", f"coordinates: {written}", lievin(content))
    found = problems_for(content, text)
    assert [p.field for p in found] == [field], found
    assert "virgule décimale" in found[0].message and words in found[0].hint
    assert found[0].line == text.splitlines().index(f"coordinates: {written}") + 1


def test_a_missing_indent_under_a_text_is_named_once(content):
    text = re.sub(r"(?m)^  (fr|en): ", r"\1: ", lievin(content).replace("summary:\n", "summary:\n", 1), count=2)
    found = problems_for(content, text)
    assert len(found) == 1, found
    assert "n'est pas en retrait sous « summary: »" in found[0].message
    assert "ajoutez deux espaces devant « fr: »" in found[0].hint


def test_an_english_line_left_empty_is_refused(content):
    text = re.sub(r'(?m)^(  en: ).*$', r"  en:", lievin(content), count=1)
    found = problems_for(content, text)
    assert [(p.field, p.message) for p in found] == [("summary.en", "valeur vide")]
    assert "remettez le « # »" in found[0].hint


def test_a_template_value_in_a_choice_names_the_choices(content):
    text = re.sub(r"(?m)^kind:.*$", 'kind: "À COMPLÉTER : pilote, programme ou inspiration"', lievin(content))
    found = problems_for(content, text)
    assert [p.field for p in found] == ["kind"]
    assert "texte du modèle encore à remplacer" in found[0].message
    assert found[0].hint == "écrivez l'une des valeurs possibles : pilote, programme, inspiration"


def test_every_problem_of_a_file_in_one_run(content):
    """A misspelled field, a placeholder and an empty value in one file: all three at once."""
    text = lievin(content).replace("region:", "regoin:", 1)
    text = re.sub(r"(?m)^commune:.*$", 'commune: "À COMPLÉTER"', text)
    text = re.sub(r'(?m)^(  en: ).*$', r"  en:", text, count=1)
    fields = {p.field for p in problems_for(content, text)}
    assert {"regoin", "commune", "summary.en"} <= fields, fields


@pytest.mark.parametrize("field, words", [
    ("sources[0].excerpts[1]", "2e extrait de la 1re source"),
    ("organisations[0]", "1re organisation"),
    ("sites[2]", "3e site"),
    ("testimonials[1].quote.fr", "quote.fr du 2e témoignage"),
    ("continuum[0].level", "level de la 1re position du continuum"),
    ("title.fr", "title.fr"),
])
def test_positions_are_written_in_words(field, words):
    from macros.problems import Problem, in_words
    assert in_words(field) == words
    assert f": {words}: " in Problem("content/sites/x.yml", 3, 5, field, "message").format()


def test_references_of_a_file_with_other_errors_are_checked_in_the_same_run(content):
    """A misspelled field and a missing reference in one file: both in one run."""
    text = lievin(content).replace("region:", "regoin:", 1)
    text = text.replace("organisations: [", "organisations: [anct-inconnue, ", 1)
    text = text.replace("phases: [", "phases: [phase-inconnue, ", 1)
    found = {p.field: p for p in problems_for(content, text)}
    assert "regoin" in found
    assert "« anct-inconnue » ne correspond à aucun fichier de content/organisations/" in found["organisations[0]"].message
    assert "« phase-inconnue » ne correspond à aucun fichier de content/phases/" in found["phases[0]"].message


def test_a_citation_of_an_unknown_source_in_a_file_with_other_errors(content):
    text = lievin(content).replace("region:", "regoin:", 1) + "  - source-inconnue\n"
    found = {p.field: p for p in problems_for(content, text)}
    assert any("« source-inconnue » ne correspond à aucun fichier de content/sources/" in p.message
               for p in found.values()), found


@pytest.mark.parametrize("written", ["https://www.fonda.asso.fr/ressources/guide-methodologique-du-faire-ensemble",
                                     "http://fonda.asso.fr/ressources/guide-methodologique-du-faire-ensemble/",
                                     "https://WWW.FONDA.ASSO.FR/ressources/guide-methodologique-du-faire-ensemble#x"])
def test_a_resource_with_the_address_of_another_is_named(content, written):
    existing = content / "resources" / "guide-faire-ensemble.yml"
    assert "guide-methodologique-du-faire-ensemble" in existing.read_text(encoding="utf-8")
    text = existing.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^url:.*$", f"url: {written}", text)
    text = re.sub(r'(?m)^  fr: "Guide du « Faire ensemble »"', '  fr: "Un autre titre"', text)
    (content / "resources" / "copie.yml").write_text(text.replace("title:", "title:", 1), encoding="utf-8")
    try:
        warnings = load_catalogue(content, content.parent).warnings
    except ContentError as error:
        warnings = error.problems
    said = [p for p in warnings if p.field == "url" and "même adresse" in p.message]
    assert {p.path for p in said} == {"content/resources/copie.yml", "content/resources/guide-faire-ensemble.yml"}
    assert "content/resources/guide-faire-ensemble.yml" in next(p for p in said if p.path.endswith("copie.yml")).message
