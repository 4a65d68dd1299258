"""Safe YAML reading that remembers where each value was written.

PyYAML's safe loader is used for the syntax. On top of it this module refuses
what a contributor never means to write (duplicate keys, several documents,
anchors and aliases, Python or custom tags, huge files, a byte-order mark,
non-UTF-8 bytes) and keeps, for every value, the line and column where it
stands, so that each problem can be reported at its place.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000  # a record is a few kilobytes; a megabyte is a mistake

ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# (line, column) of each value, keyed by its path in the document:
# ("events", 0, "date") is the date of the first item of `events`.
Positions = dict[tuple, tuple[int, int]]


class _Loader(yaml.SafeLoader):
    """Safe loader that leaves dates as text: the content model parses them.

    YAML 1.1 would turn 2022-10-15 into a date and fail on 2022-02-30 with a
    Python error; keeping text lets the model explain the problem in French.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    path: str  # as shown to contributors
    data: object
    positions: Positions

    def where(self, loc: tuple) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest written ancestor."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


# PyYAML's messages, in the words a contributor understands.
_SYNTAX_MESSAGES = [
    ("found character '\\t' that cannot start any token",
     "tabulation interdite dans l'indentation YAML", "indentez avec des espaces, jamais avec des tabulations"),
    ("found a tab character",
     "tabulation interdite dans l'indentation YAML", "indentez avec des espaces, jamais avec des tabulations"),
    ("found unexpected end of stream",
     "guillemet ou crochet ouvert jamais refermé", "refermez le guillemet ou le crochet ouvert plus haut"),
    ("found unknown escape character",
     "séquence d'échappement inconnue entre guillemets doubles", "utilisez des guillemets simples ou doublez la barre oblique"),
    ("mapping values are not allowed here",
     "deux-points inattendu : structure (imbrication) incorrecte",
     "vérifiez l'indentation, ou mettez la valeur entre guillemets si elle contient « : »"),
    ("expected <block end>, but found",
     "indentation incohérente : cette ligne n'est pas alignée avec les précédentes",
     "alignez les champs d'un même niveau sur la même colonne"),
    ("could not find expected ':'",
     "deux-points manquant après un nom de champ, ou guillemet non refermé",
     "écrivez « champ: valeur » et refermez les guillemets"),
    ("found undefined alias", "alias YAML inconnu", "les ancres et alias (&, *) ne sont pas acceptés"),
    ("found character '@' that cannot start any token",
     "une valeur ne peut pas commencer par « @ »", "mettez la valeur entre guillemets"),
    ("found character '`' that cannot start any token",
     "une valeur ne peut pas commencer par « ` »", "mettez la valeur entre guillemets"),
    ("while parsing a flow", "liste ou objet entre crochets/accolades mal refermé",
     "vérifiez les crochets [ ] et accolades { }"),
    ("while scanning a quoted scalar", "guillemet jamais refermé", "refermez le guillemet"),
]


def _syntax_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.context_mark and "end of stream" in (error.problem or ""):
        mark = error.context_mark  # point at the quote or bracket that was opened
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in text:
            return Problem(path, line, column, "", f"syntaxe YAML invalide : {message}", hint)
    detail = (error.problem or "erreur inconnue").strip()
    return Problem(path, line, column, "", f"syntaxe YAML invalide ({detail})",
                   "comparez avec le modèle du dossier templates/ ou un fichier voisin")


def read_document(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return the document, or None and the problems."""

    def fail(message: str, hint: str = "", line: int = 1, column: int = 1):
        return None, [Problem(shown_as, line, column, "", message, hint)]

    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return fail(f"fichier trop volumineux ({size // 1000} Ko ; maximum {MAX_BYTES // 1000} Ko)",
                        "une fiche tient en quelques kilo-octets : vérifiez qu'il s'agit du bon fichier")
        raw = file.read_bytes()
    except OSError as error:
        return fail(f"fichier illisible ({error.strerror})")
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("le fichier commence par une marque d'ordre des octets (BOM)",
                    "enregistrez-le en « UTF-8 » sans BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return fail("caractères non UTF-8 (encodage incorrect)",
                    "enregistrez le fichier en UTF-8 (éditeur : « Enregistrer avec l'encodage UTF-8 »)",
                    line, column)
    if "\x00" in text:
        return fail("le fichier contient un caractère nul : ce n'est pas un fichier texte")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#")
                               for line in text.splitlines()):
        return fail("fichier vide", "copiez le modèle du dossier templates/ et remplissez-le")

    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(shown_as, error)]
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML always marks its errors
        return fail(f"syntaxe YAML invalide ({error})")
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return fail("fichier vide", "copiez le modèle du dossier templates/ et remplissez-le")
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        return fail("plusieurs documents YAML dans un seul fichier (séparateur « --- »)",
                    "une fiche par fichier : supprimez « --- » et créez un autre fichier",
                    mark.line + 1, mark.column + 1)

    builder = _Builder(shown_as)
    data = builder.build(nodes[0], ())
    if builder.problems:
        return None, builder.problems
    return Document(shown_as, data, builder.positions), []


class _Builder:
    """Turns a composed node tree into Python values, checking as it goes."""

    def __init__(self, path: str):
        self.path = path
        self.positions: Positions = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.constructor = _Loader("")

    def problem(self, node, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                     node.start_mark.column + 1, field, message, hint))

    def build(self, node, loc: tuple):
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        field = _dotted(loc)
        if id(node) in self.seen:
            # PyYAML gives back the very same node for an alias: refusing a second
            # visit stops "billion laughs" before it starts.
            self.problem(node, field, "les ancres et alias YAML (& et *) ne sont pas acceptés",
                         "recopiez la valeur au lieu d'y faire référence")
            return None
        self.seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            self.problem(node, field, f"étiquette YAML non autorisée : {node.tag}",
                         "retirez l'étiquette commençant par « ! » : seules les valeurs simples sont permises")
            return None
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                    self.problem(key_node, field, "nom de champ invalide",
                                 "un nom de champ est un mot simple suivi de « : »")
                    continue
                key = self.constructor.construct_object(key_node)
                key = str(key) if not isinstance(key, str) else key
                if key == "<<":
                    self.problem(key_node, field, "la fusion YAML « << » n'est pas acceptée",
                                 "recopiez les champs au lieu de les fusionner")
                    continue
                if key in result:
                    first = self.positions.get(loc + (key,), (0, 0))[0]
                    self.problem(key_node, _dotted(loc + (key,)),
                                 f"champ en double dans le même bloc (déjà défini ligne {first})",
                                 "gardez une seule occurrence de ce champ")
                    continue
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
                value = self.build(value_node, loc + (key,))
                # keep the key's position: "field: value" is reported on the key's line
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
                result[key] = value
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,)) for index, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as error:  # e.g. an int too large to parse
            self.problem(node, field, f"valeur illisible ({error})")
            return None


def _dotted(loc: tuple) -> str:
    """("events", 0, "date") -> "events[0].date", the way fields are named in messages."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


dotted = _dotted
