"""Safe YAML reading that remembers where each value was written.

PyYAML's safe loader is used for the syntax. On top of it this module refuses
what a contributor never means to write (duplicate keys, several documents,
anchors and aliases, Python or custom tags, huge files, a byte-order mark,
non-UTF-8 bytes) and keeps, for every value, the line and column where it
stands, so that each problem can be reported at its place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import values
from .files import read_regular
from .problems import Problem

MAX_DEPTH = 20  # a record nests blocks a few levels deep; more is a mistake or an attack
# brackets [ { opened in a row, counted on the raw text before PyYAML, whose scanner slows down
# quadratically with flow depth (a megabyte of "[" would take hours)
MAX_BRACKETS = 50
_TEMPLATE = "copiez le modèle du dossier starters/ et remplissez-le"

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
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


class _AliasRefused(yaml.MarkedYAMLError):
    """An alias (*name) was met: refused where it is written, before anything is expanded."""


class _Loader(yaml.SafeLoader):
    """Safe loader that leaves dates as text: the content model parses them.

    YAML 1.1 would turn 2022-10-15 into a date and fail on 2022-02-30 with a
    Python error; keeping text lets the model explain the problem in French.
    Aliases are refused at the place they are written ("billion laughs").
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            if isinstance(index, yaml.ScalarNode) and index.value == "<<":  # `<<: *base`
                raise _AliasRefused(problem="merge", problem_mark=index.start_mark)
            raise _AliasRefused(problem="alias", problem_mark=self.peek_event().start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    path: str  # as shown to contributors
    data: object
    positions: Positions
    # the text of each value YAML read as something else than text (`no` -> false),
    # so that a message can quote what the contributor wrote
    written: dict[tuple, str] = field(default_factory=dict)

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
     "séquence d'échappement inconnue entre guillemets doubles", "utilisez des guillemets simples ou "
                                                                 "doublez la barre oblique"),
    ("mapping values are not allowed here",
     "deux-points inattendu : structure (imbrication) incorrecte",
     "vérifiez l'indentation, ou mettez la valeur entre guillemets si elle contient « : »"),
    ("expected <block end>, but found",
     "indentation incohérente : cette ligne n'est pas alignée avec les précédentes",
     "alignez les champs d'un même niveau sur la même colonne"),
    ("could not find expected ':'",
     "deux-points manquant après un nom de champ, ou sans espace après",
     "écrivez « champ: valeur », avec une espace après les deux-points"),
    ("found undefined alias", "alias YAML inconnu", "les ancres et alias (&, *) ne sont pas acceptés"),
    ("found character '@' that cannot start any token",
     "une valeur ne peut pas commencer par « @ »", "mettez la valeur entre guillemets"),
    ("found character '`' that cannot start any token",
     "une valeur ne peut pas commencer par « ` »", "mettez la valeur entre guillemets"),
    ("while parsing a flow", "crochet « [ » ou accolade « { » jamais refermé",
     "refermez la liste par « ] » (ou le bloc par « } ») et séparez les éléments par des virgules"),
    ("while scanning a quoted scalar", "guillemet jamais refermé", "refermez le guillemet"),
]


# a value that opens a quote: `key: "...`, `- '...`
_KEY = r"""[^\s#'"-](?:[^#:\s]|:(?! )| (?!#))*"""  # a field name: no ": " and no " #" inside
_OPENING_QUOTE = re.compile(rf"""^( *)(?:- +)*(?:{_KEY}: +)?(["'])""")
_KEY_LINE = re.compile(rf"^ *(?:- +)?{_KEY}:(?: |$)")


def _unclosed_quote(text: str, before_line: int) -> tuple[int, int, int | None] | None:
    """(line, column, closing line or None) of a quote opened and not closed on its line,
    that is the likely cause of a syntax error at `before_line`: the next line already
    starts a new field, or the quote swallows every line down to the error."""
    lines = text.splitlines()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for number in range(min(before_line, len(lines)), 0, -1):  # the nearest first
        line = lines[number - 1]
        match = _OPENING_QUOTE.match(line)
        if not match or _closed_after(line, match.end(), match.group(2)):
            continue
        closing = _closing_line(text, offsets[number - 1] + match.end(), match.group(2))
        following = next((lines[i] for i in range(number, len(lines)) if lines[i].strip()), "")
        indent = len(following) - len(following.lstrip(" "))
        new_field_next = _KEY_LINE.match(following) and indent <= len(match.group(1))
        if new_field_next or closing is None or closing >= before_line:
            # the quote closes only by swallowing lines: which is said, unless the next
            # line is plainly a new field (then the quote was simply forgotten)
            return number, match.start(2) + 1, None if new_field_next else closing
        return None  # a text written over several lines, closed before the error: not the cause
    return None


_DOUBLE_QUOTED_REST = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)
_SINGLE_QUOTED_REST = re.compile(r"(?:[^']|'')*'", re.DOTALL)


def _closed_after(line: str, start: int, quote: str) -> bool:
    pattern = _DOUBLE_QUOTED_REST if quote == '"' else _SINGLE_QUOTED_REST
    return pattern.match(line, start) is not None


def _closing_line(text: str, start: int, quote: str) -> int | None:
    """The line where the quote opened before `start` closes, if it does."""
    pattern = _DOUBLE_QUOTED_REST if quote == '"' else _SINGLE_QUOTED_REST
    found = pattern.match(text, start)
    return text.count("\n", 0, found.end()) + 1 if found else None


def _closed_on_its_line(line: str, start: int) -> bool:
    """Whether the bracket at `start` is closed later on the same line."""
    depth = 0
    for char in line[start:]:
        depth += 1 if char in "[{" else -1 if char in "]}" else 0
        if depth == 0:
            return True
    return False


def _syntax_problem(path: str, error: yaml.MarkedYAMLError, source: str = "") -> Problem:
    """PyYAML's error, placed where the mistake was made and told in French."""
    line, column = _error_place(error)
    for explain in (_explain_unclosed_quote, _explain_flow_list, _explain_colon_in_value):
        found = explain(error, source, line, column)
        if found:
            return Problem(path, *found)
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in text:
            return Problem(path, line, column, "", f"syntaxe YAML invalide : {message}", hint)
    detail = (error.problem or "erreur inconnue").strip()
    return Problem(path, line, column, "", f"syntaxe YAML invalide ({detail})",
                   "comparez avec le modèle du dossier starters/ ou un fichier voisin")


def _error_place(error: yaml.MarkedYAMLError) -> tuple[int, int]:
    """(line, column) of the error; for an unclosed quote, bracket or key, where it started."""
    mark = error.problem_mark or error.context_mark
    if error.context_mark and ("end of stream" in (error.problem or "")
                               or (error.context or "").startswith(("while parsing a flow",
                                                                    "while scanning a simple key"))):
        mark = error.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _written_line(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1] if line <= len(lines) else ""


def _explain_unclosed_quote(error, source: str, line: int, column: int):
    """A quote opened on an earlier line and never closed: the usual cause further down."""
    quote = _unclosed_quote(source, line) if source else None
    if not quote or quote[0] >= line:
        return None
    where, closing = quote[:2], quote[2]
    if closing is None or closing == quote[0]:
        return (*where, "", "syntaxe YAML invalide : guillemet ouvert ici et jamais refermé",
                "ajoutez le guillemet fermant à la fin de la valeur")
    return (*where, "", f"syntaxe YAML invalide : guillemet ouvert ici et refermé seulement ligne {closing} : "
            "tout ce qui est entre les deux est lu comme un seul texte",
            "ajoutez le guillemet fermant à la fin de la valeur de cette ligne")


def _explain_flow_list(error, source: str, line: int, column: int):
    """A [list] closed on its line but malformed inside (a missing comma, a colon)."""
    text = f"{error.context or ''} {error.problem or ''}"
    if text.startswith("while parsing a flow") and error.problem_mark \
            and _closed_on_its_line(_written_line(source, line), column - 1):
        mark = error.problem_mark
        return (mark.line + 1, mark.column + 1, "", "syntaxe YAML invalide : liste ou bloc entre "
                "crochets/accolades mal formé", "séparez les éléments par des virgules, et mettez entre "
                "guillemets ceux qui contiennent « : », « [ » ou « { »")
    return None


def _explain_colon_in_value(error, source: str, line: int, column: int):
    """`place: Montréal : Festival` - the second colon belongs to the value."""
    if "mapping values are not allowed here" in (error.problem or "") \
            and _KEY_LINE.match(_written_line(source, line)[:column - 1]):
        return (line, column, "", "syntaxe YAML invalide : deux-points « : » à l'intérieur d'une valeur sans "
                "guillemets", "mettez toute la valeur entre guillemets : « champ: \"texte : suite\" »")
    return None


def read_document(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file (a regular file, see files.py); return the document, or None and the problems."""
    raw, problems = read_regular(file, shown_as)
    return parse_document(raw, shown_as) if raw is not None else (None, problems)


def parse_document(raw: bytes, shown_as: str, fast: bool = True) -> tuple[Document | None, list[Problem]]:
    """The document in the bytes of one YAML file, or None and the problems."""
    text, problems = _decode(raw, shown_as)
    if text is None:
        return None, problems
    problems = _text_problems(text, shown_as)
    if problems:
        return None, problems
    nodes = _fast_compose(text) if fast else None
    fast = nodes is not None
    if nodes is None:
        nodes, problems = _compose(text, shown_as)
        if problems:
            return None, problems
    nodes = [n for n in nodes if n is not None]
    if len(nodes) != 1:
        return None, [_not_one_document(nodes, text, shown_as)]
    builder = _Builder(shown_as)
    data = builder.build(nodes[0], ())
    if builder.problems and fast:
        return parse_document(raw, shown_as, fast=False)  # the precise words come from the slow reader
    if builder.problems:
        return None, builder.problems
    return Document(shown_as, data, builder.positions, builder.written), []


def _decode(raw: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    """The file's text, if it is UTF-8 without a byte-order mark."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(shown_as, 1, 1, "", "le fichier commence par une marque d'ordre des octets (BOM)",
                              "enregistrez-le en « UTF-8 » sans BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown_as, line, column, "", "caractères non UTF-8 (encodage incorrect)",
                              "enregistrez le fichier en UTF-8 (éditeur : « Enregistrer avec l'encodage UTF-8 »)")]


def _text_problems(text: str, shown_as: str) -> list[Problem]:
    """What is wrong with the text before YAML reads it: a null character, nothing
    but comments, odd spaces in the indentation, brackets nested too deep."""
    def fail(message: str, hint: str = "", line: int = 1, column: int = 1) -> list[Problem]:
        return [Problem(shown_as, line, column, "", message, hint)]

    if "\x00" in text:
        return fail("le fichier contient un caractère nul : ce n'est pas un fichier texte",
                    "enregistrez-le comme texte brut en UTF-8", *_line_column(text, text.index("\x00")))
    if not text.strip():
        return fail("fichier vide", _TEMPLATE)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return fail("fichier vide : il ne contient que des commentaires (lignes « # »)",
                    "retirez le « # » devant les champs, ou " + _TEMPLATE)
    odd_spaces = []  # YAML sees them as text, which then gives baffling "unknown field" messages
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if line[indent:indent + 1] in _ODD_SPACES:
            odd_spaces += fail(f"espace insécable ou invisible (U+{ord(line[indent]):04X}) dans l'indentation",
                               "indentez avec des espaces ordinaires (texte copié depuis une page web ou un "
                               "traitement de texte)", number, indent + 1)
    if odd_spaces:
        return odd_spaces
    depth = 0
    for bracket in re.finditer(r"[\[\]{}]", text):
        depth = max(depth + (1 if bracket.group() in "[{" else -1), 0)
        if depth > MAX_BRACKETS:
            return fail(f"imbrication trop profonde (plus de {MAX_BRACKETS} crochets ou accolades ouverts)",
                        "une fiche ne s'imbrique que sur quelques niveaux", *_line_column(text, bracket.start()))
    return []


def _compose(text: str, shown_as: str) -> tuple[list, list[Problem]]:
    """The node trees by PyYAML's own reader, which says precisely what is wrong and where."""
    def fail(message: str, hint: str = "", line: int = 1, column: int = 1):
        return [], [Problem(shown_as, line, column, "", message, hint)]

    try:
        return list(yaml.compose_all(text, Loader=_Loader)), []
    except _AliasRefused as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if error.problem == "merge":
            return fail("la fusion YAML « << » n'est pas acceptée", "recopiez les champs au lieu de les fusionner",
                        line, column)
        return fail("les ancres et alias YAML (& et *) ne sont pas acceptés",
                    "recopiez la valeur au lieu d'y faire référence", line, column)
    except yaml.MarkedYAMLError as error:
        return [], [_syntax_problem(shown_as, error, text)]
    except yaml.reader.ReaderError as error:  # a character YAML refuses: control characters
        return fail(f"caractère de contrôle invisible (U+{error.character:04X}) interdit dans un fichier YAML",
                    "supprimez-le : il vient souvent d'un copier-coller", *_line_column(text, error.position))
    except RecursionError:
        return [], [_too_deep(shown_as, text)]
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its other errors
        return fail(f"syntaxe YAML invalide ({error})")


def _not_one_document(nodes: list, text: str, shown_as: str) -> Problem:
    if not nodes:
        return Problem(shown_as, 1, 1, "", "fichier vide", _TEMPLATE)
    after = nodes[0].end_mark.line
    lines = text.splitlines()
    separator = next((i for i in range(after, len(lines)) if re.match(r"^(---|\.\.\.)(\s|$)", lines[i])),
                     nodes[1].start_mark.line)
    return Problem(shown_as, separator + 1, 1, "", "plusieurs documents YAML dans un seul fichier "
                   "(séparateur « --- »)", "une fiche par fichier : supprimez « --- » et créez un autre fichier")


def _fast_compose(text: str) -> list | None:
    """The node trees by libyaml's C parser, about ten times faster than PyYAML's own.

    It vouches only for valid syntax: on a syntax error it returns None, and on
    any problem the builder finds (an alias, a tag…) the pure-Python reader
    above reads the file again to say precisely what is wrong and where.
    """
    if _CLoader is None:
        return None
    try:
        return list(yaml.compose_all(text, Loader=_CLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


class _LibyamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the same resolvers as _Loader (dates stay text)."""


_LibyamlLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
# without libyaml (pragma: no cover) the pure-Python reader does it all
_CLoader: type | None = _LibyamlLoader if getattr(yaml, "__with_libyaml__", False) else None


# characters no text of a record needs, whether typed raw (YAML refuses most of them)
# or written as an escape between double quotes ("\e", "\0", "\a", "\x85"): controls
# other than line breaks and tabs, and the bidirectional controls that reorder text
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]")

# spaces that look like spaces but are not YAML indentation
_ODD_SPACES = set("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u200b\u202f\u205f\u3000\ufeff")


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _too_deep(path: str, text: str) -> Problem:
    """Where blocks or brackets nest deeper than MAX_DEPTH (found without recursion)."""
    depth, line, column = 0, 1, 1
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                mark = event.start_mark
                if mark and (depth == 1 or depth > MAX_DEPTH):
                    line, column = mark.line + 1, mark.column + 1
                if depth > MAX_DEPTH:
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Problem(path, line, column, "", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de "
                   "listes ou de blocs)", "une fiche ne s'imbrique que sur quelques niveaux")


class _Builder:
    """Turns a composed node tree into Python values, checking as it goes."""

    def __init__(self, path: str):
        self.path = path
        self.positions: Positions = {}
        self.written: dict[tuple, str] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.constructor = _Loader("")

    def problem(self, node, loc: tuple, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                     node.start_mark.column + 1, dotted(loc), message, hint))

    def build(self, node, loc: tuple, depth: int = 0):
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        field = loc  # named in a message only when there is a problem
        if depth > MAX_DEPTH:
            self.problem(node, field, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes "
                         "ou de blocs)", "une fiche ne s'imbrique que sur quelques niveaux")
            return None
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
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, field, "la fusion YAML « << » n'est pas acceptée",
                                 "recopiez les champs au lieu de les fusionner")
                    continue
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                    self.problem(key_node, field, "nom de champ invalide",
                                 "un nom de champ est un mot simple suivi de « : »")
                    continue
                key = self._scalar(key_node, field)
                key = str(key) if not isinstance(key, str) else key
                if key in result:
                    first = self.positions.get(loc + (key,), (0, 0))[0]
                    self.problem(key_node, loc + (key,),
                                 f"champ en double dans le même bloc (déjà défini ligne {first})",
                                 "gardez une seule occurrence de ce champ")
                    continue
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
                value = self.build(value_node, loc + (key,), depth + 1)
                # keep the key's position: "field: value" is reported on the key's line
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
                result[key] = value
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node, field)

    def _scalar(self, node, field: tuple):
        if node.tag == _STR:  # most values: the text as written
            hidden = _HIDDEN.search(node.value)
            if hidden:
                self.problem(node, field, f"caractère de contrôle invisible (U+{ord(hidden.group()):04X}) "
                             "dans le texte", "supprimez-le (écrit « \\e », « \\0 »… entre guillemets, ou "
                             "venu d'un copier-coller)")
            return node.value
        mark = node.start_mark
        tagged = mark.buffer and mark.buffer[mark.pointer:mark.pointer + 1] == "!"  # `!!bool FR`: said below
        refused = None if tagged else _implicit_reading(node)
        if refused:
            self.problem(node, field, *refused)
            return None
        if node.tag == _BOOL:  # `False`, `TRUE`: kept to quote as written
            self.written[field] = node.value
        try:
            return self.constructor.construct_object(node)
        except Exception:  # noqa: BLE001 - e.g. `!!bool FR`, `!!int abc`, an integer of 5000 digits
            value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            mark = node.start_mark
            if mark.buffer and mark.buffer[mark.pointer:mark.pointer + 2] == "!!":
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                self.problem(node, field, f"valeur « {value} » illisible avec l'étiquette « {tag} »",
                             "retirez l'étiquette « !!… » ou corrigez la valeur")
            else:
                self.problem(node, field, f"valeur « {value} » illisible (nombre trop long ?)",
                             "mettez la valeur entre guillemets si c'est un texte")
            return None


_TRUE_FALSE = {"true", "false"}


def _implicit_reading(node) -> tuple[str, str] | None:
    """(message, hint) for a value that only YAML 1.1 reads as a number or a yes/no:
    `0x7D0`, `0b11111010000`, `03720`, `33:20` or `1_000` (all 2000 and more to PyYAML),
    `.inf`, `1e3`, `+5`, `yes`, `off`. A number is written as a plain decimal
    (values.NUMBER), a yes/no as true or false; anything else is refused as written."""
    written = values.quoted(node.value, 40)
    if node.tag in (_INT, _FLOAT):
        if len(node.value) > values.MAX_NUMBER:
            size = f"{len(node.value):,}".replace(",", "\u202f")
            return (f"nombre « {written} » trop long ({size} caractères ; maximum {values.MAX_NUMBER})",
                    "vérifiez la valeur, ou mettez-la entre guillemets si c'est un texte")
        if not values.NUMBER.fullmatch(node.value):
            return (f"« {written} » n'est pas écrit comme un nombre décimal (YAML le lirait comme "
                    f"{_as_yaml_11(node)})", "écrivez le nombre en chiffres, avec un point pour les décimales "
                    "(ex. 2022 ou 48.9362), ou mettez la valeur entre guillemets si c'est un texte")
    if node.tag == _BOOL and node.value.lower() not in _TRUE_FALSE:
        return (f"« {written} » : YAML le lirait comme « {'vrai' if _as_yaml_11(node) else 'faux'} »",
                "écrivez true ou false, ou mettez la valeur entre guillemets si c'est un texte")
    return None


def _as_yaml_11(node):
    """What PyYAML makes of a scalar (only called on short ones: no 4,300-digit integer)."""
    try:
        value = _Loader("").construct_object(node)
    except Exception:  # noqa: BLE001 - `!!int abc`
        return "une autre valeur"
    return value if isinstance(value, bool) else f"{value:g}" if isinstance(value, float) else str(value)


def dotted(loc: tuple) -> str:
    """("events", 0, "date") -> "events[0].date", the way fields are named in messages."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


