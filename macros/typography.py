"""French typography, applied to the final HTML of the French pages.

The rules (Lexique des règles typographiques en usage à l'Imprimerie nationale):
  - a narrow no-break space (U+202F) before ; ! ? and inside « »;
  - a no-break space (U+00A0) before :;
  - the typographic apostrophe ’ rather than ';
  - « 1er », « 1re » with the letters raised: 1<sup>er</sup>.

Only text is changed, never markup: the page is read by the standard library's
HTML parser (a real tokenizer, not regular expressions over the markup), and
every tag, attribute, comment and entity is written back byte for byte. Text
is left alone inside <code>, <pre>, <kbd>, <samp>, <script>, <style>,
<textarea>, and inside any element whose `lang` is not French (a quotation in
English keeps its own typography). URLs written in the text (https://…,
www.…) and times (14:30) are kept as they are.

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
from html.parser import HTMLParser

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
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:)[^\s<>«»\"]*[^\s<>«».,;:!?)\"']", re.I)
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


class _Rewriter(HTMLParser):
    """Reads the page and notes the changes its prose text needs; the rest of the
    source (tags, attributes, comments, entities) is never rewritten.

    The parser tells where each token ends (updatepos): a text's place in the source
    is known when its end is, and only texts the rules change are replaced."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.stack: list[tuple[str, bool]] = []  # (tag, opens a region to skip)
        self.open: dict[str, int] = {}  # how many of each tag are open
        self.skipping = 0
        self.text_only = 0
        self._base = 0          # where the parser's buffer starts in the source
        self._at = 0            # where the next token starts in that buffer
        self._text = None       # text just read: (its start, decoded value, prose?, may take <sup>?)
        self._previous = " "    # the last character of text read, for »
        self.changes: list[tuple[int, int, str]] = []  # (start, end, new text)

    def updatepos(self, i: int, j: int) -> int:
        """Called by the parser after each token: where the next one starts (in place
        of its own line and column count, which nothing here needs)."""
        if self._text is not None:
            self._text_ends(self._base + j)
        self._at = j
        return j

    def rewrite(self) -> str:
        self.feed(self.source)
        # the parser keeps what it could not finish yet, and reads it again on close()
        self._base, self._at = len(self.source) - len(self.rawdata), 0
        self.close()
        out, copied = [], 0
        for start, end, text in self.changes:
            out += [self.source[copied:start], text]
            copied = end
        out.append(self.source[copied:])
        return "".join(out)

    def _text_ends(self, end: int) -> None:
        start, data, prose, markup = self._text
        self._text = None
        if not data.strip():
            return
        if not prose or not (_TRIGGERS.search(data) or "1" in data):
            self._previous = data[-1]
            return
        text = self._french(data, markup)
        if text != self.source[start:end]:
            self.changes.append((start, end, text))

    def _french(self, data: str, markup: bool) -> str:
        text = french_text(data)
        # a » opening this text closes a quotation begun in an earlier element,
        # a « closing it opens one that goes on in the next
        if text.startswith("»") and self._previous not in WHITE:
            text = NNBSP + text
        if text.endswith("«"):
            text += NNBSP
        self._previous = text[-1]
        escaped = html.escape(text, quote=False)
        return _ORDINAL.sub(r"1<sup>\1</sup>", escaped) if markup else escaped

    # --- events ----------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        skip = tag in SKIPPED or (lang is not None and not lang.lower().startswith("fr"))
        self.stack.append((tag, skip))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skipping += skip
        self.text_only += tag in TEXT_ONLY

    def handle_endtag(self, tag):
        if not self.open.get(tag):
            return  # a stray end tag: browsers ignore it
        while self.stack:
            open_tag, skip = self.stack.pop()
            self.open[open_tag] -= 1
            self.skipping -= skip
            self.text_only -= open_tag in TEXT_ONLY
            if open_tag == tag:
                break

    def handle_startendtag(self, tag, attrs):
        pass  # <x/> opens nothing (the parser would open and close it)

    def handle_data(self, data):
        self._text = (self._base + self._at, data, not self.skipping, not self.text_only)


def french_html(source: str) -> str:
    """The page with French typography in its prose, and nothing else changed."""
    return _Rewriter(source).rewrite()


# Where a Material page divides into parts that open outside any code, script,
# SVG or other-language element: each part is rewritten on its own. The menu,
# header and footer come out the same on many pages (every site page, when the
# sites are not listed in the menu): a part already seen is not parsed again.
# The parts that differ from page to page are cut small (the title, the skip link, the
# language links) so that the rest is shared.
_PARTS = re.compile(r'(?=<meta name="description"|<link rel="icon"|<link rel="stylesheet"'
                    r'|<div data-md-component="skip"|<div data-md-component="announce"'
                    r'|<header class="md-header"|<div class="md-header__title"|<form class="md-header__option"'
                    r'|<div class="md-header__option"|<a href="[^"<>]*" class="md-header__button md-icon qic-search-link"'
                    r'|<div class="md-container"|<div class="md-sidebar md-sidebar--secondary"'
                    r'|<div class="md-content"|<footer class="md-footer")')


@functools.lru_cache(maxsize=512)
def _french_part(part: str) -> str:
    return french_html(part)


def french_page(page: str) -> str:
    """french_html for a whole Material page, part by part (same result, less work)."""
    parts = _PARTS.split(page)
    return "".join(_french_part(part) if len(part) < 65536 else french_html(part) for part in parts)
