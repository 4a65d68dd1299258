"""What the generated pages say must be what the records and the sources say.

Template sentences are said of every record of a kind: they may state only what
the data holds (a history step *names* a site; it does not say the site took
part). Quotations are shown as their source writes them: an English
translation always beside the French original, an excerpt's Markdown bold as
bold, never as raw « ** ». A title this site wrote for an untitled document is
never shown as the document's own title.
"""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import yaml
from markupsafe import escape

from conftest import REPO

from macros.content import load_catalogue
from macros.pages import generated_pages

TODAY = dt.date(2026, 11, 30)
STRINGS = yaml.safe_load((REPO / "macros" / "templates" / "strings.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "content", REPO, TODAY)


@pytest.fixture(scope="module")
def pages(catalogue):
    return {lang: {page.path: page.html for page in generated_pages(catalogue, lang, TODAY)}
            for lang in ("fr", "en")}


def esc(text: str) -> str:
    return str(escape(text))


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# --- template sentences state only what the data says ----------------------------------

# Claims that no record holds: what part a site played, what inspired what, what the
# sources recommend, what a source did not give. Each was once said by a template.
UNSUPPORTED = ["a pris part", "took part", "qui l'ont inspirée", "that inspired it", "recommandent",
               "recommend", "la source les cite sans adresse", "names them without an address",
               "Tout le contenu du site", "All the site's content"]


def test_no_interface_sentence_states_a_fact_no_record_gives():
    for key, value in STRINGS.items():
        for lang, text in value.items():
            for claim in UNSUPPORTED:
                assert claim.casefold() not in text.casefold(), (key, lang, claim)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_site_page_says_only_that_the_programme_names_the_site(catalogue, pages, lang):
    """The Montréal neighbourhoods are named by the Festival steps because Dynamo says the
    visitors discovered initiatives there: their pages must not say they took part."""
    intro = STRINGS["with_programme_intro"][lang]
    inspiration = [key for key, site in catalogue.sites.items() if site.kind == "inspiration"]
    assert len(inspiration) >= 4
    for key, site in catalogue.sites.items():
        markup = pages[lang][f"sites/{key}.md"]
        section = markup[markup.index('id="programme"'):]
        named_by = [k for k, e in catalogue.entries["history"].items() if key in e.record.sites] + \
                   [k for k, e in catalogue.entries["events"].items() if key in e.record.sites]
        if named_by:
            assert esc(intro) in section, key
        said = text_of(section if site.kind != "inspiration" else markup)  # pilot sites' records say they took part
        assert "pris part" not in said and "took part" not in said, key
    for key in inspiration:
        assert catalogue.sites[key].summary and "découvert des initiatives" in catalogue.sites[key].summary.fr


# --- quotations as their source writes them ------------------------------------------------

def test_no_displayed_excerpt_shows_markdown_marks(pages):
    bold = 0
    for lang, by_path in pages.items():
        for path, markup in by_path.items():
            for quote in re.findall(r'<blockquote lang="fr">(.*?)</blockquote>', markup, re.S):
                assert "**" not in quote, (lang, path, quote[:80])
                bold += quote.count("<strong>")
    assert bold > 0  # the source's bold is kept, as bold


def test_an_excerpt_cutting_a_bold_passage_in_two_drops_the_lone_mark():
    from macros.rendering import renderer
    template = renderer("fr").env.from_string(
        '{% import "_parts.html.j2" as parts %}{{ parts.excerpt(e) }}')
    assert template.render(e="a **b** c") == "a <strong>b</strong> c"
    assert template.render(e="acteurs** relevant de") == "acteurs relevant de"
    assert template.render(e="<b>**x**</b>") == "&lt;b&gt;<strong>x</strong>&lt;/b&gt;"  # still escaped


def test_english_pages_never_show_a_testimonial_without_its_french_original(catalogue, pages):
    testimonials = [t for e in catalogue.entries["history"].values() for t in e.record.testimonials]
    assert testimonials
    markup = pages["en"]["histoire/index.md"]
    figures = re.findall(r'<figure class="qic-quote">(.*?)</figure>', markup, re.S)
    assert len(figures) == len(testimonials)
    for figure, testimonial in zip(figures, testimonials):
        if testimonial.quote.en:
            assert f'<blockquote lang="en">{esc(testimonial.quote.en)}</blockquote>' in figure
            original = re.search(r'<div class="qic-quote__original">(.*?)</div>', figure, re.S)
            assert original, testimonial.quote.fr[:60]
            assert STRINGS["original_quote"]["en"] in original.group(1)
            assert f'<blockquote lang="fr">{esc(testimonial.quote.fr)}</blockquote>' in original.group(1)
        else:
            assert '<blockquote lang="fr">' in figure
    assert 'lang="en"' not in "".join(re.findall(r'<figure class="qic-quote">(.*?)</figure>',
                                                 pages["fr"]["histoire/index.md"], re.S))


def test_a_title_this_site_wrote_is_never_shown_as_the_documents_title(catalogue, pages):
    written = {key: doc for key, doc in catalogue.sources.items() if doc.title.fr.startswith("[")}
    assert {"irev-territoire-impact-collectif", "dynamo-festival-impact-collectif-2022"} <= set(written)
    for lang, by_path in pages.items():
        everything = "".join(by_path.values())
        for key, doc in written.items():
            shown = esc(doc.title.get(lang)[1:-1])
            assert f"<cite>{shown}" not in everything and f"[{shown}]" not in everything, key
            assert (f'<span class="qic-source-title--descriptive">{shown}</span> '
                    f'<span class="qic-muted">({esc(STRINGS["descriptive_title"][lang])})</span>'
                    ) in everything, (lang, key)


# --- less certain readings: supported by a source, or shown as uncertain -------------------

def test_mayotte_lists_no_organisation_no_source_names_for_it(catalogue):
    """No source says which consortium members supported Mayotte: none is listed, and the
    page says so in its note."""
    mayotte = catalogue.sites["mayotte"]
    assert mayotte.organisations == []
    assert mayotte.note and "Mayotte" in mayotte.note.fr and mayotte.note.en


def test_hauts_de_france_sites_list_only_the_consortium_member_a_source_names_for_them(catalogue):
    """IREV names the consortium (Accolades, Niska, Tamarack, Dynamo) for the whole experiment;
    only Dynamo writes that it supports the Hauts-de-France neighbourhoods. The four sites there
    list Dynamo alone of the consortium, and their note says what the sources do say."""
    hauts_de_france = [site for key, site in catalogue.sites.items()
                       if site.region == "Hauts-de-France" and "territoire-impact-collectif" in site.phases]
    assert len(hauts_de_france) == 4
    for site in hauts_de_france:
        assert "dynamo" in site.organisations and not {"accolades", "niska", "tamarack"} & set(site.organisations)
        assert site.note and "consortium franco-québécois" in site.note.fr and "consortium franco-québécois" in site.note.en
        assert "Dynamo accompagne ainsi les quartiers" in site.note.fr and "in particular" in site.note.en


def test_the_training_days_irev_attended_are_not_said_to_be_mayottes(catalogue):
    """IREV attended « chacune de ces journées » and the collectives were trained « à l'échelle
    régionale »: a record linking Mayotte to those days says that it is a reading."""
    for kind in ("events", "history"):
        for key, entry in catalogue.entries[kind].items():
            record = entry.record
            text = record.summary.fr if kind == "events" and record.summary else getattr(record, "story", None)
            text = text.fr if hasattr(text, "fr") else (text or "")
            if "mayotte" in record.sites and "IREV" in text and "journées" in text:
                assert record.note and "échelle régionale" in record.note.fr, (kind, key)
                assert "L'IREV participe" not in text, (kind, key)


def test_testimonials_are_attributed_only_as_the_source_does(catalogue):
    """Dynamo compiled the testimonials without saying who speaks: no region in the speaker,
    and the uncertainty in the record's note."""
    for key, entry in catalogue.entries["history"].items():
        for testimonial in entry.record.testimonials:
            assert "Hauts-de-France" not in testimonial.speaker.fr, key
            assert "Hauts-de-France" not in (testimonial.speaker.en or ""), key
            assert entry.record.note and "qui parle" in entry.record.note.fr, key


def test_a_passage_the_source_does_not_call_an_article_is_not_filed_as_one(catalogue):
    for key in ("tamarack-article-adoption-communaute", "tamarack-article-pic-montreal"):
        resource = catalogue.entries["resources"][key].record
        assert resource.type is None and resource.note, key
        assert "article" not in resource.title.fr.casefold(), key


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_home_page_does_not_present_the_three_stages_as_one_stated_programme(lang):
    home = (REPO / "docs" / lang / "index.md").read_text(encoding="utf-8")
    assert "Le programme en trois temps" not in home and "The programme in three stages" not in home
    assert "site entré phase 1" in home  # the ANCT's own words that link the stages
