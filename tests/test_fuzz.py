"""Property-based tests: whatever a contributor writes, the content check answers in French.

(a) Random text and bytes read by `read_document` give a document or problems,
    never an exception.
(b) Random YAML records, built from the field names and types of the real
    pydantic models (macros/model.py KINDS) mixed with random junk, loaded by
    `load_catalogue`: a catalogue or a `ContentError` whose every problem has a
    place (line and column ≥ 1) and a French message, never another exception.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import types
import typing
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from macros.content import Catalogue, load_catalogue
from macros.model import KINDS
from macros.problems import ContentError, Problem
from macros.yaml_source import Document, read_document

# random examples on a contributor's machine (each run explores new ones); in CI the same
# examples every run (Hypothesis's derandomize): a release is not held up by an example
# no one has seen before, which a local run would have shown first
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=bool(os.environ.get("CI")))
TODAY = dt.date(2026, 11, 30)

# --- (a) raw text and bytes ------------------------------------------------------------------

YAML_PIECES = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a", "*a", "!", "!!", "|", ">", "%", "@", "`",
    "?", "\n", "\n  ", "\n    ", "\t", "\\", "---\n", "...\n", "name", "kind: pilote", "fr: ", "en: ", "<<: ",
    "é", "\u00a0", "\u200b", "\x00", "\x07", "\x1b", "\ufeff", "\r\n", "2023-02-29", "!!python/object:os.system",
    "!!bool ", "!!int ", "!!binary ", "!include ", "9" * 30, "[[[[[[", "]]]]]]", "{a: {b: {c: ", "*", "&",
]
yaml_like = st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=40).map("".join)
deep = st.integers(0, 3000).map(lambda n: "a: " + "[" * n + "]" * n)
raw_inputs = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    yaml_like.map(lambda t: t.encode("utf-8", "surrogatepass")),
    deep.map(str.encode),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@SETTINGS
@given(raw=raw_inputs)
def test_any_bytes_give_a_document_or_problems(scratch, raw):
    file = scratch / "fiche.yml"
    file.write_bytes(raw)
    document, problems = read_document(file, "content/sites/fiche.yml")
    if document is not None:
        assert isinstance(document, Document) and problems == []
        assert_plain_data(document.data)
    else:
        assert problems, "no document and no problem"
        for problem in problems:
            assert_well_placed(problem)


def assert_plain_data(value) -> None:
    """What the reader gives the model: only YAML's plain types, never a Python object."""
    if isinstance(value, dict):
        assert all(isinstance(key, str) for key in value)
        for item in value.values():
            assert_plain_data(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain_data(item)
    else:
        assert value is None or isinstance(value, (str, int, float, bool)), type(value)


# --- (b) random records following the model ---------------------------------------------------

ENGLISH = re.compile(r"\b(Input should|Field required|should be|valid (string|integer|number|dictionary|list)|"
                     r"Value error|Extra inputs|not permitted|Traceback|Error|None|True|False)\b")
FRENCH = re.compile(r"attendu|invalide|inconnu|manquant|vide|valeur|champ|date|adresse|fichier|texte|nombre|"
                    r"liste|identifiant|source|mois|jour|année|précède|même nom|trop|numéro|deux fois|étiquette|"
                    r"syntaxe|caractère|ne correspond|refusée|période|imbrication|non reconnue|alphabet|lettre|chiffre|"
                    # or French words that any French sentence has (none of them is English)
                    r"\b(?:le|la|les|du|des|une|sans|pas|ni|aux|est|sont|avec|dans|pour)\b", re.I)


def assert_well_placed(problem: Problem) -> None:
    assert problem.line >= 1 and problem.column >= 1, problem
    assert problem.message.strip(), problem
    # leave out what the contributor wrote, always quoted « … » (greedy: it may itself hold « or »)
    spoken = re.sub(r"«.*»", "« »", problem.message) + " " + re.sub(r"«.*»", "« »", problem.hint)
    assert FRENCH.search(spoken), f"not a French message: {problem.format()}"
    assert not ENGLISH.search(spoken), f"English or Python words in: {problem.format()}"


scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.sampled_from(["", " ", "oui", "~", "null", "2022-13", "octobre 2022", "javascript:alert(1)", "é",
                              "<<"]))
junk = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
# a field's value: of its declared type, a scalar of another type, or (more rarely) any structure
wrong = st.one_of(scalars, scalars, junk)

IDS = ["anct", "territoire-impact-collectif", "fiche", "Liévin", "inconnu-x", "", "a--b"]
SAMPLES = {
    "_slug": st.sampled_from(IDS),
    "_text": st.sampled_from(["Liévin", "  ", "Hauts-de-France"]) | st.text(max_size=15),
    "_url": st.sampled_from(["https://example.org/page", "http://exemple", "javascript:alert(1)", "data:x",
                             "www.exemple.fr", "https://exemple.fr/a b", "ftp://exemple.fr"]),
    "_email": st.sampled_from(["prenom.nom@exemple.fr", "frédéric.frenard@resovilles.com", "x@y", "@"]),
    "_phone": st.sampled_from(["06 21 79 34 27", "+33 6 21 79 34 27", "06.21.79.34", "0621793427", 621793427]),
    "_citation": st.sampled_from(["anct-approche-impacts-collectifs", "009_0123456789abcdef.txt", "https://example.org",
                                  "page de l'IREV", "javascript:x", {"source": "anct-approche-impacts-collectifs",
                                  "excerpts": ["Approche Impacts Collectifs"]}, {"url": "https://example.org"},
                                  {"source": "inconnue", "excerpts": ["court"]}, {"excerpts": []}]),
    "_date_span": st.sampled_from(["2022", "2022-10", "2025-09-30", "2023-02-29", "2022-13", "octobre 2022", 2011,
                                   {"start": "2025-10", "end": "2026-06"}, {"start": "2026", "end": "2025"},
                                   {"end": "2025"}, {"start": "2025", "fin": "2026"}]),
    "_day": st.sampled_from(["2026-11-02", "2062-11-30", "2023-02-29", "2022-10", "hier", 2026]),
    "_same_in_both": st.sampled_from(["Liévin", "", "LIEVIN"]),
}


def validators(metadata) -> list[str]:
    return [getattr(getattr(item, "func", None), "__name__", "") for item in metadata]


def plausible(annotation, metadata=()) -> st.SearchStrategy:
    """Values that fit `annotation`, or nearly: each field is fuzzed from its declared type."""
    for name in validators(metadata):
        if name in SAMPLES:
            inner = plausible(annotation) if name == "_same_in_both" else st.nothing()
            return SAMPLES[name] | inner
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return plausible(args[0], getattr(annotation, "__metadata__", ()))
    if origin is typing.Literal:
        return st.sampled_from(args) | st.sampled_from([a.upper() for a in args if isinstance(a, str)])
    if origin in (typing.Union, types.UnionType):
        return st.one_of([plausible(arg) for arg in args])
    if origin is list:
        return st.lists(plausible(args[0]), max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return record(annotation)
    if annotation is type(None):
        return st.none()
    if annotation is bool:
        return st.booleans() | st.sampled_from(["oui", "yes", "true"])
    if annotation is int:
        return st.integers(1800, 2200) | st.integers()
    if annotation is float:
        return st.floats() | st.floats(-200, 200)
    if annotation is str:
        return st.text(max_size=20)
    return junk


def record(model: type[BaseModel]) -> st.SearchStrategy:
    """A dict with the model's fields (required ones mostly present), random values, stray keys."""
    fields = {name: st.one_of(plausible(info.annotation, info.metadata), wrong)
              for name, info in model.model_fields.items()}
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    typos = st.sampled_from([name[:-1] or "x" for name in fields] + ["regoin", "titre", "<<", "name "])
    return st.builds(
        lambda chosen, drop, extra: {**{k: v for k, v in chosen.items() if k not in drop}, **extra},
        st.fixed_dictionaries({name: fields[name] for name in required},
                              optional={name: s for name, s in fields.items() if name not in required}),
        st.sets(st.sampled_from(required), max_size=2) if required else st.just(set()),
        st.dictionaries(typos | st.text(max_size=8), wrong, max_size=2),
    )


SOURCES = ["anct-approche-impacts-collectifs"]
VALID = {  # one valid record of each kind (see test_valid_bases_pass), mutated by the fuzz
    "sources": {"title": {"fr": "Document"}, "description": {"fr": "Ce qu'il contient."}, "publisher": "anct"},
    "organisations": {"name": "Collectif", "kind": "association", "country": "FR", "sources": SOURCES},
    "contacts": {"name": "Prénom Nom", "organisation": "anct", "public": True, "last_checked": "2026-11-02",
                 "sources": SOURCES},
    "phases": {"name": {"fr": "Phase"}, "period": "2024", "summary": {"fr": "Résumé."}, "sources": SOURCES},
    "events": {"title": {"fr": "Rencontre"}, "date": "2025-09-30", "sources": SOURCES},
    "resources": {"title": {"fr": "Guide"}, "type": "guide", "language": "fr", "summary": {"fr": "Résumé."},
                  "sources": SOURCES},
    "sites": {"name": "Quartier", "kind": "programme", "region": "Occitanie", "country": "FR",
              "coordinates": {"lat": 43.6, "lon": 1.44, "precision": "commune"},
              "phases": ["territoire-impact-collectif"], "last_checked": "2026-11-02", "sources": SOURCES},
    "history": {"date": "2022", "phase": "territoire-impact-collectif", "title": {"fr": "Titre"},
                "story": {"fr": "Récit."}, "sources": SOURCES},
}
FIELDS = {kind: {name: plausible(info.annotation, info.metadata) for name, info in model.model_fields.items()}
          for kind, model in KINDS.items()}


def mutated(kind: str) -> st.SearchStrategy:
    """The valid record of `kind` with up to three of its model's fields changed or removed."""
    names = sorted(FIELDS[kind])
    changes = st.sets(st.sampled_from(names), max_size=3).flatmap(
        lambda chosen: st.fixed_dictionaries({name: st.one_of(FIELDS[kind][name], FIELDS[kind][name], wrong)
                                              for name in sorted(chosen)}))
    removed = st.sets(st.sampled_from(sorted(VALID[kind])), max_size=1)
    return st.builds(lambda change, drop: {**{k: v for k, v in VALID[kind].items() if k not in drop}, **change},
                     changes, removed)


RECORDS = {kind: st.one_of(mutated(kind), mutated(kind), mutated(kind), record(model), junk)
           for kind, model in KINDS.items()}  # built once: flatmap below only picks one
records = st.sampled_from(sorted(KINDS)).flatmap(lambda kind: st.tuples(st.just(kind), RECORDS[kind]))

# the records a fuzzed file may refer to, valid, written once
SUPPORT = {
    "sources/anct-approche-impacts-collectifs.yml": "title: {fr: Présentation}\ndescription: {fr: Document.}\npublisher: anct\n",
    "organisations/anct.yml": "name: ANCT\nkind: agence-publique\ncountry: FR\n"
                              "sources: [{source: anct-approche-impacts-collectifs, excerpts: [Approche Impacts Collectifs]}]\n",
    "phases/territoire-impact-collectif.yml": "name: {fr: Expérimentation}\nperiod: {start: 2022-04, end: 2023-05}\n"
                                              "summary: {fr: Texte.}\n"
                                              "sources: [{source: anct-approche-impacts-collectifs, excerpts: [Approche Impacts Collectifs]}]\n",
}


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-content") / "content"
    for kind in KINDS:
        (root / kind).mkdir(parents=True)
    for path, text in SUPPORT.items():
        (root / path).write_text(text, encoding="utf-8")
    load_catalogue(root, today=TODAY)  # the support alone is valid
    return root


@SETTINGS
@given(item=records)
def test_random_records_give_a_catalogue_or_placed_french_problems(small_content, item):
    kind, data = item
    file = small_content / kind / "fiche.yml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        result = load_catalogue(small_content, today=TODAY)
    except ContentError as error:
        assert error.problems
        event(f"{kind}: refusé")
        for problem in error.problems:
            assert_well_placed(problem)
            # the support records are only ever named when the new one collides with them
            assert problem.path.endswith(f"{kind}/fiche.yml") or "même nom" in problem.message, problem.format()
    else:
        event(f"{kind}: valide")
        assert isinstance(result, Catalogue)
        assert "fiche" in result.entries[kind]
    finally:
        file.unlink()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_valid_bases_pass(small_content, kind):
    """The fuzz starts from valid records, so that it reaches the checks behind validation."""
    assert set(VALID) == set(KINDS) and set(VALID[kind]) <= set(KINDS[kind].model_fields)
    file = small_content / kind / "fiche.yml"
    file.write_text(yaml.safe_dump(VALID[kind], allow_unicode=True), encoding="utf-8")
    try:
        assert "fiche" in load_catalogue(small_content, today=TODAY).entries[kind]
    finally:
        file.unlink()
