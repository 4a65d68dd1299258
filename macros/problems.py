"""Content problems: what a contributor is told when a YAML file is wrong.

Every check of the content (YAML syntax, the model, references) reports a
`Problem`; all of them are collected before anything is rendered, and printed
as ``file:line:column: field: message`` in French.

Messages quote what contributors wrote, and land in a terminal and in the CI
log: `inert` shows every control character escaped, so that a quoted value
can neither break the line, nor colour or rewrite the terminal, nor start a
GitHub workflow command (`::error …`, `::stop-commands::…`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SEVERITY_WORDS = {"error": "erreur", "warning": "avertissement"}

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional
# controls that reorder what a terminal shows ("Trojan Source"); and lone surrogates:
# a file name that is not UTF-8 reaches Python with its bytes as U+DC80–U+DCFF, which
# no UTF-8 output can write (UnicodeEncodeError)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def inert(text: str) -> str:
    """`text` on one line, every control character written as an escape (\\n, \\x1b, \\u202e),
    and the bytes of a file name that is not UTF-8 as \\xe9."""
    def escape(match: re.Match) -> str:
        char = match.group()
        if 0xDC80 <= ord(char) <= 0xDCFF:  # the byte os.fsdecode could not read
            return f"\\x{ord(char) - 0xDC00:02x}"
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
    text = _UNSAFE.sub(escape, str(text))
    return " " + text if text.startswith("::") else text


QUOTE_LIMIT = 80  # characters of a contributor's value quoted in a message


def shown(value, limit: int = QUOTE_LIMIT) -> str:
    """A contributor's value as a message quotes it: at most `limit` characters, then
    « … (N caractères) »; a whole number too long to write (Python refuses beyond
    4,300 digits, and nobody reads 40) is told by its number of digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        digits = int((value.bit_length() - 1) * 0.30102999566398) + 1
        digits += abs(value) >= 10 ** digits
        return f"nombre de {digits:,} chiffres".replace(",", "\u202f")
    text = "true" if value is True else "false" if value is False else "" if value is None else str(value)
    if len(text) <= limit:
        return text
    return text[:limit - 1] + "… (" + f"{len(text):,}".replace(",", "\u202f") + " caractères)"


# a message and its hint, as every problem is written (the contribution form too)
HINTED = "{message} — conseil : {hint}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops the build, "warning" does not

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        subject = f" {in_words(self.field)}:" if self.field else ""
        label = "" if self.is_error else f" {SEVERITY_WORDS[self.severity]}:"
        text = f"{where}:{label}{subject} {self.message}"
        if self.hint:
            text += HINTED.format(message="", hint=self.hint)  # a dash, not parentheses: hints may hold some
        return inert(text)

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        kind = "error" if self.is_error else "warning"

        def esc(value: str) -> str:
            return inert(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        message = HINTED.format(message=self.message, hint=self.hint) if self.hint else self.message
        title = in_words(self.field) if self.field else "contenu"
        return (
            f"::{kind} file={esc_prop(self.path)},line={self.line},col={self.column},"
            f"title={esc_prop(title)}::{esc(message).lstrip()}"
        )


# the item a list field holds, as a contributor names it: (noun, feminine)
_ITEMS = {
    "sources": ("source", True), "excerpts": ("extrait", False), "organisations": ("organisation", True),
    "contacts": ("contact", False), "phases": ("phase", True), "sites": ("site", False),
    "organisers": ("organisateur", False), "topics": ("notion", True), "lessons": ("enseignement", False),
    "testimonials": ("témoignage", False), "continuum": ("position du continuum", True),
}
_INDEXED = re.compile(r"(?<![A-Za-z_])([A-Za-z_]+)\[(\d+)\]")  # from a name's start only: linear


def in_words(field: str) -> str:
    """A field's place as a contributor says it: "sources[0].excerpts[1]" -> "2e extrait de la
    1re source", "testimonials[2].quote.fr" -> "quote.fr du 3e témoignage"; a field without a
    position is left as written ("title.fr")."""
    items = list(_INDEXED.finditer(field))
    if not items:
        return field
    words, feminine = [], False
    for match in items:
        noun, feminine = _ITEMS.get(match.group(1), (match.group(1), False))
        number = int(match.group(2)) + 1
        ordinal = f"{number}{'re' if feminine else 'er'}" if number == 1 else f"{number}e"
        words.append((f"{ordinal} {noun}", feminine))
    text = words[-1][0]
    for (phrase, is_feminine) in reversed(words[:-1]):
        text += f" {'de la' if is_feminine else 'du'} {phrase}"
    rest = field[items[-1].end():].lstrip(".")
    before = field[:items[0].start()].rstrip(".")
    if rest:
        text = f"{rest} {'de la' if words[-1][1] else 'du'} {text}"
    return f"{before} : {text}" if before else text


class ContentError(Exception):
    """Raised when the content has at least one error; carries all problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len([p for p in self.problems if p.is_error])
        lines = "\n".join(p.format() for p in self.problems)
        super().__init__(f"{count_errors(count)} dans le contenu :\n{lines}")


def count_errors(count: int) -> str:
    return f"{count} erreur{'s' if count > 1 else ''}"


def display_path(path: Path, root: Path) -> str:
    """A path as a contributor knows it: relative to the repository when inside it.
    Links are not followed: a link is shown where it stands, not where it leads."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if path.is_relative_to(root):
        return inert(path.relative_to(root).as_posix())
    return inert(path.as_posix())

