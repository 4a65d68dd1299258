"""The rules the contribution form applies in the browser, generated from the Python ones.

The form (overrides/assets/form.js, with the checks of overrides/assets/form-rules.js)
writes no rule of its own: each pattern it tests is one of macros/values.py,
macros/dates.py, macros/model.py, macros/unfilled.py or macros/typography.py,
translated here into a JavaScript regular expression that means the same
(tests/test_form_rules.py runs both engines on the same values), and each message
comes from macros/form_messages.py. What differs between the two engines is
translated, never approximated:

  - Python's \\w, \\s, \\d, \\b are Unicode-aware, JavaScript's are ASCII: they become
    the explicit classes of Python's own Unicode data (the same version as the check's);
  - Python's ``.`` and ``$`` treat only "\\n" as a line end; ``(?P<name>`` is ``(?<name>``;
  - an escape JavaScript's "u" mode refuses (``\\"``) is written as the bare character.

The excerpt check (excerpt_rules) is sent the same way: provenance.NORMALISING's
steps with their patterns translated, the « […] » pattern and the token pattern,
so that the browser normalises and cuts an excerpt as macros/provenance.py does
(tests/test_excerpt_check.py compares both on thousands of strings).
"""
from __future__ import annotations

import array
import functools
import re
import sys
import unicodedata

from . import dates, fingerprints, model, names, provenance, typography, unfilled, values

_SYNTAX = set("^$\\.*+?()[]{}|/")


@functools.lru_cache(maxsize=1)
def _every_character() -> str:
    """Every code point, in order (the surrogates too), decoded at once from UTF-32."""
    return array.array("I", range(sys.maxunicode + 1)).tobytes().decode("utf-32-le", "surrogatepass")


@functools.lru_cache(maxsize=1)
def _printable() -> bytes:
    """One byte per code point, 1 where Python's str.isprintable accepts it: Unicode's
    Other (Cc, Cf, Co, Cn, Cs) and Separator (Zs, Zl, Zp) categories are refused, but
    the ASCII space. (Read so rather than category by category: a tenth of the time.)"""
    return bytes(map(str.isprintable, _every_character()))


@functools.cache
def _ranges(name: str) -> str:
    """A character class body (no brackets) for one of Python's character sets, from
    Python's own Unicode data (the version the check runs with)."""
    every = _every_character()
    if name in ("w", "s", "d"):  # what Python's re itself takes for \w, \s, \d
        found = [(m.start(), m.end() - 1) for m in re.finditer("\\" + name + "+", every)]
    else:  # values.hidden_character's characters, or values.visible's (spaces too)
        categories = set(values._HIDDEN_CATEGORIES) | ({"Zs", "Zl", "Zp"} if name == "invisible" else set())
        assert categories >= {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}, "the Other and line separators"
        marks = bytearray(_printable().translate(bytes.maketrans(b"\x00\x01", b"!.")))
        for char in re.findall(r"\s", every):  # Zs, the one category of non-printable ones left to tell
            if unicodedata.category(char) == "Zs":
                marks[ord(char)] = ord("!" if "Zs" in categories else ".")
        for code in range(128):
            marks[code] = ord("!" if values._ASCII_CONTROL.match(chr(code)) else ".")
        for char in values._BLANK_LETTERS:
            marks[ord(char)] = ord("!")
        found = [(m.start(), m.end() - 1) for m in re.finditer(rb"!+", marks)]
    return "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in found)


def _char(code: int) -> str:
    if 0x20 < code < 0x7F and chr(code).isalnum():
        return chr(code)
    return f"\\u{{{code:X}}}"


# the large classes are sent once (form data: "classes") and named in the patterns by
# \q{name}, an escape neither Python nor JavaScript has: form-rules.js puts them back
SHARED = ("w", "hidden", "invisible")


def _set(name: str) -> str:
    return f"\\q{{{name}}}" if name in SHARED else _ranges(name)


def _boundary(negated: bool) -> str:
    word = f"[{_set('w')}]"
    if negated:
        return f"(?:(?<={word})(?={word})|(?<!{word})(?!{word}))"
    return f"(?:(?<={word})(?!{word})|(?<!{word})(?={word}))"


def translate(source: str) -> str:
    """A Python regular expression (no inline flags, no possessive or atomic parts) as
    the JavaScript source that matches the same strings under the "u" flag."""
    out: list[str] = []
    at, in_class = 0, False
    while at < len(source):
        char = source[at]
        if char == "\\":
            piece, at = _escape(source, at, in_class)
        elif in_class:
            if char == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
            piece, at = char, at + 1
        elif char == "[":
            in_class = True
            piece, at = _class_start(source, at)
        else:
            piece, at = _outside_class(source, at)
        out.append(piece)
    return "".join(out)


def _escape(source: str, at: int, in_class: bool) -> tuple[str, int]:
    """The translation of the escape at source[at] (its backslash), and where what
    follows it starts."""
    code = source[at + 1]
    at += 2
    if code == "x":
        return "\\x" + source[at:at + 2], at + 2
    if code == "u":
        return "\\u" + source[at:at + 4], at + 4
    if code == "U":
        return f"\\u{{{int(source[at:at + 8], 16):X}}}", at + 8
    return _escaped_character(source, code, in_class), at


def _escaped_character(source: str, code: str, in_class: bool) -> str:
    """The translation of \\<code>, an escape of one character after the backslash."""
    if code in "wsdWSDbB":
        return _set_escape(source, code, in_class)
    if code == "A":
        return "^"
    if code == "Z":
        return "$"
    if code in "ntrfv0123456789":
        return "\\" + code
    if code.isalnum():
        raise ValueError(f"{source!r}: the escape \\{code} has no translation")
    if code in _SYNTAX or (in_class and code == "-"):
        return "\\" + code
    return code  # \" or \# : the character itself


def _set_escape(source: str, code: str, in_class: bool) -> str:
    """The translation of \\w, \\s, \\d, their negations \\W, \\S, \\D, and \\b, \\B."""
    if code in "wsd":
        return _set(code) if in_class else f"[{_set(code)}]"
    if code in "WSD":
        if in_class:
            raise ValueError(f"{source!r}: a negated set inside a class has no translation")
        return f"[^{_set(code.lower())}]"
    if code == "b":
        return "\\x08" if in_class else _boundary(False)
    return _boundary(True)


def _class_start(source: str, at: int) -> tuple[str, int]:
    """The opening of the character class at source[at] ("[" or "[^"), and where its
    body starts."""
    if source.startswith("[^", at):
        start, at = "[^", at + 2
    else:
        start, at = "[", at + 1
    if source[at] == "]":  # a first "]" is a character in Python
        return start + "\\]", at + 1
    return start, at


# the characters outside a class that mean something else in JavaScript
_OUTSIDE_CLASS = {"}": "\\}", "]": "\\]", ".": "[^\\n]", "$": "(?=\\n?$)"}


def _outside_class(source: str, at: int) -> tuple[str, int]:
    """The translation of what starts at source[at], outside any character class
    (not an escape), and where what follows it starts."""
    char = source[at]
    if char == "(" and source.startswith("(?", at):
        group = _group_start(source, at)
        if group is not None:
            return group
    if char in "*+?" and source.startswith("+", at + 1):
        raise ValueError(f"{source!r}: possessive quantifiers have no translation")
    if char == "{":
        return _repetition(source, at)
    return _OUTSIDE_CLASS.get(char, char), at + 1


def _group_start(source: str, at: int) -> tuple[str, int] | None:
    """A named group "(?P<" or back-reference "(?P=name)" at source[at], translated,
    and where what follows it starts; None for the groups both engines write alike."""
    rest = source[at + 2:]
    if rest.startswith("P<"):
        return "(?<", at + 4
    if rest.startswith("P="):
        end = source.index(")", at)
        return f"\\k<{source[at + 4:end]}>", end + 1
    if not rest.startswith((":", "=", "!", "<=", "<!")):
        raise ValueError(f"{source!r}: the group {source[at:at + 4]}… has no translation")
    return None


def _repetition(source: str, at: int) -> tuple[str, int]:
    """A "{m,n}" quantifier at source[at], or a literal "{", and where what follows starts."""
    quantifier = re.match(r"\{\d+(?:,\d*)?\}", source[at:])
    if not quantifier:
        return "\\{", at + 1
    end = at + quantifier.end()
    if source.startswith("+", end):
        raise ValueError(f"{source!r}: possessive quantifiers have no translation")
    return quantifier.group(), end


def js(pattern: re.Pattern, how: str = "search", every: bool = False) -> list[str]:
    """[source, flags] of the JavaScript expression that does what `pattern.<how>` does
    in Python ("search", "match": at the start, "fullmatch": the whole string);
    `every`: for a replacement of every match (Python's sub)."""
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        raise ValueError(f"{pattern.pattern!r}: flags without a translation")
    source = translate(pattern.pattern)
    if how == "match":
        source = f"^(?:{source})"
    elif how == "fullmatch":
        source = f"^(?:{source})$"
    flags = "u" + ("i" if pattern.flags & re.IGNORECASE else "") + ("g" if every else "")
    return [source, flags]


def _replacement(python: str) -> str:
    """A replacement of Python's re.sub (\\1 for the first group) as JavaScript's
    String.replace reads it ($1; a "$" written $$)."""
    if re.search(r"\\(?!\d)", python):
        raise ValueError(f"{python!r}: only group references (\\1) have a translation")
    return re.sub(r"\\(\d)", r"$\1", python.replace("$", "$$"))


def _step(step: tuple) -> list:
    """One of provenance.NORMALISING's steps, for the form (its patterns translated)."""
    if step[0] == "sub":
        return ["sub", js(step[1], every=True), _replacement(step[2])]
    if step[0] == "strip":
        return ["strip"]  # str.strip: the characters of "space"
    return list(step)


def excerpt_rules() -> dict:
    """How an excerpt is checked against its source's fingerprint (macros/provenance.py,
    macros/fingerprints.py): the normalising steps, the « […] » between its parts, the
    tokens and the shingles' sizes; form-rules.js only runs them."""
    return {
        "normalising": [_step(step) for step in provenance.NORMALISING],
        "gap": js(provenance.GAP, every=True),  # for split: no group, so the parts only
        "token": js(fingerprints.TOKEN, every=True),
        "sizes": list(fingerprints.SIZES),
        "bytes": fingerprints.HASH_BYTES,
        "format": fingerprints.FORMAT, "hash": fingerprints.HASH,
        "folder": fingerprints.PUBLISHED,
    }


def rules() -> dict:
    """What the form's checks need, from the Python checks (form-rules.js reads it)."""
    return {
        "classes": {name: _ranges(name) for name in SHARED},
        "space": _ranges("s"),  # what Python's strip() removes
        "quoted": values.QUOTED,
        "spelled": names.SPELLED,  # names.id_from: letters no decomposition turns into ASCII
        "what": values.WHAT,
        "id": {"pattern": js(values.ID, "fullmatch"), "max": values.MAX_ID, "schema": values.ID_PATTERN,
               "reserved": {kind: sorted(ids) for kind, ids in model.RESERVED_IDS.items()}},
        # values.hidden_character and values.visible test characters one by one: their sets
        "text": {"max": values.MAX_TEXT, "hidden": ["[\\q{hidden}]", "u"], "invisible": ["[\\q{invisible}]", "ug"]},
        "url": {"max": values.MAX_URL, "refused": list(values.URL_REFUSED),
                "start": js(values.URL_START, "match"), "forbidden": js(values._URL_FORBIDDEN)},
        "email": {"max": values.MAX_EMAIL, "pattern": js(values.EMAIL, "fullmatch")},
        "phone": {"max": values.MAX_PHONE, "separators": js(values.PHONE_SEPARATORS, every=True),
                  "national": js(values.PHONE_NATIONAL, "fullmatch"),
                  "international": js(values.PHONE_INTERNATIONAL, "fullmatch")},
        "date": {"pattern": js(dates._PATTERN, "match"), "first": dates.FIRST_YEAR, "last": dates.LAST_YEAR},
        "number": js(values.NUMBER, "fullmatch"),
        "excerpt": {"min": model.EXCERPT_MIN, **excerpt_rules()},
        "placeholder": js(unfilled.PLACEHOLDERS),
        "typography": {
            "triggers": js(typography._TRIGGERS),
            "url": js(typography._URL, every=True),
            "rules": [js(pattern, every=True) + [replacement] for pattern, replacement in typography._RULES],
        },
    }
