"""French typography (issue 14 §3): the filter alone, then the whole built site."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.typography import NBSP, NNBSP, english_html, french_html, french_text


# --- the filter ----------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!"),
    ("Note : voir", f"Note{NBSP}: voir"),
    ("« impact collectif »", f"«{NNBSP}impact collectif{NNBSP}»"),
    ("«impact»", f"«{NNBSP}impact{NNBSP}»"),
    ("l'approche d'aujourd'hui", "l’approche d’aujourd’hui"),
    (f"déjà{NBSP}: espacé", f"déjà{NBSP}: espacé"),
    ("à 14:30", "à 14:30"),
    ("voir https://exemple.fr/a?b=c;d et www.anct.gouv.fr/x?y", "voir https://exemple.fr/a?b=c;d et www.anct.gouv.fr/x?y"),
    ("Who Cares?", "Who Cares?"),  # no space added where none is typed
])
def test_french_text(before, after):
    assert french_text(before) == after


def test_only_prose_changes_and_markup_is_kept_byte_for_byte():
    page = ('<!doctype html><html lang="fr"><head><title>Le 1er site ?</title>'
            '<meta name="description" content="Note : l\'approche ?">'
            '<script type="application/ld+json">{"name": "Note : l\'a ?"}</script>'
            '<style>a::before { content: " : "; }</style></head>'
            '<body><p title="a : b">Le 1er octobre : l\'ANCT &amp; <a href="/x?q=a ;b">« lien »</a> !</p>'
            '<pre><code>x = a ? b : c</code></pre><!-- a : b -->'
            '<blockquote lang="en">Who cares ? It\'s ours</blockquote>'
            '<svg><text>1er : x</text></svg><p>a &lt; b ; c</p></body></html>')
    assert french_html(page) == (
        '<!doctype html><html lang="fr"><head><title>Le 1er site\u202f?</title>'
        '<meta name="description" content="Note : l\'approche ?">'
        '<script type="application/ld+json">{"name": "Note : l\'a ?"}</script>'
        '<style>a::before { content: " : "; }</style></head>'
        f'<body><p title="a : b">Le 1<sup>er</sup> octobre{NBSP}: l’ANCT &amp; <a href="/x?q=a ;b">«{NNBSP}lien{NNBSP}»</a>{NNBSP}!</p>'
        '<pre><code>x = a ? b : c</code></pre><!-- a : b -->'
        '<blockquote lang="en">Who cares ? It\'s ours</blockquote>'
        f'<svg><text>1er{NBSP}: x</text></svg><p>a &lt; b{NNBSP}; c</p></body></html>')


def test_quotation_marks_across_elements():
    assert french_html("<p>«<em>mot</em>»</p>") == f"<p>«{NNBSP}<em>mot</em>{NNBSP}»</p>"


def test_a_page_without_french_prose_is_unchanged():
    page = '<html><body><pre>a : b</pre><p lang="en">Hello : world ?</p></body></html>'
    assert french_html(page) == page


def test_english_gets_the_apostrophe_between_two_letters_and_nothing_else():
    page = ('<html lang="en"><head><title>France\'s sites</title>'
            '<meta name="description" content="France\'s &#39;sites&#39;"></head>'
            '<body><p title="it\'s" data-x=\'a"b\'>Condé-sur-l\'Escaut &amp; \'quoted\' rock&#39;n&#39;roll '
            '<strong>Tamarack</strong>\'s l\'<em>Escaut</em> 1990\'s programmes\' end</p>'
            '<a href="/x?a=b\'c">don\'t</a><code>it\'s</code><pre>l\'x</pre>'
            '<script>var a = \'b\'c\';</script><div lang="fr">l\'ANCT : x</div><q lang="de">Rock\'n</q>'
            '</body></html>')
    assert english_html(page) == (
        '<html lang="en"><head><title>France’s sites</title>'
        '<meta name="description" content="France\'s &#39;sites&#39;"></head>'
        '<body><p title="it\'s" data-x=\'a"b\'>Condé-sur-l’Escaut &amp; \'quoted\' rock’n’roll '
        '<strong>Tamarack</strong>’s l’<em>Escaut</em> 1990\'s programmes\' end</p>'
        '<a href="/x?a=b\'c">don’t</a><code>it\'s</code><pre>l\'x</pre>'
        '<script>var a = \'b\'c\';</script><div lang="fr">l’ANCT : x</div><q lang="de">Rock\'n</q>'
        '</body></html>')
    # only the apostrophe: no French space or mark; a page without one is returned as it is
    plain = '<p>Why? Note: « x » 1er</p>'
    assert english_html(plain) == plain


# --- the built site --------------------------------------------------------------------

BREAKABLE_BEFORE = re.compile(r"[ \t\r\n]+[;!?:»]|«[ \t\r\n]")
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"}
URL = re.compile(r"(?:[a-z]+://|www\.)\S+", re.I)


class _Prose(HTMLParser):
    """The prose of a page in one language, French by default (text outside code and
    elements in another language)."""

    def __init__(self, lang: str = "fr"):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, skipped with its content?)
        self.texts: list[str] = []
        self.nodes: list[str] = []  # text nodes where markup may go (not <title>, not SVG)

    def handle_starttag(self, tag, attrs):
        if tag in {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"}:
            return
        lang = dict(attrs).get("lang")
        skipped = tag in SKIPPED or (lang is not None and not lang.startswith(self.lang))
        self.stack.append((tag, skipped or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.texts.append(data)
            if not any(tag in ("title", "svg", "option") for tag, _ in self.stack):
                self.nodes.append(data)


def read(path: Path, lang: str = "fr") -> _Prose:
    parser = _Prose(lang)
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def prose(path: Path) -> str:
    # one string, elements joined with nothing: « <em>x</em> » is checked as a whole
    return "".join(read(path).texts)


def french_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0] in ("en", "pagefind"))


def english_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "en").rglob("*.html") if "pagefind" not in p.parts)


def test_no_breakable_space_where_french_typography_forbids_one(site):
    pages = french_pages(site)
    assert len(pages) > 20 and site / "404.html" in pages
    problems = []
    for path in pages:
        text = URL.sub("", prose(path))
        for match in BREAKABLE_BEFORE.finditer(text):
            problems.append(f"{path.relative_to(site)}: …{text[max(0, match.start() - 30):match.end() + 10]!r}")
        for match in re.finditer(r"\w'\w", text):
            problems.append(f"{path.relative_to(site)}: apostrophe droite …{match.group()!r}")
        for node in read(path).nodes:
            if re.search(r"\b1er\b", node):
                problems.append(f"{path.relative_to(site)}: « 1er » sans exposant …{node[-40:]!r}")
    assert problems == [], "\n".join(problems[:40])
    # the rules did apply
    assert NNBSP in prose(site / "index.html") and NBSP in prose(site / "index.html")
    assert "1<sup>er</sup>" in (site / "calendrier" / "index.html").read_text("utf-8")


def test_english_pages_get_no_french_spaces_or_marks(site):
    for path in english_pages(site):
        text = path.read_text("utf-8")
        assert NNBSP not in text and NBSP + ":" not in text, path
        assert "<sup>er</sup>" not in text, path
    # no French space before a colon or a semicolon in the English prose (« Topics : »)
    problems = []
    for path in english_pages(site):
        text = URL.sub("", "".join(read(path, "en").texts))
        problems += [f"{path.relative_to(site)}: …{text[max(0, m.start() - 30):m.end() + 10]!r}"
                     for m in re.finditer(r"\w[ \u00a0\u202f][:;](?=\s)", text)]
    assert problems == [], "\n".join(problems[:20])
    # the apostrophe is the typographic one, as on the French pages
    assert "Montréal’s" in html.unescape((site / "en" / "histoire" / "index.html").read_text("utf-8"))


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list = []

    def handle_starttag(self, tag, attrs):
        self.attributes.append((tag, attrs))


def attributes(markup: str) -> list:
    parser = _Attributes()
    parser.feed(markup)
    parser.close()
    return parser.attributes


def test_english_prose_has_no_straight_apostrophe_between_letters_and_attributes_keep_theirs(site):
    pages = english_pages(site)
    assert len(pages) > 20 and site / "en" / "404.html" in pages
    problems = []
    for path in pages:
        # every text node outside code (French quoted there included), each on its own
        # and joined to its neighbours: <strong>Tamarack</strong>'s
        prose_nodes = read(path, ("en", "fr")).texts
        for text in prose_nodes + ["".join(prose_nodes)]:
            problems += [f"{path.relative_to(site)}: …{text[max(0, m.start() - 30):m.end() + 10]!r}"
                         for m in re.finditer(r"[^\W\d_]'[^\W\d_]", text)]
    assert problems == [], "\n".join(problems[:20])
    # attributes are never changed: the built page with its apostrophes put back straight,
    # passed through the rule again, keeps every attribute as it was
    for path in pages:
        straight = path.read_text("utf-8").replace("’", "'")
        assert attributes(english_html(straight)) == attributes(straight), path
    assert "All the site&#39;s records" in (site / "en" / "donnees" / "index.html").read_text("utf-8")  # a meta


def test_json_ld_and_meta_stay_valid(site):
    for path in french_pages(site):
        text = path.read_text("utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            json.loads(block)
        for content in re.findall(r'<meta name="description" content="([^"]*)"', text):
            assert NNBSP not in content and "<sup>" not in content


def test_english_dates_are_british(site):
    text = "".join(p.read_text("utf-8") for p in english_pages(site))
    assert "30 September and 1 October 2025" in text
    american = re.findall(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                          r"|December) \d{1,2}\b", text)
    assert american == []


# --- search still finds words beside the new spaces and apostrophes ------------------



@pytest.mark.browser
@pytest.mark.parametrize("query, found", [
    ("approche", "/approche/"),
    ("l'approche", "/approche/"),        # typed with a straight apostrophe
    ("l’approche", "/approche/"),        # or a typographic one
    ("recueillir", "/"),                  # inside « à recueillir »
    ("trinôme", "/"),                     # before « : » and « ; »
])
def test_search_finds_words_next_to_french_punctuation(browser, server, query, found):
    page = browser.new_page()
    page.goto(server.url + "recherche/")
    urls = page.evaluate("""async ([bundle, query]) => {
        const pagefind = await import(bundle + 'pagefind.js');
        const found = await pagefind.search(query);
        return Promise.all(found.results.map(r => r.data().then(d => d.url)));
    }""", [server.url + "pagefind/", query])
    page.close()
    assert any(url.startswith(found) for url in urls), (query, urls)


def test_a_long_run_of_spaces_costs_linear_time():
    """A run of spaces not followed by the sign must not be tried again from each of its
    spaces (a 20,000-character field would then take seconds per rule). Growth, not a
    duration: four times the spaces may cost about four times as long, not sixteen."""
    import time

    from macros import typography

    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            typography.french_text.cache_clear()
            started = time.perf_counter()
            typography.french_text("a" + " " * n + "b ; c : d » e")
            best = min(best, time.perf_counter() - started)
        return best

    assert cost(32_000) / cost(8_000) < 9


def test_regions_planted_among_materials_markup_are_kept(site):
    """Code, SVG and an English quotation, each with common tags inside, planted in every
    built French page: the rules leave code and English alone and add no markup to SVG.
    The rest of the page, rewritten by the build, does not change a second time."""
    hard = ('<div lang="en"><p><a href="#">Tamarack\'s guide: <em>1st</em></a></p></div>'
            '<svg><g><text>l\'article du 1er mai</text><a href="#"><text>le 1er ?</text></a></g></svg>'
            '<pre><code><span>a : b</span> <em>l\'x</em></code></pre>')
    rewritten = hard.replace("l\'article", "l’article").replace("1er ?", f"1er{NNBSP}?")
    anchor = '<div class="md-content" data-md-component="content">'
    pages = french_pages(site)
    assert len(pages) > 20
    for path in pages:
        source = path.read_text("utf-8")
        assert anchor in source, path
        assert french_html(source.replace(anchor, anchor + hard, 1)) == source.replace(anchor, anchor + rewritten, 1), path
