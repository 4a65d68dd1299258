"""French typography, applied to the final HTML of the French pages; and the one rule
English shares with it, the typographic apostrophe (France’s), on the English pages.

The rules (Lexique des règles typographiques en usage à l'Imprimerie nationale):
  - a narrow no-break space (U+202F) before ; ! ? and inside « »;
  - a no-break space (U+00A0) before :;
  - the typographic apostrophe ’ rather than ';
  - « 1er », « 1re » with the letters raised: 1<sup>er</sup>.

Only text is changed, never markup: every tag, attribute, comment and entity is
written back byte for byte, and only the texts the rules change are spliced in.
Text is left alone inside <code>, <pre>, <kbd>, <samp>, <script>, <style>,
<textarea>, and inside any element whose `lang` is not French (a quotation in
English keeps its own typography). URLs written in the text (https://…,
www.…) and times (14:30) are kept as they are.

The page is read by one regular expression that knows the three things our
build writes (comments, tags whose attribute values may hold « > » in quotes,
and text) and passes over, without a Python step, every tag that opens no
region and every text without a sign the rules change. The pages are valid
HTML (the Nu HTML Checker reads every one in the tests), which is what this
reading needs; on the built site it gives the same result as the standard
library's HTML parser, at a fifth of its cost.

English pages get only the apostrophe, and only between two letters (France's,
Condé-sur-l'Escaut), where it can be nothing else: a straight quote opening or
closing a quotation is left alone. The same reading of the page is used, so tags,
attributes and code are never touched; French quoted there (lang="fr") gets the
same apostrophe, text in any other language none.

Spaces are only ever made unbreakable where one already stands (a space typed
before « : » becomes U+00A0): none is added before ; ! ? : where the text has
none, since a title quoted in English on a French page ("Who Cares?") keeps
its own spelling. Guillemets are French-only marks: a missing space inside
them is added.
"""
from __future__ import annotations

import functools
import html
import re

NNBSP = "\u202f"  # narrow no-break space (espace fine insécable)
NBSP = "\u00a0"   # no-break space (espace insécable)

# elements whose text is not prose (or not ours to change)
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var", "math"}
# elements whose content is text only, or SVG: no <sup> may be added there
TEXT_ONLY = {"title", "option", "textarea", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen"}

_BREAKABLE = "[ \t\r\n]+"  # the spaces a browser may break a line at (not U+00A0, U+202F)
# a run of them matched from its first space only: without the look-behind, a long run
# not followed by the sign is tried again from each of its spaces (quadratic time)
_RUN = "(?<![ \t\r\n])" + _BREAKABLE
# A scheme is at most 64 characters (the longest registered ones have about 30): unbounded,
# a word like « a.a.a.… » with no « :// » is read again to its end from each of its letters
# (quadratic time; 60,000 characters took 20 s).
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{0,63}://|\bwww\.|\bmailto:)[^\s<>«»\"]*[^\s<>«».,;:!?)\"']", re.I)
_RULES = [
    (re.compile(_RUN + r"(?=[;!?])"), NNBSP),
    (re.compile(_RUN + r"(?=:)"), NBSP),
    (re.compile(r"«" + _BREAKABLE), "«" + NNBSP),
    (re.compile(_RUN + r"»"), NNBSP + "»"),
    (re.compile(r"«(?=[^\s\u00a0\u202f])"), "«" + NNBSP),
    (re.compile(r"(?<=[^\s\u00a0\u202f])»"), NNBSP + "»"),
    (re.compile(r"(?<=\w)'|'(?=\w)"), "’"),
]
WHITE = " \t\r\n\u00a0\u202f"
_ORDINAL = re.compile(r"(?<![\w.,])1(ers?|res?)(?!\w)")


_TRIGGERS = re.compile(r"[;:!?«»']")


@functools.lru_cache(maxsize=4096)  # the menu, header and footer repeat on every page
def french_text(text: str) -> str:
    """The typographic rules applied to plain text (no markup added)."""
    if not _TRIGGERS.search(text):
        return text
    parts = _URL.split(text)
    urls = _URL.findall(text)
    out = []
    for index, part in enumerate(parts):
        for pattern, replacement in _RULES:
            part = pattern.sub(replacement, part)
        out.append(part)
        if index < len(urls):
            out.append(urls[index])
    return "".join(out)


# --- the page ------------------------------------------------------------------------

_REGIONS = "|".join(sorted(SKIPPED | TEXT_ONLY))
# A quotation, a tag or a comment left open runs to the end of the page, as in a browser
# (which shows nothing of it): read as « not closed here », each of many open ones would
# be read again to the end (quadratic time). Valid pages, ours, close them all.
_QUOTED = r"""(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))"""
_END = r"(?:>|\Z)"
_COMMENT = r"<!--.*?(?:-->|\Z)"
_ATTRIBUTES = rf"""[^>"']*+(?:{_QUOTED}[^>"']*+)*+"""
# the same, with no lang attribute among them
_ATTRIBUTES_NO_LANG = rf"""[^>"'\s]*+(?:(?:\s(?!(?i:lang)\s*=)|{_QUOTED})[^>"'\s]*+)*+"""
# From where it starts: what needs no attention (comments, end tags, start tags that open
# no region, texts without a sign the rules change or an entity), then one thing that
# may: a start tag that opens a region, a text, or a lone « < ».
_SCAN = re.compile(rf"""
    (?: {_COMMENT}
      | </[a-zA-Z][^>]*+{_END}
      | <(?!(?i:{_REGIONS})[\s/>])[a-zA-Z!?]{_ATTRIBUTES_NO_LANG}{_END}
      | [^<;:!?«»'1&]++(?=<|\Z)
    )*+
    (?: (?P<tag><[a-zA-Z]{_ATTRIBUTES}{_END}) | (?P<text>[^<]+) | < )
""", re.S | re.X)
_MARKUP = re.compile(rf"{_COMMENT}|<[a-zA-Z/!?]{_ATTRIBUTES}{_END}", re.S)
_NAME = re.compile(r"<([a-zA-Z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_RAW_TEXT = {"script", "style"}  # their content ends at the first end tag


def french_html(source: str) -> str:
    """The page with French typography in its prose, and nothing else changed."""
    out: list[str] = []
    _rewrite(source, 0, len(source), True, out, "fr")
    return "".join(out)


def english_html(source: str) -> str:
    """The English page with the typographic apostrophe in its prose (between two
    letters), and nothing else changed."""
    out: list[str] = []
    _rewrite(source, 0, len(source), False, out, "en")
    return "".join(out)


def _rewrite(source: str, start: int, stop: int, markup: bool, out: list[str], lang: str) -> None:
    """Appends source[start:stop] to out, its prose in the typography of `lang`;
    `markup` says whether <sup> may be added (not in <title>, <option>, SVG)."""
    node = _french_node if lang == "fr" else _english_node
    at = copied = start
    while at < stop and (match := _SCAN.match(source, at, stop)):
        at = match.end()
        if match["text"] is not None:
            text = node(source, match.start("text"), match["text"], markup)
            if text is not None:
                out += [source[copied:match.start("text")], text]
                copied = at
        elif match["tag"] is not None and (region := _region(match["tag"], _APPLIES_TO[lang])):
            name, skip = region
            inner, at = _region_end(source, name, at, stop)
            if not skip:  # text only: rewritten without markup
                out.append(source[copied:match.end()])
                _rewrite(source, match.end(), inner, False, out, lang)
                copied = inner
    out.append(source[copied:stop])


def _french_node(source: str, start: int, raw: str, markup: bool) -> str | None:
    """The text node as it must be written, or None if it stays as it is."""
    data = html.unescape(raw)
    if not (_TRIGGERS.search(data) or "1" in data) or not data.strip():
        return None
    text = french_text(data)
    # a » opening this text closes a quotation begun in an earlier element,
    # a « closing it opens one that goes on in the next
    if text.startswith("»") and _previous_character(source, start) not in WHITE:
        text = NNBSP + text
    if text.endswith("«"):
        text += NNBSP
    text = html.escape(text, quote=False)
    if markup:
        text = _ORDINAL.sub(r"1<sup>\1</sup>", text)
    return None if text == raw else text


# the languages whose text each pass changes: French rules only in French; the apostrophe
# between two letters in English, and in French quoted on an English page
_APPLIES_TO = {"fr": ("fr",), "en": ("en", "fr")}
_LETTER = r"[^\W\d_]"
_APOSTROPHE = re.compile(rf"(?<={_LETTER})'(?={_LETTER})")


def _english_node(source: str, start: int, raw: str, markup: bool) -> str | None:
    """The text node with ’ for each ' between two letters (one of them may end the
    text before, or begin the text after: <strong>Tamarack</strong>'s), or None."""
    data = html.unescape(raw)
    if "'" not in data:
        return None
    text = _APOSTROPHE.sub("’", data)
    if text.startswith("'") and _LETTER_AT.match(text, 1) and _LETTER_AT.match(_previous_character(source, start)):
        text = "’" + text[1:]
    if text.endswith("'") and _LETTER_AT.match(text, len(text) - 2) and _LETTER_AT.match(
            _next_character(source, start + len(raw))):
        text = text[:-1] + "’"
    text = html.escape(text, quote=False)
    return None if text == html.escape(data, quote=False) else text


_LETTER_AT = re.compile(_LETTER)


def _region(tag: str, langs: tuple[str, ...]) -> tuple[str, bool] | None:
    """(name, skipped?) if the start tag opens an element whose text is skipped (code,
    or a language not among `langs`) or takes no markup; None otherwise."""
    found = _NAME.match(tag)
    if found is None:  # pragma: no cover - the scanner only hands over tags that start with a name
        return None
    name = found[1].lower()
    if name in VOID or tag.endswith("/>"):
        return None
    value = next((double or single or bare for key, double, single, bare in _ATTRIBUTE.findall(tag, len(name) + 1)
                  if key.lower() == "lang"), None)
    skip = name in SKIPPED or (value is not None and not html.unescape(value).lower().startswith(langs))
    return (name, skip) if skip or name in TEXT_ONLY else None


@functools.lru_cache(maxsize=32)
def _bounds(name: str) -> re.Pattern:
    """The element's end tags and, for nesting, its start tags."""
    if name in _RAW_TEXT:
        return re.compile(rf"</{name}(?=[\s/>])[^>]*+{_END}", re.IGNORECASE)
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>]){_ATTRIBUTES}{_END}", re.IGNORECASE)


def _region_end(source: str, name: str, start: int, stop: int) -> tuple[int, int]:
    """Where the element opened just before `start` ends: (its end tag's start, end)."""
    depth = 1
    for match in _bounds(name).finditer(source, start, stop):
        if name in _RAW_TEXT or match[1]:
            depth -= 1
        elif not match[0].endswith("/>"):
            depth += 1
        if not depth:
            return match.start(), match.end()
    return stop, stop


def _previous_character(source: str, start: int) -> str:
    """The last character of the text before `start` (blank texts passed over), as
    the rules left it: a « there is followed by a space."""
    for text in reversed(_MARKUP.split(source[max(0, start - 4000):start])):
        text = html.unescape(text)
        if text.strip():
            return NNBSP if text.endswith("«") else text[-1]
    return " "


def _next_character(source: str, stop: int) -> str:
    """The first character of the text after `stop` (blank texts passed over)."""
    for text in _MARKUP.split(source[stop:stop + 4000]):
        text = html.unescape(text)
        if text.strip():
            return text[0]
    return " "
