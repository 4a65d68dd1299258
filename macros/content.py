"""Load the whole content folder once: read, validate, check references.

`load_catalogue(root)` returns a `Catalogue` or raises `ContentError` with
every problem found in every file, each at its file, line and field.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from . import names, values
from .files import list_folder, read_regular
from .fingerprints import MAX_BYTES as FINGERPRINT_BYTES
from .fingerprints import SUFFIX, Fingerprint
from .fingerprints import parse as parse_fingerprint
from .geography import check_place
from .messages import Suggestions, choices, closest, error_loc, translate
from .model import (
    KINDS,
    MAX_ID,
    RESERVED_IDS,
    Record,
    RichText,
    references,
    walk,
    written_references,
)
from .problems import ContentError, Problem, display_path, shown
from .provenance import check_excerpts
from .unfilled import unfilled
from .yaml_source import Document, dotted, parse_document

STALE_AFTER = dt.timedelta(days=365)
# messages the contribution form shows too (macros/form_messages.py)
MESSAGES = {
    "future": "date de vérification {value} dans le futur",
    "future_hint": "indiquez le jour où l'information a été vérifiée",
    "unknown_reference": "« {value} » ne correspond à aucun fichier de content/{kind}/",
}


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
    # ids whose file exists but is invalid: its own problems are reported, not every reference to it
    invalid: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    # the documents of those files, read but refused by the model: their references are checked too
    refused: list[tuple[str, Document]] = field(default_factory=list)
    # source id -> the fingerprint of its text (content/sources/<id>.fingerprint, macros/fingerprints.py)
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    _views: dict = field(default_factory=dict, repr=False, compare=False)

    def records(self, kind: str) -> dict[str, Record]:
        """{"lievin": Site(...)}, in file-name order."""
        return self.cached(("records", kind), lambda: {k: e.record for k, e in self.entries[kind].items()})

    sources = property(lambda self: self.records("sources"))
    organisations = property(lambda self: self.records("organisations"))
    contacts = property(lambda self: self.records("contacts"))
    phases = property(lambda self: self.records("phases"))
    events = property(lambda self: self.records("events"))
    resources = property(lambda self: self.records("resources"))
    sites = property(lambda self: self.records("sites"))
    history = property(lambda self: self.records("history"))

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

    def cached(self, name: Hashable, compute):
        """A value derived from the records, computed once (site order, indexes…)."""
        if name not in self._views:
            self._views[name] = compute()
        return self._views[name]


def slugify(text: str) -> str:
    """The id a name gives (« Château-Thierry » -> chateau-thierry): ASCII only."""
    return names.id_from(text)


R = TypeVar("R", bound=Record)  # read_record's model, and the record it returns
_read_cache: dict[str, tuple[bytes, str, type, tuple]] = {}  # by path (a str hashes faster than a Path)


def read_record(file: Path, shown: str, model: type[R]) -> tuple[Document | None, R | None, list[Problem]]:
    """One file read and checked against its model: (document, record, []) or (…, None, problems).

    The result depends only on the file's bytes, so a process that loads the
    content again (the preview server, after a save) reads again only the files
    whose bytes changed. Records are never modified after loading.
    """
    raw, problems = read_regular(file, shown)
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


def _check_record(raw: bytes, shown: str, model: type[Record]) -> tuple:
    document, problems = parse_document(raw, shown)
    if document is None:
        return None, None, problems
    if not isinstance(document.data, dict):
        return document, None, [Problem(shown, 1, 1, "", "le fichier doit être un bloc de champs "
                                        "(nom: valeur), pas une liste ni une valeur seule",
                                        "copiez le modèle du dossier starters/")]
    found = unfilled(document, frozenset(model.model_fields))
    explained = {loc for loc, _ in found}
    problems = [problem for _, problem in found if problem]
    try:
        record = model.model_validate(document.data)
    except ValidationError as error:
        errors: list[dict] = [{**item, "loc": error_loc(item), "file": Path(shown).stem} for item in error.errors()]
        for item in errors:
            loc = item["loc"]
            if any(loc[:len(place)] == place for place in explained):
                # a placeholder or an empty value, already said in its own words; the choices, if any, help
                if item["type"] == "literal_error":
                    problems = [_with_choices(p, item) if p.field == dotted(loc) else p for p in problems]
                continue
            line, column = document.where(loc)
            message, hint = translate(item, model, document.written.get(loc))
            if item["type"] == "missing":
                hint = _misspelled(item, errors, document) or hint
            problems.append(Problem(shown, line, column, dotted(loc), message, hint))
        return document, None, problems
    return document, (None if problems else record), problems


def _with_choices(problem: Problem, error: dict) -> Problem:
    return dataclasses.replace(problem, hint=f"écrivez l'une des valeurs possibles : {', '.join(choices(error))}")


def _misspelled(missing: dict, errors: list[dict], document: Document) -> str:
    """When a required field is missing and an unknown field of the same block looks
    like it (`regoin` for `region`), say both: the cause is the misspelling."""
    name, parent = missing["loc"][-1], missing["loc"][:-1]
    unknown = [e["loc"] for e in errors if e["type"] == "extra_forbidden" and e["loc"][:-1] == parent]
    close = closest(str(name), [str(loc[-1]) for loc in unknown])
    if not close:
        return ""
    line = document.where(parent + (close,))[0]
    return f"« {close} », ligne {line}, est sans doute ce champ mal écrit : corrigez son nom en « {name} »"


def load_catalogue(root: Path, repo_root: Path | None = None, today: dt.date | None = None) -> Catalogue:
    """Read every YAML file under `root` (the content folder) and check it all.

    Every check runs, whatever the others found (a missing reference is reported
    in the same run as a syntax error elsewhere); raises ContentError when any
    problem is an error, with the warnings too."""
    root = Path(root)
    repo_root = Path(repo_root) if repo_root else root.parent
    catalogue = Catalogue(root)
    problems = read_all(catalogue, repo_root)
    for check in (check_names, check_references, check_list_duplicates, check_same_address, check_places,
                  check_rich_text):
        problems += check(catalogue)
    problems += check_freshness(catalogue, today or dt.date.today())
    problems += check_excerpts(catalogue, repo_root)  # cited sources exist, excerpts are in their text
    catalogue.warnings = [p for p in problems if not p.is_error]
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return catalogue


# --- reading ---------------------------------------------------------------------------

def read_all(catalogue: Catalogue, repo_root: Path) -> list[Problem]:
    """Every kind's folder read into the catalogue; the problems of every file."""
    root = catalogue.root
    if not root.is_dir() or root.is_symlink():
        return [Problem(display_path(root, repo_root), 1, 1, "", "dossier de contenu introuvable"
                        + (" (lien symbolique refusé)" if root.is_symlink() else ""))]
    listing = list_folder(root, repo_root)
    problems = list(listing.problems)
    for folder in listing.folders:
        if folder.name not in KINDS:
            problems.append(Problem(display_path(folder, repo_root), 1, 1, "",
                                    f"dossier inconnu « {values.quoted(folder.name)} » : il ne serait pas publié",
                                    "dossiers possibles : " + ", ".join(KINDS)))
    for file in listing.files:  # every file under content/ is read or refused: none is skipped unseen
        problems.append(Problem(display_path(file, repo_root), 1, 1, "",
                                "fichier hors des dossiers de fiches : il ne serait pas publié",
                                "placez chaque fiche dans le dossier de son type, par exemple content/sites/"))
    for kind in KINDS:
        if root / kind in listing.folders:
            problems += _read_kind(catalogue, kind, root / kind, repo_root)
    return problems


def _file_order(file: Path):
    # file-name order, but lievin.yml before lievin.yaml: the unusual one is reported as a duplicate
    return (file.stem + ".yml" if file.suffix == ".yaml" else file.name, file.suffix != ".yml")


def _read_kind(catalogue: Catalogue, kind: str, folder: Path, repo_root: Path) -> list[Problem]:
    listing = list_folder(folder, repo_root)
    problems = list(listing.problems)
    shown_folder = display_path(folder, repo_root)  # resolved once, not once per file
    for inner in listing.folders:
        problems.append(Problem(f"{shown_folder}/{inner.name}", 1, 1, "",
                                "sous-dossier non lu : ses fiches ne seraient pas publiées",
                                f"placez les fiches directement dans {shown_folder}/, ou supprimez ce dossier"))
    seen_ids: dict[str, str] = {}
    files = sorted(listing.files, key=_file_order)
    if kind == "sources":  # beside a source record, the fingerprint of its text
        prints = [file for file in files if file.suffix == SUFFIX and not file.name.startswith((".", "_"))]
        files = [file for file in files if file not in prints]
    for file in files:
        shown = f"{shown_folder}/{file.name}"
        refused = _file_name_problem(kind, folder, file, shown, seen_ids)
        if refused:
            problems.append(refused)
            continue
        seen_ids[file.stem] = shown
        document, record, found = read_record(file, shown, KINDS[kind])
        if record is None:
            catalogue.invalid[kind].add(file.stem)
            if document is not None:
                catalogue.refused.append((kind, document))
            problems.extend(found)
            continue
        assert document is not None  # a record is only ever read from a document
        catalogue.entries[kind][file.stem] = Entry(file.stem, kind, record, document, file)
    if kind == "sources":
        problems += _read_fingerprints(catalogue, prints, shown_folder)
    return problems


def _read_fingerprints(catalogue: Catalogue, files: list[Path], shown_folder: str) -> list[Problem]:
    """The fingerprints of content/sources/: each beside the record of its source."""
    problems = []
    for file in files:
        shown = f"{shown_folder}/{file.name}"
        key = file.stem
        if key in catalogue.invalid["sources"]:
            continue  # the record's own problems are reported
        if key not in catalogue.entries["sources"]:
            problems.append(Problem(shown, 1, 1, "", f"empreinte sans fiche : {shown_folder}/{key}.yml n'existe pas",
                                    "renommez l'empreinte comme la fiche de sa source, ou supprimez-la et lancez "
                                    "« python -m macros.cli fingerprints »"))
            continue
        raw, found = read_regular(file, shown, limit=FINGERPRINT_BYTES)
        if raw is not None:
            cached = _print_cache.get(str(file))
            if cached is None or cached[:2] != (raw, shown):
                cached = (raw, shown, parse_fingerprint(raw, shown))
                _print_cache[str(file)] = cached
            fingerprint, found = cached[2]
            if fingerprint is not None:
                catalogue.fingerprints[key] = fingerprint
        problems += found
    return problems


_print_cache: dict[str, tuple] = {}  # by path: (bytes, shown, parsed), as _read_cache


def _file_name_problem(kind: str, folder: Path, file: Path, shown: str, seen_ids: dict) -> Problem | None:
    """Why a file's name cannot be a record's id, if it cannot."""
    key = file.stem
    if file.name.startswith((".", "_")):
        return Problem(shown, 1, 1, "", "fichier caché ou brouillon (nom commençant par « . » ou « _ ») : "
                       "il ne serait pas publié", "renommez-le sans ce signe pour le publier, ou retirez-le")
    if file.suffix not in (".yml", ".yaml"):
        return Problem(shown, 1, 1, "", "fichier non lu : l'extension doit être « .yml »",
                       "renommez le fichier en « .yml » ou retirez-le du dossier")
    if len(key) > MAX_ID:
        return Problem(shown, 1, 1, "", f"nom de fichier trop long ({len(key)} caractères ; maximum {MAX_ID})",
                       "raccourcissez-le : il devient l'adresse de la page")
    if not (values.ID.fullmatch(key) and key == slugify(key)):
        renamed = folder / f"{slugify(key) or 'nom'}.yml"
        taken = renamed.exists() and not renamed.samefile(file)  # (same file: case-insensitive disk)
        return Problem(shown, 1, 1, "", f"nom de fichier « {values.quoted(values.visible(file.name))} » invalide : "
                       "minuscules sans accents (a-z), chiffres et tirets simples",
                       f"« {renamed.name} » existe déjà : complétez ce fichier plutôt que d'en "
                       "créer un second" if taken else f"renommez-le « {renamed.name} »")
    if key in RESERVED_IDS.get(kind, ()):
        reserved = ", ".join(sorted(RESERVED_IDS[kind]))
        return Problem(shown, 1, 1, "", f"identifiant « {key} » réservé : il porte le nom d'une page du site "
                       f"(identifiants réservés dans content/{kind}/ : {reserved})",
                       "renommez le fichier, par exemple d'après la commune ou le quartier")
    if key in seen_ids:
        return Problem(shown, 1, 1, "", f"identifiant « {key} » en double : {seen_ids[key]} porte déjà ce nom",
                       "gardez un seul fichier par identifiant")
    return None


# --- checks across records: each takes the catalogue and returns its problems ------------

def _named(catalogue: Catalogue):
    """(entry, field, Text) of every record that has a name or a title."""
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for attr in ("name", "title"):
                value = getattr(entry.record, attr, None)
                if value is not None:
                    yield entry, attr, value
                    break


def check_names(catalogue: Catalogue) -> list[Problem]:
    """Names that hide something (invisible characters, letters of two alphabets),
    and two records of a kind whose names look the same (reported in each file:
    which of the two is the newcomer is not known)."""
    problems = []
    holders: dict[tuple[str, str], list[Entry]] = {}
    for entry, attr, value in _named(catalogue):
        for lang in ("fr", "en"):
            text = value if isinstance(value, str) else getattr(value, lang)
            why = names.deceptive(text) if text else None
            if why:
                loc = (attr,) if isinstance(value, str) else (attr, lang)
                line, column = entry.document.where(loc)
                problems.append(Problem(entry.path, line, column, dotted(loc), why[0], why[1]))
        french = value if isinstance(value, str) else value.fr
        holders.setdefault((entry.kind, names.skeleton(french)), []).append(entry)
    for (kind, _), same in holders.items():
        for entry in same if len(same) > 1 else ():
            attr = "name" if "name" in entry.record.model_fields_set else "title"
            others = ", ".join(other.path for other in same if other is not entry)
            line, column = entry.document.where((attr,))
            problems.append(Problem(entry.path, line, column, attr,
                                    f"même nom qu'un autre {KINDS[kind].label} ({others}), aux accents, "
                                    "majuscules, tirets ou caractères semblables près",
                                    "fusionnez les deux fichiers ou distinguez les noms"))
    return problems


def check_references(catalogue: Catalogue) -> list[Problem]:
    """Every id a record names (model.references: the fields typed `Ref(kind)`) must be
    the file name of a record of that kind."""
    named = [(entry.document, loc, target, ref) for entries in catalogue.entries.values()
             for entry in entries.values() for loc, target, ref in references(entry.record)]
    # a file refused for another reason has its references checked in the same run
    named += [(document, loc, target, ref) for kind, document in catalogue.refused
              for loc, target, ref in written_references(KINDS[kind], document.data)]
    problems = []
    suggestions = {kind: Suggestions(entries) for kind, entries in catalogue.entries.items()}
    for document, loc, target, ref in named:
        if ref in catalogue.entries[target] or ref in catalogue.invalid[target]:
            continue
        loc = _as_written(document.data, loc)
        line, column = document.where(loc)
        close = suggestions[target].closest(ref)
        hint = f"vouliez-vous dire « {close} » ?" if close else \
            f"créez content/{target}/{shown(ref)}.yml ou corrigez l'identifiant"
        problems.append(Problem(document.path, line, column, dotted(loc),
                                MESSAGES["unknown_reference"].format(value=shown(ref), kind=target), hint))
    return problems


def _as_written(data, loc: tuple) -> tuple:
    """`loc` cut where the file wrote a plain value: a citation written `- irev` is
    `sources[0]` in the file, although the model reads it as `sources[0].source`."""
    for depth, part in enumerate(loc):
        if (isinstance(data, dict) and part in data) or (isinstance(data, list) and isinstance(part, int) \
                and part < len(data)):
            data = data[part]
        else:
            return loc[:depth]
    return loc


def _address_key(url: str) -> str:
    """An address as a reader would compare two: no scheme, no « www. », no case in the
    host, no trailing slash or fragment ("https://www.Fonda.asso.fr/x/#a" -> "fonda.asso.fr/x")."""
    rest = url.split("://", 1)[-1].split("#", 1)[0]
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def check_same_address(catalogue: Catalogue) -> list[Problem]:
    """Two records of one kind that give the same web address are probably one thing
    written twice: each file is told which other file has it (a warning: a page and
    its part may share an address)."""
    problems = []
    for kind, entries in catalogue.entries.items():
        holders: dict[str, list[tuple[Entry, str]]] = {}
        for entry in entries.values():
            for name in ("url", "website"):
                value = getattr(entry.record, name, None)
                if value:
                    holders.setdefault(_address_key(value), []).append((entry, name))
        for same in holders.values():
            for entry, name in same if len(same) > 1 else ():
                others = ", ".join(other.path for other, _ in same if other is not entry)
                line, column = entry.document.where((name,))
                problems.append(Problem(entry.path, line, column, name,
                                        f"même adresse qu'un autre {KINDS[kind].label} ({others})",
                                        "complétez la fiche existante plutôt que d'en créer une seconde, ou "
                                        "vérifiez l'adresse", severity="warning"))
    return problems


def check_list_duplicates(catalogue: Catalogue) -> list[Problem]:
    problems = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for loc, ref in _list_duplicates(entry.record):
                line, column = entry.document.where(loc)
                problems.append(Problem(entry.path, line, column, dotted(loc),
                                        f"« {ref} » est cité deux fois dans la liste", "retirez le doublon"))
    return problems


def check_places(catalogue: Catalogue) -> list[Problem]:
    """Coordinates that are swapped, or outside the site's country, or off the map."""
    problems = []
    for entry in catalogue.entries["sites"].values():
        found = check_place(entry.record)
        if found:
            message, hint, severity = found
            line, column = entry.document.where(("coordinates",))
            problems.append(Problem(entry.path, line, column, "coordinates", message, hint, severity))
    return problems


def check_freshness(catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """A verification date in the future is an error; one over a year old, a warning."""
    problems = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            checked = getattr(entry.record, "last_checked", None)
            if checked is None or today - STALE_AFTER <= checked <= today:
                continue
            line, column = entry.document.where(("last_checked",))
            if checked > today:
                problems.append(Problem(entry.path, line, column, "last_checked",
                                        MESSAGES["future"].format(value=checked.isoformat()),
                                        MESSAGES["future_hint"]))
            else:
                problems.append(Problem(entry.path, line, column, "last_checked",
                                        f"information vérifiée le {checked.isoformat()}, il y a plus d'un an",
                                        "revérifiez-la auprès des sources et mettez la date à jour",
                                        severity="warning"))
    return problems


def check_rich_text(catalogue: Catalogue) -> list[Problem]:
    """HTML or script links in Markdown texts: the sanitiser removes them from the
    pages, and the contributor is told so."""
    problems = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for loc, lang, found in _unsafe_rich_text(entry.record):
                line, column = entry.document.where(loc + (lang,))
                problems.append(Problem(entry.path, line, column, dotted(loc + (lang,)),
                                        f"{found} dans le texte : il sera retiré à la publication",
                                        "écrivez en Markdown simple ([texte](https://…), *italique*, listes), "
                                        "sans HTML", severity="warning"))
    return problems


# "<" then a letter (or "/"), spaces allowed between: one optional run of blanks only, so
# that a long run of spaces cannot make the search backtrack (the old pattern took minutes)
_HTML_TAG = re.compile(r"<[\s/]*[a-zA-Z][^<>]*>")
_BAD_LINK = re.compile(r"\]\([\s<]*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)


def _unsafe_rich_text(record: Record):
    for loc, value in walk(record):
        if isinstance(value, RichText):
            for lang in ("fr", "en"):
                text = getattr(value, lang) or ""
                if _BAD_LINK.search(text):
                    yield loc, lang, "lien « javascript: » ou « data: »"
                elif _HTML_TAG.search(text):
                    yield loc, lang, "balise HTML"


def _list_duplicates(record: Record):
    for name, value in record:
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            seen = set()
            for index, item in enumerate(value):
                if item in seen:
                    yield (name, index), item
                seen.add(item)
