"""Load the whole content folder once: read, validate, check references.

`load_catalogue(root)` returns a `Catalogue` or raises `ContentError` with
every problem found in every file, each at its file, line and field.
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .model import KINDS, SOURCE_FILE, Record, RichText, source_refs
from .problems import ContentError, Problem, display_path
from .provenance import check_excerpts
from .yaml_source import Document, dotted, parse_document, read_bytes

KIND_LABELS = {  # how a contributor names each folder's records, in messages
    "sources": "document source", "organisations": "organisation", "contacts": "contact",
    "phases": "phase", "events": "événement", "resources": "ressource", "sites": "site",
    "history": "entrée d'histoire",
}
STALE_AFTER = dt.timedelta(days=365)
SOURCE_ID = re.compile(SOURCE_FILE.pattern.replace(r"\.txt", ""))


@dataclass
class Entry:
    """A validated record with where it came from."""

    id: str
    kind: str
    record: Record
    document: Document
    file: Path  # absolute path of the YAML file

    @property
    def path(self) -> str:  # as shown to contributors
        return self.document.path


@dataclass
class Catalogue:
    """Every checked record, by kind and id. Read-only once loaded: the views
    below are computed once and kept."""

    root: Path
    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {k: {} for k in KINDS})
    warnings: list[Problem] = field(default_factory=list)
    _views: dict = field(default_factory=dict, repr=False, compare=False)

    def __getattr__(self, kind: str) -> dict[str, Record]:
        # catalogue.sites -> {"lievin": Site(...)}, in file-name order
        if kind in KINDS:
            key = ("records", kind)
            if key not in self._views:
                self._views[key] = {k: entry.record for k, entry in self.entries[kind].items()}
            return self._views[key]
        raise AttributeError(kind)

    def entry(self, kind: str, key: str) -> Entry:
        return self.entries[kind][key]

    def referrers(self, kind: str, field_name: str, key: str) -> list[str]:
        """Ids of records of `kind` whose list or field `field_name` names `key`."""
        index_key = ("referrers", kind, field_name)
        if index_key not in self._views:  # one pass over the records, then lookups
            index: dict[str, list[str]] = {}
            for other, entry in self.entries[kind].items():
                value = getattr(entry.record, field_name)
                for target in (value if isinstance(value, list) else [value]):
                    if isinstance(target, str):
                        index.setdefault(target, []).append(other)
            self._views[index_key] = index
        return self._views[index_key].get(key, [])

    def cached(self, name: str, compute):
        """A value derived from the records, computed once (site order, indexes…)."""
        if name not in self._views:
            self._views[name] = compute()
        return self._views[name]


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces: "Château-Thierry" -> "chateau thierry"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def slugify(text: str) -> str:
    return "-".join(fold(text).split())


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans virgule)",
    "float_type": "nombre attendu (ex. 50.42)",
    "float_parsing": "nombre attendu (ex. 50.42)",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste attendue (une ligne « - valeur » par élément)",
    "dict_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "model_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "model_attributes_type": "bloc de champs attendu (champ: valeur, en retrait)",
    "too_short": "liste vide : au moins un élément est requis",
    "string_too_short": "texte vide",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "finite_number": "nombre fini attendu (pas .inf ni .nan)",
}


def _translate(error: dict, model: type[Record]) -> tuple[str, str]:
    """A pydantic error as (message, hint) in French."""
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"vouliez-vous dire « {close[0]} » ?" if close else \
            ("champs possibles : " + ", ".join(known) if known else "")
        return f"champ inconnu « {name} »", hint
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        given = error.get("input")
        if given is None:
            return f"valeur manquante ; valeurs possibles : {', '.join(choices)}", "écrivez l'une de ces valeurs"
        if isinstance(given, (list, dict)):
            return (f"une seule valeur attendue, pas {_found(given)} ; valeurs possibles : {', '.join(choices)}",
                    "écrivez l'une de ces valeurs")
        given = _as_written(given)
        close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
        hint = f"vouliez-vous dire « {close[0]} » ?" if close else ""
        return f"valeur « {given} » non reconnue ; valeurs possibles : {', '.join(choices)}", hint
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type",
                "bool_type", "int_type", "float_type") and _found(error.get("input")):
        return f"{_MESSAGES[kind]}, pas {_found(error.get('input'))}", ""
    if kind == "bool_parsing":
        return f"{_MESSAGES[kind]}, pas « {_as_written(error.get('input'))} »", ""
    if kind == "float_parsing" and "," in str(error.get("input")):
        return _MESSAGES[kind], "écrivez les décimales avec un point, pas une virgule"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"])), ""
    if isinstance(error.get("input"), float) and not math.isfinite(error["input"]):
        return _MESSAGES["finite_number"], ""
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
        return f"{_MESSAGES[kind]} (limite : {bound})", ""
    if kind == "missing":
        return f"champ obligatoire manquant : « {loc[-1]} »", "ajoutez ce champ (voir le modèle dans templates/)"
    if kind in _MESSAGES:
        return _MESSAGES[kind], ""
    return "valeur invalide", f"contrôle « {kind} » non respecté"  # never pydantic's English text


def _as_written(value) -> str:
    """A YAML value as a contributor would write it: true, not True."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _found(value) -> str:
    """What was written instead, in words ("" when it is not worth saying)."""
    if isinstance(value, bool):
        return f"« {_as_written(value)} »"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de champs"
    if value is None:
        return "une valeur vide"
    if isinstance(value, str):
        return "un texte"
    return ""


def _known_fields(model: type[Record], loc: tuple) -> list[str]:
    """Field names allowed at `loc` inside `model` (for "did you mean")."""
    current = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = None
        if info is not None:
            for candidate in _classes_in(info.annotation):
                current = candidate
                break
    return list(current.model_fields) if current else []


def _classes_in(annotation):
    from typing import get_args
    if isinstance(annotation, type) and issubclass(annotation, Record):
        yield annotation
    for arg in get_args(annotation):
        yield from _classes_in(arg)


def _error_loc(error: dict) -> tuple:
    # pydantic adds the validator's name for Annotated/union branches: keep real fields only
    return tuple(p for p in error["loc"] if isinstance(p, int) or not str(p).startswith("function-"))


_read_cache: dict[str, tuple[bytes, str, type, tuple]] = {}  # by path (a str hashes faster than a Path)


def read_record(file: Path, shown: str, model: type[Record]) -> tuple[Document | None, Record | None, list[Problem]]:
    """One file read and checked against its model: (document, record, []) or (…, None, problems).

    The result depends only on the file's bytes, so a process that loads the
    content again (the preview server, after a save) reads again only the files
    whose bytes changed. Records are never modified after loading.
    """
    raw, problems = read_bytes(file, shown)
    if raw is None:
        return None, None, problems
    cached = _read_cache.get(str(file))
    if cached is not None and cached[0] == raw and cached[1] == shown and cached[2] is model:
        return cached[3]
    if len(_read_cache) > 50_000:  # many folders read in one process (tests): start afresh
        _read_cache.clear()
    result = _check_record(raw, shown, model)
    _read_cache[str(file)] = (raw, shown, model, result)
    return result


def _check_record(raw: bytes, shown: str, model: type[Record], parsed: tuple | None = None) -> tuple:
    document, problems = parsed or parse_document(raw, shown)
    if document is None:
        return None, None, problems
    if not isinstance(document.data, dict):
        return document, None, [Problem(shown, 1, 1, "", "le fichier doit être un bloc de champs "
                                        "(nom: valeur), pas une liste ni une valeur seule",
                                        "copiez le modèle du dossier templates/")]
    try:
        return document, model.model_validate(document.data), []
    except ValidationError as error:
        for item in error.errors():
            loc = _error_loc(item)
            line, column = document.where(loc)
            message, hint = _translate({**item, "loc": loc}, model)
            problems.append(Problem(shown, line, column, dotted(loc), message, hint))
        return document, None, problems


# Reading shared by two processes (macros/build.py): the other process parses files
# (yaml_source.parse_claimed), this one checks them; see read_claimed and adopt_parsed.

def read_claimed(files: list[tuple[Path, str]], claim) -> None:
    """Read and check the files whose index `claim()` hands out (None when there is
    none left), as load_catalogue will: it finds them read."""
    while (index := claim()) is not None:
        file, shown = files[index]
        model = KINDS.get(file.parent.name)
        if model is not None:
            read_record(file, shown, model)


def adopt_parsed(parsed: list[tuple[str, str, bytes, object, list]]) -> None:
    """Check files another process parsed: load_catalogue finds them read (if their bytes are the same)."""
    for file, shown, raw, data, problems in parsed:
        model = KINDS.get(Path(file).parent.name)
        if model is not None:
            document = Document.without_positions(shown, data, raw) if not problems else None
            _read_cache[file] = (raw, shown, model, _check_record(raw, shown, model, (document, problems)))


def load_catalogue(root: Path, repo_root: Path | None = None, today: dt.date | None = None) -> Catalogue:
    """Read every YAML file under `root` (the content folder) and check it all."""
    root = Path(root)
    repo_root = Path(repo_root) if repo_root else root.parent
    today = today or dt.date.today()
    catalogue = Catalogue(root)
    problems: list[Problem] = []
    names: dict[tuple[str, str], list[tuple[str, Entry]]] = defaultdict(list)
    # ids whose file exists but is invalid: its own problems are reported, not every reference to it
    invalid: dict[str, set[str]] = defaultdict(set)

    if not root.is_dir():
        raise ContentError([Problem(display_path(root, repo_root), 1, 1, "",
                                    "dossier de contenu introuvable")])
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name not in KINDS and not folder.name.startswith((".", "_")):
            problems.append(Problem(display_path(folder, repo_root), 1, 1, "",
                                    f"dossier inconnu « {folder.name} »",
                                    "dossiers possibles : " + ", ".join(KINDS)))
    for kind, model in KINDS.items():
        folder = root / kind
        if not folder.is_dir():
            continue
        seen_ids: dict[str, str] = {}
        shown_folder = display_path(folder, repo_root)  # resolved once, not once per file
        # file-name order, but lievin.yml before lievin.yaml: the unusual one is reported as a duplicate
        for file in sorted(folder.iterdir(), key=lambda f: (f.stem + ".yml" if f.suffix == ".yaml" else f.name,
                                                            f.suffix != ".yml")):
            shown = f"{shown_folder}/{file.name}"
            if file.name.startswith((".", "_")) or file.is_dir():
                continue
            if file.suffix not in (".yml", ".yaml"):
                problems.append(Problem(shown, 1, 1, "", "fichier ignoré : l'extension doit être « .yml »",
                                        "renommez le fichier en « .yml » ou retirez-le du dossier"))
                continue
            key = file.stem
            if not (key == slugify(key) and key) and not (kind == "sources" and SOURCE_ID.match(key)):
                renamed = folder / f"{slugify(key) or 'nom'}.yml"
                taken = renamed.exists() and not renamed.samefile(file)  # (same file: case-insensitive disk)
                problems.append(Problem(shown, 1, 1, "", f"nom de fichier « {file.name} » invalide : "
                                        "minuscules sans accents, chiffres et tirets",
                                        f"« {renamed.name} » existe déjà : complétez ce fichier plutôt que d'en "
                                        "créer un second" if taken else f"renommez-le « {renamed.name} »"))
                continue
            if key in seen_ids:
                problems.append(Problem(shown, 1, 1, "", f"identifiant « {key} » en double : "
                                        f"{seen_ids[key]} porte déjà ce nom",
                                        "gardez un seul fichier par identifiant"))
                continue
            seen_ids[key] = shown
            invalid[kind].add(key)  # until it validates
            document, record, found = read_record(file, shown, model)
            if record is None:
                problems.extend(found)
                continue
            entry = Entry(key, kind, record, document, file)
            catalogue.entries[kind][key] = entry
            invalid[kind].discard(key)
            for attr in ("name", "title"):
                value = getattr(record, attr, None)
                if value is not None:
                    names[(kind, fold(getattr(value, "fr", value)))].append((key, entry))

    # two records of a kind whose names differ only by accents, case or punctuation
    # (reported in each file: which of the two is the newcomer is not known)
    for (kind, _), holders in names.items():
        if len(holders) < 2:
            continue
        for key, entry in holders:
            others = ", ".join(other.path for _, other in holders if other is not entry)
            line, column = entry.document.where(("name",) if "name" in entry.document.data else ("title",))
            problems.append(Problem(entry.path, line, column, "name" if "name" in entry.document.data else "title",
                                    f"même nom qu'un autre {KIND_LABELS[kind]} ({others}), "
                                    "aux accents, majuscules ou tirets près",
                                    "fusionnez les deux fichiers ou distinguez les noms"))

    # references by id
    for kind, entries in catalogue.entries.items():
        for entry in entries.values():
            for loc, target, ref in [*entry.record.references(), *source_refs(entry.record)]:
                if ref not in catalogue.entries[target] and ref not in invalid[target]:
                    line, column = entry.document.where(loc)
                    if target == "sources":
                        problems.append(Problem(entry.path, line, column, dotted(loc),
                                                f"document source « {ref}.txt » inconnu : aucun fichier "
                                                f"content/sources/{ref}.yml",
                                                "vérifiez le nom du document cité"))
                        continue
                    choices = list(catalogue.entries[target])
                    close = difflib.get_close_matches(ref, choices, n=1, cutoff=0.6)
                    hint = f"vouliez-vous dire « {close[0]} » ?" if close else \
                        f"créez content/{target}/{ref}.yml ou corrigez l'identifiant"
                    problems.append(Problem(entry.path, line, column, dotted(loc),
                                            f"« {ref} » ne correspond à aucun fichier de content/{target}/",
                                            hint))
            for loc_field, refs in _list_duplicates(entry.record):
                line, column = entry.document.where(loc_field)
                problems.append(Problem(entry.path, line, column, dotted(loc_field),
                                        f"« {refs} » est cité deux fois dans la liste", "retirez le doublon"))
            checked = getattr(entry.record, "last_checked", None)
            if checked is not None and (checked > today or today - checked > STALE_AFTER):
                line, column = entry.document.where(("last_checked",))  # only for a message: it may parse again
                if checked > today:
                    problems.append(Problem(entry.path, line, column, "last_checked",
                                            f"date de vérification {checked.isoformat()} dans le futur",
                                            "indiquez le jour où l'information a été vérifiée"))
                elif today - checked > STALE_AFTER:
                    catalogue.warnings.append(Problem(
                        entry.path, line, column, "last_checked",
                        f"information vérifiée le {checked.isoformat()}, il y a plus d'un an",
                        "revérifiez-la auprès des sources et mettez la date à jour",
                        severity="avertissement"))
            for loc, lang, found in _unsafe_rich_text(entry.record):
                line, column = entry.document.where(loc + (lang,))
                catalogue.warnings.append(Problem(
                    entry.path, line, column, dotted(loc + (lang,)),
                    f"{found} dans le texte : il sera retiré à la publication",
                    "écrivez en Markdown simple ([texte](https://…), *italique*, listes), sans HTML",
                    severity="avertissement"))

    problems += check_excerpts(catalogue, repo_root)  # cited sources exist, excerpts are in their text (provenance.py)

    if problems:
        raise ContentError(problems + catalogue.warnings)
    return catalogue


_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BAD_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)


def _unsafe_rich_text(value, loc: tuple = ()):
    """(loc, lang, what) for HTML or script links in Markdown texts: the sanitiser
    removes them from the pages, and the contributor is told so."""
    if isinstance(value, RichText):
        for lang in ("fr", "en"):
            text = getattr(value, lang) or ""
            if _BAD_LINK.search(text):
                yield loc, lang, "lien « javascript: » ou « data: »"
            elif _HTML_TAG.search(text):
                yield loc, lang, "balise HTML"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsafe_rich_text(item, loc + (index,))
    elif isinstance(value, Record):
        for name in type(value).model_fields:
            yield from _unsafe_rich_text(getattr(value, name), loc + (name,))


def _list_duplicates(record: Record):
    for name, value in record:
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            seen = set()
            for index, item in enumerate(value):
                if item in seen:
                    yield (name, index), item
                seen.add(item)
