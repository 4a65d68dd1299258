"""Every quotation of the hand-written pages (docs/fr, docs/en), as its source writes it.

What counts as a quotation, in the Markdown of a page (front matter included):

- any text between « and », or “ and ”, or a pair of straight quotes "…", in
  running text, lists, tables and admonitions;
- a block quotation: an admonition `!!! quote "Attribution"`, a Markdown `>`
  block, or an HTML <blockquote> in a <figure> whose <figcaption> attributes it.

Each quoted text must be found, word for word, in the text of one of the source
documents (macros/provenance.py: only spaces, apostrophes, quotation marks and
the sources' « ** » may differ; « […] » skips a passage; « [sic] » after a word
marks an error of the source, kept as written). Besides:

- an English page may quote in English only a translation, and says so in the
  same paragraph, list item or table row (« our translation »), or for a whole
  section in a paragraph of its own (« Quotations in this section are our
  translations… »); a block
  quotation on an English page gives the French original in « » as well;
- a block quotation names its source (the publisher of one of the source
  documents) in its title or caption, and the quoted words are found in a
  document of that publisher;
- the few texts in quotation marks that are no quotation (a label of this
  site's interface, a term the page defines) are listed below, with a reason.

The texts live in ../shared/seeds beside the repository (or QIC_SEEDS); without
them (a fresh clone, GitHub's checks), the quotations are looked for in the
texts' fingerprints (content/sources/<id>.fingerprint, macros/fingerprints.py),
which cannot tell a quotation of fewer than three words or signs (« quartiers »,
« Courant 2022 »): those are then not verified.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO

from macros import fingerprints, provenance
from macros.content import load_catalogue

DOCS = REPO / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

# Quoted, but not a quotation of the sources: page -> {text: reason}. Keep it short.
NOT_QUOTATIONS: dict[str, dict[str, str]] = {
    "fr/a-propos/mentions-legales.md": {"our translation": "la mention que portent les pages anglaises"},
}
NOT_QUOTATIONS_ANYWHERE = {
    # the RGAA's own wording for a site without audit (a legal category, not a source)
    "non conforme": "catégorie du RGAA",
    "non-compliant": "RGAA category, translated",
    # the experiment's name as the site writes it (Dynamo writes « Territoire Impact collectif »)
    "Territoire Impact Collectif": "nom du programme",
    # a letter, not a passage: the accent of an e-mail address a source misspells (a contact's note)
    "é": "une lettre",
}

SECTION_SAYS = "Quotations in this section are our translations"  # a paragraph of its own
SIC = re.compile(r"\s*\[sic\]", re.I)
BEFORE_PUNCTUATION = re.compile(r"\s+([!?;:])")


def seed_texts() -> dict[str, tuple[str | fingerprints.Fingerprint, set[str]]]:
    """{file: (its normalised text, else its fingerprint; names of its publisher)} for every
    source document."""
    folder = provenance.seeds_dir()
    catalogue = load_catalogue(REPO / "content", REPO, dt.date(2026, 11, 30))
    texts = {}
    for key, doc in catalogue.sources.items():
        org = catalogue.entries["organisations"][doc.publisher].record
        names = {org.name.fr, org.name.en or org.name.fr, getattr(org, "short_name", None) or org.name.fr}
        text = provenance.source_text(folder, doc.file)
        if text is None:
            assert not folder.is_dir(), doc.file
            text = catalogue.fingerprints[key]
        texts[doc.file] = (_flat(text) if isinstance(text, str) else text, names)
    return texts


def _flat(text: str) -> str:
    """Normalised as provenance does (a Markdown link of a source text counts as its words:
    the ANCT's « [Guide d'accompagnement de l'impact](#) Collectif de Dynamo »), and no
    space before « ! ? ; : »."""
    return BEFORE_PUNCTUATION.sub(r"\1", provenance.normalise(text))


def found(quote: str, texts: dict) -> list[str] | None:
    """The files whose text holds the quotation (a final full stop may be the page's); None
    when only fingerprints are at hand and the quotation is too short for them to tell."""
    quote = SIC.sub("", quote)
    files = []
    for candidate in (quote, quote.rstrip(" .")):
        parts = [_flat(p) for p in provenance.GAP.split(candidate)]
        for name, (text, _) in texts.items():
            if name in files:
                continue
            if isinstance(text, str):
                if provenance.found_in(" […] ".join(parts), text):
                    files.append(name)
                continue
            if provenance.too_short(" […] ".join(parts)):
                return None
            # the text's own spacing before « ! ? ; : » is not known: with and without a space
            spaced = [re.sub(r"(?<=[^\s!?;:])([!?;:])", r" \1", part) for part in parts]
            if any(all(text.holds(part) for part in variant if part) for variant in (parts, spaced)):
                files.append(name)
    return files


# --- reading the Markdown --------------------------------------------------------------------

def plain(markdown: str) -> str:
    """The words of a piece of Markdown: no macro, tag, link target, emphasis or code."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)[*_]{1,2}|[*_]{1,2}(?!\w)", "", text)
    return text


def spans(text: str, marks=(("«", "»"), ("“", "”")), straight: bool = True) -> list[str]:
    """The outermost quoted texts: « … » and “ … ” (nested ones stay inside), then "…" pairs."""
    found_spans = []
    for opening, closing in marks:
        depth, start = 0, 0
        for index, char in enumerate(text):
            if char == opening:
                if depth == 0:
                    start = index + 1
                depth += 1
            elif char == closing and depth:
                depth -= 1
                if depth == 0:
                    found_spans.append(text[start:index].strip())
    if straight:
        found_spans += [s.strip() for s in re.findall(r'"([^"]+)"', text)]
    return found_spans


def guillemets(text: str) -> list[str]:
    """Only the outermost « … »: on an English page, the French originals."""
    return spans(text, (("«", "»"),), straight=False)


ITEM_START = re.compile(r"^\s*(?:[-*+] |\d+\. |\||#|!!! |\?\?\? |>)")


def items(body: str) -> list[str]:
    """Paragraphs, list items, table rows and headings: the unit a « (our translation) » covers."""
    found_items, current = [], []
    for line in body.splitlines():
        if not line.strip() or ITEM_START.match(line) or line.startswith("|"):
            if current:
                found_items.append(" ".join(current))
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        found_items.append(" ".join(current))
    return found_items


def split_page(path: Path) -> tuple[list[str], str]:
    """Front matter values (title, description) and the body."""
    raw = path.read_text(encoding="utf-8")
    meta, body = [], raw
    if raw.startswith("---\n"):
        head, body = raw[4:].split("\n---\n", 1)
        data = yaml.safe_load(head) or {}
        meta = [str(data[k]) for k in ("title", "description") if data.get(k)]
    return meta, body


ADMONITION = re.compile(r'^!!! quote(?: "([^"]*)")?\n((?:(?:    .*)?\n)+)', re.M)
MARKDOWN_QUOTE = re.compile(r"^(?:>.*\n)+", re.M)
FIGURE = re.compile(r"<figure[^>]*>\s*<blockquote[^>]*>(.*?)</blockquote>\s*(?:<figcaption[^>]*>(.*?)</figcaption>)?",
                    re.S)


def block_quotations(body: str) -> list[tuple[str, str]]:
    """(attribution, quoted Markdown) of each block quotation; attribution '' when none."""
    blocks = [(m.group(1) or "", m.group(2)) for m in ADMONITION.finditer(body + "\n")]
    blocks += [("", m.group(0)) for m in MARKDOWN_QUOTE.finditer(body)]
    blocks += [(m.group(2) or "", m.group(1)) for m in FIGURE.finditer(body)]
    return blocks


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS))


def lang_of(path: Path) -> str:
    return page_id(path).split("/")[0]


# --- the tests -------------------------------------------------------------------------------

def test_the_reading_finds_every_kind_of_quotation():
    body = ('Il dit « a « b » c » et “d”.\n\n- "e" (our translation)\n\n!!! quote "RésO Villes"\n'
            '    « f »\n\n> « g »\n\n<figure><blockquote>« h »</blockquote><figcaption>ANCT</figcaption></figure>\n')
    assert spans(plain(body)) == ["a « b » c", "f", "g", "h", "d", "e", "RésO Villes"]
    assert [a for a, _ in block_quotations(body)] == ["RésO Villes", "", "ANCT"]
    assert items(body)[1] == '- "e" (our translation)'


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_quotation_of_the_page_is_in_a_source(path):
    texts = seed_texts()
    meta, body = split_page(path)
    body = re.sub(r'^(\s*)(?:!!!|\?\?\?) \w+(?: "([^"]*)")?', r"\1\2", body, flags=re.M)  # admonition titles
    allowed = {**NOT_QUOTATIONS_ANYWHERE, **NOT_QUOTATIONS.get(page_id(path), {})}
    wrong = []
    # an English page says that a quotation is translated in the same item, or once for a
    # section (down to its sub-sections): the level of the heading it was said under
    level, said = 0, None
    for item in meta + items(body):
        words = " ".join(plain(item).split())
        heading = re.match(r"\s*(#+) ", item)
        if heading:
            level = len(heading.group(1))
            if said is not None and level <= said:
                said = None
        here = "our translation" in words.casefold()
        if words.startswith(SECTION_SAYS) and said is None:
            said = level
        translated = lang_of(path) == "en" and (here or said is not None)
        for quote in guillemets(words):  # French, in either language: as the source writes it
            if quote and quote not in allowed and found(quote, texts) == []:
                wrong.append(quote)
        for quote in spans(words, (("“", "”"),)):  # English quotation marks: a translation, if said so
            if quote and quote not in allowed and not translated and found(quote, texts) == []:
                wrong.append(quote)
    assert wrong == [], f"{page_id(path)} : citations introuvables dans les sources :\n" + "\n".join(
        f"  « {q} »" for q in wrong)


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_block_quotation_names_its_source_and_gives_the_original(path):
    texts = seed_texts()
    _, body = split_page(path)
    for attribution, quoted in block_quotations(body):
        words = plain(quoted)
        french = guillemets(words)
        assert french, f"{page_id(path)} : citation en bloc sans texte original en « » : {words[:80]}"
        assert attribution.strip(), f"{page_id(path)} : citation en bloc sans attribution : {words[:80]}"
        named = {name for name, (_, publishers) in texts.items()
                 if any(publisher in attribution for publisher in publishers)}
        assert named, f"{page_id(path)} : l'attribution « {attribution} » ne nomme aucun éditeur des sources"
        for quote in french:
            files = found(quote, texts)
            assert files is None or set(files) & named, (
                f"{page_id(path)} : « {quote[:70]} » n'est pas dans un document de {attribution}")


def test_pages_quote_at_all():
    """The check reads something: the pages hold dozens of quotations."""
    count = sum(len(spans(plain(split_page(p)[1]))) for p in PAGES)
    assert count > 60


def _texts_of(value, path=()):
    """(field path, text) of every reader-facing string of a record, excerpts left out
    (macros/provenance.py checks them)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("excerpts", "file", "url", "website"):
                yield from _texts_of(inner, path + (str(key),))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _texts_of(inner, path + (str(index),))
    elif isinstance(value, str):
        yield ".".join(path), value


def test_every_french_quotation_in_the_records_is_in_a_source():
    """The records quote too (« Courant 2022 », a description's « … »): in French, exactly."""
    texts = seed_texts()
    wrong, count = [], 0
    for file in sorted((REPO / "content").rglob("*.yml")):
        for field, text in _texts_of(yaml.safe_load(file.read_text(encoding="utf-8"))):
            for quote in guillemets(text):
                count += 1
                if quote and quote not in NOT_QUOTATIONS_ANYWHERE and found(quote, texts) == []:
                    wrong.append(f"{file.relative_to(REPO)} {field} : « {quote} »")
    assert wrong == [], "citations introuvables dans les sources :\n" + "\n".join(wrong)
    assert count > 40


def test_without_the_texts_the_fingerprints_tell_a_quotation_from_an_altered_one(monkeypatch):
    """A fresh clone has no texts: the quotations are checked against the fingerprints."""
    monkeypatch.setenv(provenance.SEEDS_VARIABLE, str(REPO / "absent"))
    texts = seed_texts()
    assert all(isinstance(text, fingerprints.Fingerprint) for text, _ in texts.values())
    anct = "002_cd3e985497d0d32e.txt"
    assert found("30 septembre et 1er octobre 2025 à Marseille - Lancement de la formation", texts) == [anct]
    assert found("Guide d'accompagnement de l'impact Collectif", texts) == [anct]  # a link of the text
    assert found("30 septembre et 1er octobre 2026 à Marseille", texts) == []
    assert found("Lancement de la formation […] 30 septembre et 1er octobre", texts) == [anct]  # order: not told
    assert found("Courant 2022", texts) is None  # too short for a fingerprint to tell
