"""JSON Schemas for the editors, generated from the content model.

`python -m macros.cli schemas` writes one schema per kind of record into
schemas/<kind>.schema.json. Every content file names its schema on its first
line (`# yaml-language-server: $schema=../../schemas/site.schema.json`), so
VS Code (extension redhat.vscode-yaml) completes field names, shows the
French descriptions and underlines mistakes while the contributor types.

The rules are never written twice: everything comes from pydantic's
`model_json_schema()` on the classes of macros/model.py. This module only adds
what a JSON Schema cannot learn from pydantic by itself (that a proper name
may be a plain string, that a text may not be empty) and the French words a
contributor reads: a title and a description per kind and per building block,
the labels of the vocabularies. The model stays the authority: the site's
check (`python -m macros.cli check`) runs the model itself, and a few rules
(references between files, dates that exist) are only there.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from . import model
from .model import KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# the building blocks shared by several fields (pydantic's $defs), in French;
# the model's docstrings are for developers, in English
BLOCK_TEXTS: dict[str, tuple[str, str]] = {
    "Text": ("Texte bilingue", "Texte en deux langues : « fr » (obligatoire) et « en », la traduction "
                               "anglaise (facultative : sans elle, la page anglaise affiche le français)."),
    "RichText": ("Texte bilingue mis en forme",
                 "Comme un texte bilingue, mais le Markdown est permis : liens [texte](https://…), "
                 "*italique*, **gras**, listes. « fr » obligatoire, « en » facultatif."),
    "Coordinates": ("Coordonnées", "Point sur la carte : latitude et longitude en degrés décimaux, et ce "
                                   "que le point désigne."),
    "ContinuumStep": ("Position sur le continuum",
                      "Position datée du collectif sur le continuum de la coopération, avec sa source."),
    "Lesson": ("Enseignement", "Un enseignement tiré de cette étape, rattaché à une notion de l'approche."),
    "Testimonial": ("Témoignage", "Des paroles de participants, citées telles quelles, et qui parle."),
}

NAME_AS_TEXT = ("Le même nom en français et en anglais (nom propre). Pour deux formes différentes, "
                "écrivez un bloc avec « fr » et « en ».")

# the vocabularies whose French labels are shown beside each allowed value
VOCABULARIES = [model.TOPICS, model.CONTINUUM, model.SITE_KINDS, model.RESOURCE_TYPES,
                model.ORGANISATION_KINDS]

# what an editor says when a value does not match a pattern of the model
PATTERN_MESSAGES = {
    model.SLUG.pattern: "Identifiant invalide : minuscules sans accents, chiffres et tirets "
                        "(ex. chateau-thierry), sans « .yml ».",
    "^https?://": "Adresse web invalide : elle doit commencer par https://",
    r"^\d{4}-\d{2}-\d{2}$": "Date complète attendue : AAAA-MM-JJ (ex. 2026-11-30).",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "Date attendue : 2022, 2022-10 ou 2022-10-15.",
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator, taught what the model's validators accept."""

    def function_before_schema(self, schema):
        inner = super().function_before_schema(schema)
        if schema["function"]["function"] is model._same_in_both:  # Name: a string stands for both languages
            return {"anyOf": [{"type": "string", "minLength": 1, "description": NAME_AS_TEXT}, inner]}
        return inner

    def function_after_schema(self, schema):
        inner = super().function_after_schema(schema)
        if schema["function"]["function"] is model._text and inner.get("type") == "string":
            return {**inner, "minLength": 1, "maxLength": model.MAX_TEXT}  # NonEmpty: neither empty nor endless
        return inner

    def field_title_should_be_set(self, schema) -> bool:
        return False  # pydantic's titles are the English field names: descriptions say it in French


def kind_schema(folder: str) -> dict:
    """The JSON Schema of the records of content/<folder>/."""
    record = KINDS[folder]
    generated = record.model_json_schema(schema_generator=_Generator)
    title, description = KINDS[folder].schema_title, KINDS[folder].schema_description
    schema = {"$schema": DIALECT, "title": title, "description": description, "type": "object",
              "properties": _sources_last(generated["properties"]), "required": generated.get("required", []),
              "additionalProperties": False}
    unknown = set(generated) - {"title", "description", "type", "properties", "required",
                                "additionalProperties", "$defs"}
    if unknown:  # pragma: no cover - a pydantic upgrade would show here
        raise KeyError(f"macros/schemas.py: unexpected keys from pydantic: {sorted(unknown)}")
    if "$defs" in generated:
        schema["$defs"] = generated["$defs"]
    for name, block in schema.get("$defs", {}).items():
        if name not in BLOCK_TEXTS:
            raise KeyError(f"macros/schemas.py: add a French title and description for the block {name!r}")
        block["title"], block["description"] = BLOCK_TEXTS[name]
        block["additionalProperties"] = False
    _frenchify(schema)
    return schema


def _sources_last(properties: dict) -> dict:
    """Fields in the order of the files: `sources` (inherited, so first for pydantic) closes a record."""
    return {**{k: v for k, v in properties.items() if k != "sources"},
            **({"sources": properties["sources"]} if "sources" in properties else {})}


def _frenchify(node) -> None:
    """Walk a schema: French labels for vocabularies and patterns, no `default: null`."""
    if isinstance(node, list):
        for item in node:
            _frenchify(item)
        return
    if not isinstance(node, dict):
        return
    if "default" in node and node["default"] is None:
        del node["default"]  # an editor would insert "null" on completion
    values = node.get("enum")
    if values:
        for vocabulary in VOCABULARIES:
            if set(values) == set(vocabulary):
                node["enumDescriptions"] = [vocabulary[value][0] for value in values]
    pattern = node.get("pattern")
    if pattern in PATTERN_MESSAGES:
        node["patternErrorMessage"] = PATTERN_MESSAGES[pattern]
    for key, value in node.items():
        # a dict of field name -> schema: "title" there is a field, not a keyword
        if key in ("properties", "$defs"):
            for sub in value.values():
                _frenchify(sub)
        elif isinstance(value, (dict, list)) and key not in ("enum", "examples", "default", "required"):
            _frenchify(value)


def render(schema: dict) -> str:
    """A schema as written to disk: stable, readable, accents kept."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_name(folder: str) -> str:
    """The file name of a kind's JSON Schema, under schemas/."""
    return f"{KINDS[folder].file_name}.schema.json"


def schema_files() -> dict[str, str]:
    """File name under schemas/ -> its text, for every kind."""
    return {schema_name(folder): render(kind_schema(folder)) for folder in KINDS}


def write_schemas(target: Path) -> list[Path]:
    """Write every kind's schema into `target`; return the files that changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schema_files().items():
        file = target / name
        if not file.exists() or file.read_text(encoding="utf-8") != text:
            file.write_text(text, encoding="utf-8")
            changed.append(file)
    return changed


def stale_schemas(target: Path) -> list[str]:
    """Names of the schema files under `target` that differ from the model (or are missing or extra)."""
    expected = schema_files()
    stale = [name for name, text in expected.items()
             if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text]
    if target.is_dir():
        stale += sorted(p.name for p in target.glob("*.schema.json") if p.name not in expected)
    return stale
