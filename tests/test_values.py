"""Each kind of value keeps its rules in every field where it appears (macros/values.py).

The fields are not listed here: every value written in one real record of each
kind is changed in turn, the way a copy-paste or an attacker would change it,
and the record must then be refused at that field. A field added to the model
is tried by these tests without a line more.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

from macros import values
from macros.content import load_catalogue, read_record
from macros.model import KINDS
from macros.problems import ContentError
from macros.unfilled import written_values
from macros.yaml_source import dotted

# one record of each kind, the one with the most values: it holds every kind of value its model has
RECORDS = {kind: max((REPO / "content" / kind).glob("*.yml"), key=lambda f: len(f.read_text(encoding="utf-8")))
           for kind in KINDS}

HIDDEN = ["\u200b", "\u200e", "\ufeff", "\u00ad", "\U000e0041", "\uf8ff", "\u2066", "\u1160", "\x9b"]
CYRILLIC = {"a": "а", "e": "е", "o": "о", "i": "і", "c": "с", "p": "р"}


leaves = written_values  # (loc, value) of every value written in a document


def replaced(data, loc: tuple, value):
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        return {k: replaced(v, rest, value) if k == head else v for k, v in data.items()}
    return [replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]


def problems_when(tmp_path: Path, kind: str, text: str) -> list:
    target = tmp_path / f"{RECORDS[kind].stem}.yml"
    target.write_text(text, encoding="utf-8")
    _, record, problems = read_record(target, f"content/{kind}/{target.name}", KINDS[kind])
    return problems


def dumped(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def original(kind: str):
    return yaml.safe_load(RECORDS[kind].read_text(encoding="utf-8"))


def refused_at(problems: list, loc: tuple) -> bool:
    field = dotted(loc)
    return any(p.is_error and (p.field == field or p.field.startswith(field + ".")
                               or field.startswith(p.field + ".") and p.field) for p in problems)


@pytest.mark.parametrize("kind", KINDS)
def test_every_written_text_refuses_invisible_characters(tmp_path, kind):
    data = original(kind)
    assert not problems_when(tmp_path, kind, dumped(data))  # the record as it is passes
    tried = set()
    texts = [(loc, value) for loc, value in leaves(data) if isinstance(value, str)]
    for index, (loc, value) in enumerate(texts):  # each field with one character, each character in turn
        char = HIDDEN[index % len(HIDDEN)]
        middle = len(value) // 2
        problems = problems_when(tmp_path, kind, dumped(replaced(data, loc, value[:middle] + char + value[middle:])))
        assert refused_at(problems, loc), (kind, dotted(loc), hex(ord(char)), problems)
        tried.add(char)
    assert len(tried) >= min(len(texts), len(HIDDEN)) and len(texts) >= 3


@pytest.mark.parametrize("kind", KINDS)
def test_every_written_word_refuses_a_look_alike_letter(tmp_path, kind):
    data = original(kind)
    tried = 0
    for loc, value in leaves(data):
        if not isinstance(value, str):
            continue
        position = next((i for i, c in enumerate(value) if c in CYRILLIC and i and value[i - 1].isalpha()), None)
        if position is None:
            continue
        changed = value[:position] + CYRILLIC[value[position]] + value[position + 1:]
        problems = problems_when(tmp_path, kind, dumped(replaced(data, loc, changed)))
        assert refused_at(problems, loc), (kind, dotted(loc), changed, problems)
        tried += 1
    assert tried >= 3


BAD_URLS = [
    "https://nonexistent.invalid/x>![pixel](https://evil.example/p.png)<b>",
    'https://example.net/a"onmouseover="x',
    "https://example.net/a b",
    "https://example.net/{x}",
    "https://www.anct.gouv.fr/" + "a" * values.MAX_URL,
    "https://\u0430nct.gouv.fr/",  # a Cyrillic « а »
    "https://example.net/\u200b",
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_web_address_refuses_what_no_address_holds(tmp_path, kind):
    data = original(kind)
    urls = [(loc, value) for loc, value in leaves(data) if isinstance(value, str) and value.startswith("http")]
    if not urls:  # the largest record has none: a field of an address kind, filled
        field = next((name for name in ("url", "website") if name in KINDS[kind].model_fields), None)
        if field:
            urls, data = [((field,), "https://www.anct.gouv.fr/")], {**data, field: "https://www.anct.gouv.fr/"}
        else:  # a citation of a web page
            data = {**data, "sources": [{"url": "https://www.anct.gouv.fr/"}, *data["sources"][1:]]}
            urls = [(("sources", 0, "url"), "https://www.anct.gouv.fr/")]
    assert not problems_when(tmp_path, kind, dumped(data))
    for loc, _ in urls:
        for bad in BAD_URLS:
            problems = problems_when(tmp_path, kind, dumped(replaced(data, loc, bad)))
            assert refused_at(problems, loc), (kind, dotted(loc), bad[:60], problems)


YAML_11_NUMBERS = ["0x7D0", "0b11111010000", "03720", "33:20", "1_000", "0:50.4228", "+12", ".inf", ".NaN",
                   "0o17", "1" * 25]


@pytest.mark.parametrize("kind", KINDS)
def test_every_number_is_a_plain_decimal(tmp_path, kind):
    data = original(kind)
    numbers = [loc for loc, value in leaves(data) if isinstance(value, (int, float)) and not isinstance(value, bool)]
    for loc in numbers:
        for written in YAML_11_NUMBERS:
            text = dumped(replaced(data, loc, "__NUMBER__")).replace("__NUMBER__", written)
            problems = problems_when(tmp_path, kind, text)
            assert refused_at(problems, loc), (kind, dotted(loc), written, problems)
            assert any(written[:20] in p.message for p in problems)  # quoted as written


def test_numbers_in_sites_and_resources_are_tried():
    """The test above is not empty: a site has coordinates, and history entries years."""
    numbers = [loc for kind in ("sites", "history") for loc, value in leaves(original(kind))
               if isinstance(value, (int, float)) and not isinstance(value, bool)]
    assert len(numbers) >= 2


@pytest.mark.parametrize("name", ["lіevin", "straße", "site-٣", "lievin\u1160", "Lievin", "lievin-", "a--b",
                                  "lievin\u200b", "ｌｉｅｖｉｎ"])
def test_a_file_name_is_an_ascii_id(tmp_path, name):
    content = tmp_path / "content"
    (content / "sites").mkdir(parents=True)
    (content / "sites" / f"{name}.yml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(content, tmp_path)
    shown = [p for p in error.value.problems if "nom de fichier" in p.message]
    assert shown and "minuscules sans accents (a-z)" in shown[0].message
    assert "\u1160" not in shown[0].message and "\u200b" not in shown[0].message  # named visibly


@pytest.mark.parametrize("reference", ["anсt", "ANCT", "anct\u200b", "an ct", "an\nct"])
def test_a_reference_is_an_ascii_id(tmp_path, reference):
    data = original("contacts")
    problems = problems_when(tmp_path, "contacts", dumped({**data, "organisation": reference}))
    assert refused_at(problems, ("organisation",)), problems


@pytest.mark.parametrize("shape", ["sites/brouillons/x.yml", "nouveau-site.yml", "sites/.nouveau.yml",
                                   "sites/_brouillon.yml", "sites/x.yml/", "brouillons/", ".cache/",
                                   "sites/notes.txt", "sites/sans-extension"])
def test_every_file_and_folder_under_content_is_read_or_refused(content, shape):
    target = content / shape
    if shape.endswith("/"):
        target.mkdir(parents=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((content / "sites" / "lievin.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(content, content.parent)
    wanted = "content/" + ("sites/brouillons" if shape == "sites/brouillons/x.yml" else shape.rstrip("/"))
    assert any(p.path == wanted and p.is_error for p in error.value.problems), \
        [(p.path, p.message) for p in error.value.problems]


@pytest.mark.parametrize("name, expected", [("Lіévin", "lievin"), ("Straße", "strasse"), ("Château-Thierry",
                                            "chateau-thierry"), ("Œuvre ٣", "oeuvre-3"), ("L'Île\u200b-Saint-Denis",
                                                                                       "l-ile-saint-denis")])
def test_new_site_writes_an_ascii_file_name(tmp_path, name, expected):
    content = tmp_path / "content"
    (content / "sites").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-m", "macros.cli", "new-site", name, "--content", str(content)],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [f.name for f in (content / "sites").iterdir()] == [f"{expected}.yml"]
    assert values.check_id(expected) == expected


def test_names_fold_for_order_and_skeleton_for_sameness():
    """One folding: a list's order sets accents, case and punctuation aside but keeps
    the letters as written; the duplicate-name rule also reads look-alike letters of
    other alphabets as the ASCII ones and drops invisible characters."""
    from macros.names import fold, skeleton
    assert fold("Château-Thierry") == skeleton("Château-Thierry") == "chateau thierry"
    assert fold("L\u0456\u00e9vin") == "l\u0456evin"  # a Cyrillic і stays itself in the order
    assert skeleton("L\u0456\u00e9vin") == skeleton("Lie\u200bvin") == "lievin"
