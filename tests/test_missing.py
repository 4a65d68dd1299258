"""« Ce qui manque » / "What is missing" (a-completer/): what the sources do not yet
say, site by site then for the whole programme, each unknown field a link that opens
the contribution form on its record.

The first tests read the built site; the others render the page from the content,
or from a copy of it with a private contact (macros/pages.py, Views.missing)."""
from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import BUILD_DATE, REPO
from test_reader_pages import LANGS, article, page, records, resolves, text_of

from macros.content import load_catalogue
from macros.model import KINDS
from macros.pages import ASKED_FIELDS, Views, generated_pages

PAGE = "a-completer/index.html"
TODAY = dt.date.fromisoformat(BUILD_DATE)
# what a place in Québec is never asked for (its own neighbourhood, and the programme's facts)
NOT_ASKED_OF_INSPIRATION = {"departement", "neighbourhood", "phases", "collective", "challenge", "continuum"}


def form_links(markup: str) -> list[dict[str, str]]:
    """The links of a page that open the form on a record's field: {kind, id, field}."""
    found = []
    for href in re.findall(r'href="([^"]*proposer/\?[^"]*)"', markup):
        query = {k: v[0] for k, v in parse_qs(urlsplit(html.unescape(href)).query).items()}
        if "field" in query:
            found.append(query)
    return found


def counts(markup: str) -> tuple[int, int, int]:
    """(sites, items, items for the whole programme) as the page's first lines say them."""
    said = text_of(re.search(r'<p class="qic-gaps-count">(.*?)</p>', markup, re.S).group(1))
    numbers = [int(n) for n in re.findall(r"\d+", said)]
    return numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 0


# --- the built page -----------------------------------------------------------------

@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_page_exists_in_both_languages_beside_the_form_in_the_menu(site, lang, prefix):
    markup = page(site, prefix + PAGE)
    title = {"fr": "Ce qui manque", "en": "What is missing"}[lang]
    assert f"<h1 id=" in markup and title in text_of(article(markup))
    assert f'<html lang="{lang}"' in markup
    # in the menu, just before the form (the section « À propos » / "About")
    menu = re.findall(r'<a href="([^"]+)" class="md-nav__link', page(site, prefix + "proposer/index.html"))
    assert menu.index("../a-completer/") + 1 == menu.index("./"), menu


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_every_link_opens_the_form_on_a_record_and_field_that_exist(site, lang, prefix):
    markup = article(page(site, prefix + PAGE))
    links = form_links(markup)
    assert links
    for link in links:
        assert (REPO / "content" / link["kind"] / f"{link['id']}.yml").is_file(), link
        assert link["field"] in KINDS[link["kind"]].model_fields, link
    for href in set(re.findall(r'href="([^"#?]*proposer/)\?', markup)):
        assert resolves(site, prefix + PAGE, href), href
    # the records' own links (site pages, calendar, resources, contacts) lead somewhere
    for href in re.findall(r'href="(\.\./(?:sites|calendrier|ressources|contacts)/[^"]*)"', markup):
        assert resolves(site, prefix + PAGE, html.unescape(href)), href


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_a_field_the_sources_give_is_never_asked_for(site, lang, prefix):
    content = {kind: records(kind) for kind in KINDS}
    for link in form_links(article(page(site, prefix + PAGE))):
        record = content[link["kind"]][link["id"]]
        written = record.get(link["field"])
        if link["kind"] == "sites" and link["field"] == "contacts":  # only public contacts count
            written = [c for c in written or [] if content["contacts"][c]["public"]]
        assert not written, (link, written)


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_a_place_in_quebec_is_never_asked_for_a_departement_or_a_neighbourhood(site, lang, prefix):
    markup = article(page(site, prefix + PAGE))
    inspiration = {key for key, s in records("sites").items() if s["kind"] == "inspiration"}
    assert "peter-mcgill" in inspiration
    asked = [(link["id"], link["field"]) for link in form_links(markup) if link["kind"] == "sites"]
    assert ("peter-mcgill", "organisations") in asked  # it is on the page, for what applies to it
    for key, field in asked:
        assert key not in inspiration or field not in NOT_ASKED_OF_INSPIRATION, (key, field)
    section = re.search(r'<h2 id="site-peter-mcgill">(.*?)(?=<h2 )', markup, re.S).group(1)
    words = text_of(section).lower()
    for label in {"fr": ("quartier", "département", "collectif local", "défi"),
                  "en": ("neighbourhood", "département", "local collective", "challenge")}[lang]:
        assert label not in words, (label, words)


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_counts_are_those_of_the_items_listed(site, lang, prefix):
    markup = article(page(site, prefix + PAGE))
    sites, items, programme = counts(markup)
    assert sites == len(re.findall(r'<h2 id="site-', markup)) > 0
    assert items == len(form_links(markup)) > 0
    start = markup.index('<h2 id="programme"')
    assert programme == len(form_links(markup[start:])) > 0
    assert "à recueillir" not in markup  # the site says « à compléter », never a placeholder


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_home_page_and_the_form_page_lead_to_it(site, lang, prefix):
    for here in ("index.html", "proposer/index.html"):
        hrefs = [h for h in re.findall(r'href="([^"]+)"', article(page(site, prefix + here)))
                 if h.rstrip("/").endswith("a-completer")]
        assert hrefs, here
        assert all(resolves(site, prefix + here, h) for h in hrefs), (here, hrefs)


# --- the page rendered from the content ------------------------------------------------

def rendered(content_dir, lang: str = "fr") -> dict[str, str]:
    catalogue = load_catalogue(content_dir, REPO, TODAY)
    return {p.path: p.html for p in generated_pages(catalogue, lang, TODAY)}


def test_a_private_contact_never_appears(content):
    """A site naming a private contact: the contact is neither listed nor asked about,
    and the site is still asked for contacts (readers see none)."""
    private = yaml.safe_load((content / "contacts" / "myriam-berube.yml").read_text(encoding="utf-8"))
    private.update(name="Personne Privée", public=False)
    (content / "contacts" / "personne-privee.yml").write_text(yaml.safe_dump(private, allow_unicode=True),
                                                             encoding="utf-8")
    site_file = content / "sites" / "lievin.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8") + "contacts: [personne-privee]\n", encoding="utf-8")
    for lang in ("fr", "en"):
        markup = rendered(content, lang)["a-completer/index.md"]
        assert "personne-privee" not in markup and "Personne Privée" not in markup
        asked = [(link["kind"], link["id"], link["field"]) for link in form_links(markup)]
        assert ("sites", "lievin", "contacts") in asked
    catalogue = load_catalogue(content, REPO, TODAY)
    assert Views(catalogue, "fr", TODAY).unknown_facts("contacts", catalogue.entries["contacts"]["personne-privee"]
                                                       .record) == []


def test_the_site_page_and_this_page_ask_the_same_facts_of_each_site():
    """One rule (Views.applicable_facts): the « À compléter » line of a site page names
    the fields this page asks of that site, in the same order."""
    pages = rendered(REPO / "content")
    missing = pages["a-completer/index.md"]
    for key in records("sites"):
        todo = re.search(r'<p class="qic-todo">(.*?)</p>', pages[f"sites/{key}.md"], re.S)
        on_site_page = text_of(todo.group(1)).split(":", 1)[1].split("—")[0] if todo else ""
        section = re.search(rf'<h2 id="site-{key}">.*?<li>(.*?)</li>', missing, re.S)
        own = section.group(1) if section and "Fiche du site" in section.group(1) else ""
        asked = [link["field"] for link in form_links(own)]
        labels = re.findall(r">([^<]+)</a>", own)[1:]  # after the site's name
        assert [label.lower() for label in labels] == [w.strip().lower() for w in
                                                       re.split(r",| et ", on_site_page) if w.strip()], key
        assert len(asked) == len(labels), key


def test_every_kind_asked_about_names_fields_of_its_model_and_labels_of_both_languages():
    from macros.rendering import strings
    for kind, fields in ASKED_FIELDS.items():
        for field, label in fields:
            assert field in KINDS[kind].model_fields, (kind, field)
            assert KINDS[kind].model_fields[field].is_required() is False, (kind, field)  # only optional fields
            assert set(strings()[label]) == {"fr", "en"}, label
