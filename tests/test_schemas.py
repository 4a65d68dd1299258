"""The editors' JSON Schemas: generated from the model, committed, and in step with the content."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from conftest import REPO
from macros.model import KINDS
from macros.unfilled import PLACEHOLDERS
from macros.schemas import kind_schema, schema_files, stale_schemas
from macros.yaml_source import read_document

SCHEMAS = REPO / "schemas"


def load_schema(folder: str) -> dict:
    return json.loads((SCHEMAS / f"{KINDS[folder].file_name}.schema.json").read_text(encoding="utf-8"))


def validator(folder: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(folder))


def data_of(file: Path):
    # our reader keeps 2022-10-15 as text, like the editors (YAML 1.2); yaml.safe_load would make a date
    document, problems = read_document(file, file.name)
    assert document is not None, problems
    return document.data


def content_files():
    return [(folder, file) for folder in KINDS for file in sorted((REPO / "content" / folder).glob("*.yml"))]


def test_every_kind_names_its_files_and_its_records():
    assert sorted(model.file_name for model in KINDS.values()) == sorted(
        ["source", "organisation", "contact", "phase", "event", "resource", "site", "history"])
    assert all(model.label and model.schema_title and model.schema_description for model in KINDS.values())


def test_committed_schemas_are_exactly_what_the_model_generates():
    expected = schema_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.schema.json")}
    assert sorted(committed) == sorted(expected), "lancez : python -m macros.cli schemas"
    for name, text in expected.items():
        assert committed[name] == text, f"schemas/{name} ne correspond plus au modèle : " \
                                        "lancez python -m macros.cli schemas"
    assert stale_schemas(SCHEMAS) == []


def test_schemas_command_check_mode_and_writing(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, "-m", "macros.cli", "schemas", *args],  # noqa: E731
                                       cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run("--check").returncode == 0
    out = tmp_path / "schemas"
    result = run("--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(schema_files())
    (out / "site.schema.json").write_text("{}", encoding="utf-8")
    result = run("--check", "--out", str(out))
    assert result.returncode == 1
    assert "site.schema.json" in result.stderr and "python -m macros.cli schemas" in result.stderr


@pytest.mark.parametrize("folder", list(KINDS))
def test_schema_is_valid_french_and_closed(folder):
    schema = load_schema(folder)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["title"] and "content/" in schema["description"]
    # every field, and every field of every building block, explains itself
    for name, field in schema["properties"].items():
        assert field.get("description"), f"{folder}.{name} sans description"
        assert "title" not in field  # pydantic's English titles are dropped
    for block_name, block in schema.get("$defs", {}).items():
        assert block["additionalProperties"] is False
        assert "Like Text" not in block["description"] and "Reader-facing" not in block["description"]
        for name, field in block["properties"].items():
            assert field.get("description"), f"{block_name}.{name} sans description"
    assert set(schema["required"]) == {n for n, f in KINDS[folder].model_fields.items() if f.is_required()}


@pytest.mark.parametrize("folder", list(KINDS))
def test_field_examples_satisfy_their_own_schema(folder):
    schema = load_schema(folder)
    for name, field in schema["properties"].items():
        for example in field.get("examples", []):
            check = jsonschema.Draft202012Validator({**field, "$defs": schema.get("$defs", {})})
            assert check.is_valid(example), (folder, name, example)


@pytest.mark.parametrize("folder,file", content_files(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_every_content_file_names_its_schema_and_satisfies_it(folder, file):
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{KINDS[folder].file_name}.schema.json"
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(folder).iter_errors(data_of(file))]
    assert errors == []


@pytest.mark.parametrize("folder", list(KINDS))
def test_every_template_satisfies_its_schema_but_at_its_placeholders(folder):
    """The editor marks in red only what is left to fill: each value « À COMPLÉTER »."""
    template = REPO / "starters" / f"{KINDS[folder].file_name}.yml"
    errors = list(validator(folder).iter_errors(data_of(template)))
    assert all(isinstance(e.instance, str) and PLACEHOLDERS.search(e.instance) for e in errors), \
        [f"{list(e.absolute_path)}: {e.message}" for e in errors]


VALID_SITE = """\
# yaml-language-server: $schema=../../schemas/site.schema.json
name: "Liévin"
kind: pilote
region: Hauts-de-France
country: FR
coordinates: {lat: 50.4228, lon: 2.7786, precision: commune}
phases: [territoire-impact-collectif]
summary:
  fr: "Un quartier de Liévin."
last_checked: 2026-11-30
sources:
  - irev-territoire-impact-collectif
"""

BROKEN_SITES = {
    "unknown field": ("region: Hauts-de-France", "regoin: Hauts-de-France"),
    "value outside the vocabulary": ("kind: pilote", "kind: pilot"),
    "bad identifier in a list": ("phases: [territoire-impact-collectif]", "phases: [Territoire_Impact]"),
    "date not AAAA-MM-JJ": ("last_checked: 2026-11-30", "last_checked: 30/11/2026"),
    "empty name": ('name: "Liévin"', 'name: ""'),
    "text without French": ('  fr: "Un quartier de Liévin."', '  en: "A neighbourhood in Liévin."'),
    "coordinates out of range": ("lat: 50.4228", "lat: 150.4228"),
    "missing required field": ("region: Hauts-de-France\n", ""),
    "sources as a single value": ("sources:\n  - irev-territoire-impact-collectif", "sources: irev-territoire-impact-collectif"),
}


@pytest.mark.parametrize("case", list(BROKEN_SITES))
def test_broken_files_fail_schema_validation(tmp_path, case):
    good = tmp_path / "sites" / "lievin.yml"
    good.parent.mkdir()
    good.write_text(VALID_SITE, encoding="utf-8")
    assert validator("sites").is_valid(data_of(good))
    old, new = BROKEN_SITES[case]
    assert old in VALID_SITE
    broken = tmp_path / "broken.yml"
    broken.write_text(VALID_SITE.replace(old, new, 1), encoding="utf-8")
    assert not validator("sites").is_valid(data_of(broken)), case
    with pytest.raises(ValidationError):  # the model, which the check runs, refuses it too
        KINDS["sites"].model_validate(data_of(broken))


def test_broken_nested_blocks_fail_schema_validation():
    check = validator("history")
    entry = {"date": 2022, "phase": "origines", "title": {"fr": "Titre"}, "story": {"fr": "Récit"},
             "sources": ["irev-territoire-impact-collectif"]}
    assert check.is_valid(entry)
    assert not check.is_valid({**entry, "title": {"fr": "Titre", "de": "Titel"}})  # unknown language
    assert not check.is_valid({**entry, "lessons": [{"text": {"fr": "x"}, "topic": "inconnu"}]})
    assert not check.is_valid({**entry, "date": {"end": 2023}})  # a period needs its start
    assert not check.is_valid({**entry, "sources": []})


def test_plain_string_names_are_allowed_where_the_model_allows_them():
    # Name fields take "Liévin" for both languages; Text fields need a fr/en block
    site = kind_schema("sites")
    assert {"type": "string"}.items() <= site["properties"]["name"]["anyOf"][0].items()
    resource = validator("resources")
    base = {"title": {"fr": "Titre"}, "type": "guide", "language": "fr", "summary": {"fr": "Résumé"},
            "sources": ["https://example.org/"]}
    assert resource.is_valid(base)
    assert not resource.is_valid({**base, "title": "Titre"})


def test_vocabularies_show_their_french_labels():
    kind = load_schema("sites")["properties"]["kind"]
    assert kind["enumDescriptions"] == ["Site pilote (2022–2023)", "Site du programme",
                                        "Lieu d'inspiration au Québec"]
