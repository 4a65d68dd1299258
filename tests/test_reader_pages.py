"""What a reader sees: the home page as a front door, site pages about the site,
the resources' compact view, pictures that fit a phone, and print.

The first tests read the built HTML; those marked `browser` drive Debian's
Chromium at 375 and 1,280 px."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import REPO

LANGS = [("fr", ""), ("en", "en/")]


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The text, spaces joined and the typographic apostrophe read as the content's."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("’", "'").split())


def article(markup: str) -> str:
    """The page's own content, without the menus and the footer."""
    start = markup.index('<article class="md-content__inner')
    return markup[start:markup.rindex("</article>")]  # cards are articles too: the last one closes it


def records(folder: str) -> dict[str, dict]:
    return {f.stem: yaml.safe_load(f.read_text(encoding="utf-8"))
            for f in sorted((REPO / "content" / folder).glob("*.yml"))}


def resolves(site: Path, page_path: str, href: str) -> bool:
    """A relative link of a built page leads to a file, and to its anchor if any."""
    url = urlsplit(urljoin("http://x/" + page_path, href))
    target = site / url.path.lstrip("/")
    if url.path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return False
    return not url.fragment or f'id="{url.fragment}"' in target.read_text(encoding="utf-8")


# --- the home page ---------------------------------------------------------------

ENTRY_POINTS = ["approche/", "sites/", "ressources/", "calendrier/", "histoire/"]


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_home_page_leads_to_every_entry_point_and_each_link_resolves(site, lang, prefix):
    markup = article(page(site, f"{prefix}index.html"))
    doors = re.search(r'<nav class="qic-doors"[^>]*>(.*?)</nav>', markup, re.S)
    assert doors, "no entry points on the home page"
    hrefs = re.findall(r'<a class="qic-door[^"]*" href="([^"]+)"', doors.group(1))
    for entry in ENTRY_POINTS:
        assert entry in hrefs, entry
    assert len(hrefs) == len(ENTRY_POINTS) + 1  # and one way to contribute
    contribute = hrefs[-1]
    assert contribute == "proposer/"  # the contribution form
    # the three phases lead to their part of the history; the map is there
    phases = re.findall(r'<li class="qic-phase"><a href="([^"]+)"', markup)
    assert len(phases) == 3
    for href in [h for h in hrefs if not h.startswith("http")] + phases:
        assert resolves(site, f"{prefix}index.html", href), href
    assert 'class="qic-figure qic-map"' in markup


# --- site pages --------------------------------------------------------------------

SITES = records("sites")


def shared(kind: str) -> dict[str, dict]:
    """History steps and events that concern more than one site: the programme's."""
    if kind == "history":
        return {k: r for k, r in records("history").items() if len(r.get("sites", [])) != 1}
    counts = {}
    for site in SITES.values():
        for key in site.get("events", []):
            counts[key] = counts.get(key, 0) + 1
    return {k: r for k, r in records("events").items() if counts.get(k, 0) != 1}


def opening(text: dict | str, lang: str) -> str:
    value = text if isinstance(text, str) else text.get(lang) or text["fr"]
    return " ".join(re.sub(r"[*_`\[\]]", "", value).split()[:12])


@pytest.mark.parametrize("key", sorted(SITES))
def test_site_page_lists_the_programme_once_instead_of_repeating_it(site, key):
    history, events = shared("history"), shared("events")
    for lang, prefix in LANGS:
        markup = article(page(site, f"{prefix}sites/{key}/index.html"))
        body = text_of(markup)
        for hkey, step in history.items():
            assert opening(step["story"], lang) not in body, (key, hkey)  # not told again in full
            if key in step.get("sites", []):
                assert f'href="../../histoire/#histoire-{hkey}"' in markup, (key, hkey)  # but linked
        for ekey, event in events.items():
            if event.get("summary"):
                assert opening(event["summary"], lang) not in body, (key, ekey)
            if ekey in SITES[key].get("events", []):
                assert f"#evenement-{ekey}" in markup, (key, ekey)
        for href in re.findall(r'href="(\.\./\.\./(?:histoire|calendrier)/#[^"]+)"', markup):
            assert resolves(site, f"{prefix}sites/{key}/index.html", href), href


@pytest.mark.parametrize("key", sorted(SITES))
def test_site_page_shows_only_fields_that_apply_and_gathers_the_unknown_ones(site, key):
    record = SITES[key]
    markup = article(page(site, f"sites/{key}/index.html"))
    terms = [text_of(t) for t in re.findall(r"<dt>(.*?)</dt>", markup)]
    if record["kind"] == "inspiration":  # a Montréal neighbourhood has no département nor programme phase
        assert "Département" not in terms and "Phases du programme" not in terms
    else:
        assert ("Département" in terms) == bool(record.get("departement"))
    assert "à recueillir" not in text_of(markup) and "⟨" not in markup  # no scattered placeholders
    todo = re.findall(r'<p class="qic-todo">(.*?)</p>', markup, re.S)
    french = record["kind"] != "inspiration"
    asked = ["neighbourhood", "collective", "challenge", "commune"] if french else []
    unknown = [f for f in asked if not record.get(f)]
    assert len(todo) == (1 if unknown or not record.get("contacts") else 0)
    labels = {"neighbourhood": "quartier", "collective": "collectif local", "challenge": "défi prioritaire",
              "commune": "commune"}
    if todo:
        said = text_of(todo[0])
        assert said.startswith("À compléter :")
        # one sentence, ending with the invitation to the contribution form, started from the site's record
        assert said.count(".") == 1 and said.endswith("."), said
        assert f'href="../../proposer/?kind=sites&amp;id={key}"' in todo[0]
        for field in unknown:
            assert labels[field] in said.lower()
        if not french:  # a Montréal neighbourhood is not asked for its neighbourhood, nor for programme facts
            for field in ("quartier", "collectif local", "défi prioritaire", "continuum"):
                assert field not in said.lower(), (key, said)


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_a_site_page_never_says_no_event_names_it_next_to_one_that_does(site, lang, prefix):
    none = {"fr": "Aucun événement ni aucune étape", "en": "No event or step of the history"}[lang]
    for key in SITES:
        markup = article(page(site, f"{prefix}sites/{key}/index.html"))
        listed = re.search(r'class="qic-(event|history-item|dated-list)"', markup)
        assert bool(listed) != (none in text_of(markup).replace("’", "'")), key


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_programme_moments_of_a_site_page_are_all_links_written_alike(site, lang, prefix):
    for key in SITES:
        markup = article(page(site, f"{prefix}sites/{key}/index.html"))
        for item in re.findall(r'<ul class="qic-dated-list">(.*?)</ul>', markup, re.S):
            for li in re.findall(r"<li>(.*?)</li>", item, re.S):
                assert "<a " in li, li
                muted = re.findall(r'<span class="qic-muted">(.*?)</span>', li, re.S)
                assert all("<a " in m for m in muted), li  # no « · Calendrier » as plain text


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_site_cards_of_the_index_say_more_than_a_name_and_a_place(site, lang, prefix):
    markup = article(page(site, f"{prefix}sites/index.html"))
    cards = re.findall(r'<ul class="qic-site-list">(.*?)</ul>', markup, re.S)
    items = [li for group in cards for li in re.findall(r"<li>(.*?)</li>", group, re.S)]
    assert len(items) == len(SITES)
    for li in items:
        assert 'class="qic-site-list__phase"' in li, li


def test_no_page_scatters_placeholders_for_what_the_sources_do_not_say(site):
    for file in site.rglob("*.html"):
        markup = file.read_text(encoding="utf-8")
        assert "à recueillir" not in markup and "to be collected" not in markup, file


def test_what_is_specific_to_the_site_comes_before_the_programme(site):
    markup = article(page(site, "sites/chateau-thierry/index.html"))
    summary = markup.index('class="qic-summary"')
    assert summary < markup.index('class="qic-facts') < markup.index('id="programme"')


# --- calendar ------------------------------------------------------------------------

EVENTS = records("events")


def test_no_page_has_an_empty_list_of_facts(site):
    for file in site.rglob("*.html"):
        assert not re.search(r"<dl[^>]*>\s*</dl>", file.read_text(encoding="utf-8")), file


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_calendar_is_compact_says_once_what_is_unknown_and_names_the_sites(site, lang, prefix):
    markup = article(page(site, f"{prefix}calendrier/index.html"))
    events = re.findall(r'<article class="qic-event(?: qic-event--folded)?" id="evenement-([^"]+)">(.*?)</article>',
                        markup, re.S)
    assert len(events) == len(EVENTS)
    for key, body in events:
        # sources folded, and no source list outside the fold
        assert '<details class="qic-record-sources' in body and body.count('<ul class="qic-sources">') == 1, key
        assert body.index("<details") < body.index('<ul class="qic-sources">'), key
        # the sites it concerns are named
        for site_key in EVENTS[key].get("sites", []):
            assert f'href="../sites/{site_key}/"' in body, (key, site_key)
    # nothing upcoming: one line, not an empty « À venir » section
    upcoming = {"fr": "À venir", "en": "Upcoming"}[lang]
    headings = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", markup, re.S)]
    if any(text_of(h) == upcoming for h in headings):
        section = markup.split(f'id="{ "a-venir" if lang == "fr" else "upcoming"}"')[1].split("<h2")[0]
        assert 'class="qic-event"' in section
    else:
        assert len(re.findall(r'<p class="qic-empty">', markup)) == 1
    # the events whose sources name no site: said once, with the way to add them
    unnamed = [k for k, e in EVENTS.items() if not e.get("sites")]
    if unnamed:
        assert text_of(markup).count(f" {len(unnamed)} ") >= 1
        assert 'href="../proposer/?kind=events"' in markup



def past_events(markup: str, lang: str) -> list[tuple[str, str, str]]:
    """The calendar's past events: (key, class, body), from the « Passés » heading on."""
    past = markup.split(f'<h2 id="{"passes" if lang == "fr" else "past"}">', 1)[1]
    return re.findall(r'<article class="(qic-event[^"]*)" id="evenement-([^"]+)">(.*?)</article>', past, re.S)


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_each_past_event_shows_its_title_date_place_sites_and_note_and_folds_the_rest(site, lang, prefix):
    """On a phone the past was screens of summaries: each past event now shows what a reader
    scans for (title, date, place, organisers, sites) and its note (an uncertainty is never
    folded), and folds its summary, its sources and the edit link under one closed summary."""
    markup = article(page(site, f"{prefix}calendrier/index.html"))
    past = past_events(markup, lang)
    assert past, "no past event"
    for classes, key, body in past:
        assert "qic-event--folded" in classes.split(), key
        folds = re.findall(r"<details class=\"([^\"]*)\"([^>]*)>", body)
        outer = [(c, rest) for c, rest in folds if "qic-event__more" in c.split()]
        assert len(outer) == 1 and "open" not in outer[0][1], key  # one fold, closed
        before, inside = body.split('<details class="' + outer[0][0] + '"', 1)
        assert '<h3 class="qic-event__title">' in before and 'class="qic-event__date"' in before, key
        event = EVENTS[key]
        place = event.get("place")
        if place:
            assert text_of(place.get(lang) or place["fr"] if isinstance(place, dict) else place) in text_of(before), key
        for site_key in event.get("sites", []):
            assert f'href="../sites/{site_key}/"' in before, (key, site_key)
        if event.get("note"):
            assert 'class="qic-source-note"' in before and 'class="qic-source-note"' not in inside, key
        if event.get("summary"):
            assert 'class="qic-event__body"' in inside and 'class="qic-event__body"' not in before, key
        assert '<ul class="qic-sources">' in inside and 'class="qic-suggest"' in inside, key


DATE_UNKNOWN = {"fr": ("date de publication non indiquée", "n'indique sa date de publication",
                       "n'indiquent pas leur date de publication"),
                "en": ("publication date not given", "gives its publication date",
                       "do not give their publication date")}


def test_a_missing_publication_date_is_said_at_most_once_per_list_of_sources(site):
    """« Date de publication non indiquée » (or the one line saying that none or some of the
    sources give their date) at most once for each list of sources, on every built page; and
    never away from a list."""
    lists = 0
    for file in site.rglob("*.html"):
        if "pagefind" in file.relative_to(site).parts:
            continue
        markup = file.read_text(encoding="utf-8")
        lang = "en" if file.relative_to(site).parts[0] == "en" else "fr"
        phrases = DATE_UNKNOWN[lang]
        # a list: its items, and the paragraph right after it (where the missing dates are said once)
        found = re.findall(r'<ul class="qic-sources">.*?</ul>\s*(?:<p class="qic-muted">[^<]*</p>)?', markup, re.S)
        lists += len(found)
        said = 0
        for each in found:
            text = text_of(each).lower()
            count = sum(text.count(phrase.lower()) for phrase in phrases)
            assert count <= 1, (file.relative_to(site), count, text[:300])
            said += count
        everywhere = text_of(markup).lower()
        assert sum(everywhere.count(phrase.lower()) for phrase in phrases) == said, file.relative_to(site)
    assert lists > 50

# --- pictures ------------------------------------------------------------------------

def test_no_reader_page_speaks_contributor_jargon_or_draws_an_empty_continuum(site):
    for file in site.rglob("*.html"):
        assert "champ continuum" not in file.read_text(encoding="utf-8"), file
    if not any(s.get("continuum") for s in SITES.values()):
        for lang, prefix in LANGS:
            markup = article(page(site, f"{prefix}approche/continuum-cooperation/index.html"))
            assert "qic-continuum" not in markup  # no empty axis
            assert re.search(r'<p class="qic-empty">[^<]+</p>', markup)  # one sentence instead


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_approach_pages_leave_out_sections_with_nothing_in_them(site, lang, prefix):
    none_related = {"fr": "Aucune ressource n'est encore rattachée", "en": "No resource is linked"}[lang]
    for file in (site / prefix / "approche").rglob("index.html"):
        text = text_of(article(file.read_text(encoding="utf-8")))
        assert none_related not in text, file
    markup = article(page(site, f"{prefix}approche/continuum-cooperation/index.html"))
    placed = any(s.get("continuum") for s in SITES.values())
    assert ('id="les-sites-sur-le-continuum"' in markup or 'id="the-sites-on-the-continuum"' in markup) == placed
    # the seven levels as a picture with its direction, not a table
    assert markup.count('class="qic-scale__level ') == 7 and "<table" not in markup
    assert 'qic-scale__end--start' in markup and 'qic-scale__end--end' in markup


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_continuum_level_names_never_break_inside_a_word(browser, server, lang, prefix, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + prefix + "approche/continuum-cooperation/")
    names = page.locator(".qic-scale__name").evaluate_all("""ns => ns.map(n => {
        const range = document.createRange(); range.selectNodeContents(n);
        const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
        return [n.textContent, lines.size]; })""")
    assert len(names) == 7
    for name, lines in names:
        assert lines == 1, (name, lines)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_every_site_of_the_content_is_placeable_on_the_map():
    from macros.geography import placeable
    for key, record in SITES.items():
        c = record["coordinates"]
        assert placeable(c["lat"], c["lon"]), key


@pytest.mark.parametrize("lat, lon, expected", [
    (48.8566, 2.3522, True),     # Paris
    (42.70, 9.45, True),         # Bastia, Corsica
    (-12.78, 45.23, True),       # Mamoudzou, Mayotte
    (45.55, -73.60, True),       # Montréal
    (2.7786, 50.4228, False),    # Liévin with latitude and longitude swapped
    (50.08, 14.43, False),       # Prague: east of metropolitan France's panel
    (-21.11, 55.53, False),      # La Réunion: no panel for it
    (46.81, -71.21, False),      # Québec City: outside the Montréal inset
    (0.0, 0.0, False),
])
def test_placeable_tells_whether_a_point_falls_in_a_panel(lat, lon, expected):
    from macros.geography import placeable
    assert placeable(lat, lon) is expected


def test_a_site_outside_every_panel_is_reported_missing_not_silently_dropped(content):
    from macros.content import load_catalogue
    from macros.graphics import site_map
    file = content / "sites" / "lievin.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("{lat: 50.4228, lon: 2.7786",
                                                            "{lat: -21.11, lon: 55.53"), encoding="utf-8")
    drawn = site_map(load_catalogue(content), "fr")
    assert drawn["missing"] == ["lievin"]
    assert all(p["key"] != "lievin" for panel in drawn["panels"] for p in panel["points"])


def test_the_map_legend_names_france_once_whatever_the_kinds_of_its_sites(content):
    """Pilot and programme sites are both the French programme: one key in the legend,
    then the places of inspiration in Québec; each kind of site has its country."""
    from macros.content import load_catalogue
    from macros.geography import COUNTRY_OF_KIND
    from macros.graphics import site_map
    from macros.model import SITE_KINDS
    assert set(COUNTRY_OF_KIND) == set(SITE_KINDS)
    pilot = next(f for f in sorted((content / "sites").glob("*.yml")) if "kind: pilote" in f.read_text("utf-8"))
    pilot.write_text(pilot.read_text(encoding="utf-8").replace("kind: pilote", "kind: programme"), encoding="utf-8")
    catalogue = load_catalogue(content)
    assert {site.kind for site in catalogue.sites.values()} >= {"pilote", "programme", "inspiration"}
    assert site_map(catalogue, "fr")["legend"] == ["france", "inspiration"]


def test_timeline_axis_follows_the_data_and_keeps_every_mark_inside(content):
    """A 1995 step and a phase ending in 2027 widen the axis; nothing leaves the picture."""
    from macros.content import load_catalogue
    from macros.graphics import STEP_GAP, timeline
    step = content / "history" / "2011-kania-kramer.yml"
    step.write_text(step.read_text(encoding="utf-8").replace("date: 2011", "date: 1995-03"), encoding="utf-8")
    phase = content / "phases" / "formation-nationale-2025-2026.yml"
    phase.write_text(phase.read_text(encoding="utf-8").replace("end: 2026-06", "end: 2027-06"), encoding="utf-8")
    origins = content / "phases" / "origines.yml"
    origins.write_text(origins.read_text(encoding="utf-8").replace("start: 2011", "start: 1995"), encoding="utf-8")
    t = timeline(load_catalogue(content), "fr")
    assert (t["first"], t["last"]) == (1995, 2027)
    assert t["years"][0]["text"] == "1995"
    for p in t["phases"]:
        assert 0 <= p["x"] and p["x"] + p["width"] <= t["width"], p["key"]
        assert 0 <= p["label_x"] <= t["width"], p["key"]
    xs = [e["x"] for e in t["entries"]]
    labels = [e["label_x"] for e in t["entries"]]
    assert all(0 < x < t["width"] for x in xs + labels)
    # numbers in reading order, never touching
    assert all(b - a >= STEP_GAP - 0.1 for a, b in zip(labels, labels[1:])), labels
    # long runs of years without a step are squeezed into one segment
    assert any(y["squeezed"] for y in t["years"])


def test_timeline_prints_each_phase_name_once(site):
    markup = page(site, "histoire/index.html")
    names = [yaml.safe_load(f.read_text(encoding="utf-8"))["name"]["fr"]
             for f in (REPO / "content" / "phases").glob("*.yml")]
    for kind in ("narrow",):  # one timeline, downwards, at every width
        svg = re.search(rf'<svg[^>]*qic-timeline__{kind}.*?</svg>', markup, re.S).group(0)
        texts = [text_of(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
        for name in names:
            assert texts.count(html.unescape(name)) == 1, (kind, name)


# --- resources ------------------------------------------------------------------------

RESOURCES = records("resources")


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_resources_have_a_compact_table_and_group_those_without_a_link(site, lang, prefix):
    markup = article(page(site, f"{prefix}ressources/index.html"))
    rows = re.findall(r'<tr class="qic-resource-row"', markup)
    assert len(rows) == len(RESOURCES)
    unlinked = [k for k, r in RESOURCES.items() if not r.get("url")]
    body = markup[markup.index('class="qic-resource-table__unlinked"'):markup.index("</table>")]
    assert len(re.findall(r'<tr class="qic-resource-row"', body)) == len(unlinked)
    # marked once per view (the table's group heading, the cards' note), not once per resource
    assert "lien à trouver" not in markup and "link to be found" not in markup
    assert len(re.findall(rf"\(\s*{len(unlinked)}\s*\)", text_of(markup))) == 2
    # a title without a known address is not a link (it used to jump to its own card)
    for row in re.findall(r'<tr class="qic-resource-row".*?</tr>', body, re.S):
        assert "<a " not in row.split("</td>")[0], row


def table_columns(table: str) -> tuple[list[str], list[list[str]]]:
    """A table's column headings, and its columns as the texts of their cells (group rows left out)."""
    headings = [text_of(h) for h in re.findall(r"<thead>.*?</thead>", table, re.S)[0].split("</th>")[:-1]]
    rows = [[text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if "<td" in row]
    return headings, [[row[i] for row in rows] for i in range(len(headings))]


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_no_table_of_the_generated_pages_has_a_column_empty_in_every_row(site, lang, prefix):
    for path in ("ressources/index.html", "donnees/index.html", "contacts/index.html"):
        for table in re.findall(r"<table.*?</table>", article(page(site, prefix + path)), re.S):
            headings, columns = table_columns(table)
            for heading, cells in zip(headings, columns):
                assert any(cell not in ("", "—") for cell in cells), (path, heading)


def test_approach_pages_link_to_the_resources_instead_of_repeating_cards(site):
    for lang, prefix in LANGS:
        markup = article(page(site, f"{prefix}approche/index.html"))
        assert 'class="qic-card' not in markup
        assert 'href="../ressources/?topic=fondements"' in markup


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_five_conditions_are_one_card_each_in_both_formulations(site, lang, prefix):
    """Not a wall of text: each formulation (the classic one, the ANCT's) is a group of five
    cards, each named by its own heading (in the table of contents) and holding the
    sources' words in quotation marks."""
    markup = article(page(site, prefix + "approche/conditions/index.html"))
    groups = re.findall(r'<div class="qic-conditions">(.*?)</div>\s*<p>', markup, re.S)
    assert len(groups) == 2
    for group in groups:
        cards = re.findall(r'<section class="qic-condition">(.*?)</section>', group, re.S)
        assert len(cards) == 5
        for number, card in enumerate(cards, 1):
            headings = re.findall(r'<h3 id="[^"]+">(.*?)<a class="headerlink"', card, re.S)
            assert len(headings) == 1 and headings[0].startswith(f"{number}. "), card[:120]
            assert re.search("«|“|\"", text_of(card)), card[:120]  # the source's words, quoted


# --- about the site: who publishes it ------------------------------------------------

ABOUT_PAGES = ["a-propos/index.html", "a-propos/mentions-legales/index.html", "a-propos/accessibilite/index.html"]
NOT_DESIGNATED = {"fr": "ne sont pas encore désignés", "en": "have not yet been designated"}


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_about_pages_say_once_what_the_publisher_has_not_chosen_and_hold_no_placeholder(site, lang, prefix):
    """mkdocs.yml leaves extra.publisher empty (the sources name no publisher): each page
    says so in one sentence, never « à compléter » where a value would go."""
    for path in ABOUT_PAGES:
        words = text_of(article(page(site, prefix + path)))
        assert not re.search(r"à compléter|to be (completed|confirmed)|à confirmer", words, re.I), path
        assert words.count(NOT_DESIGNATED[lang]) == 1, path


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_about_section_opens_on_the_about_page_which_leads_to_sources_and_contributing(site, lang, prefix):
    home = page(site, prefix + "index.html")
    tabs = re.findall(r'<a href="([^"]+)" class="md-tabs__link">', home)
    assert tabs[-1] == "a-propos/"  # the « À propos » tab: the about page, no longer the open data
    markup = article(page(site, prefix + "a-propos/index.html"))
    for publisher in ("IREV", "RésO Villes", "ANCT", "Dynamo", "Tamarack"):
        assert publisher in markup
    hrefs = re.findall(r'href="([^"]+)"', markup)
    assert "../proposer/" in hrefs and "https://github.com/exemple/qic/blob/main/CONTRIBUTING.md" in hrefs
    for href in (h for h in hrefs if not h.startswith(("http", "mailto:"))):
        assert resolves(site, prefix + "a-propos/index.html", href), href


# --- in the browser ---------------------------------------------------------------

def phone(browser):
    return browser.new_context(viewport={"width": 375, "height": 812})


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "sites/"])
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_on_a_phone_every_site_of_the_map_is_on_screen_without_sideways_scrolling(browser, server, lang, prefix,
                                                                                      path):
    context = phone(browser)
    page = context.new_page()
    page.goto(server.url + prefix + path)
    boxes = page.locator(".qic-map .qic-map__point").evaluate_all(
        "points => points.map(p => { const r = p.getBoundingClientRect(); return [r.left, r.right, r.width]; })")
    assert len(boxes) == len(SITES)
    for left, right, width in boxes:
        assert 0 <= left and right <= 375 and width >= 8, (left, right, width)
    labels = page.locator(".qic-map .qic-map__label").evaluate_all(
        "labels => labels.map(l => { const r = l.getBoundingClientRect(); return [r.left, r.right]; })")
    assert all(0 <= left and right <= 375 for left, right in labels), labels
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".qic-map__legend li").count() == 2
    context.close()



@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_approach_pages_key_definition_boxes_are_at_body_text_size(browser, server, lang, prefix, width):
    """The quotation boxes that give the definitions on « L'approche » (and its other boxes)
    are read at the size of the paragraphs around them, not Material's smaller admonition text."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + prefix + "approche/")
    body = page.locator("article.md-content__inner > p:not([class])").first.evaluate("p => getComputedStyle(p).fontSize")
    definitions = page.locator("h2#definitions ~ .admonition.quote")
    assert definitions.count() >= 2
    sizes = page.locator(".md-content__inner .admonition > :not(.admonition-title)").evaluate_all(
        "parts => parts.map(p => [p.className || p.tagName, getComputedStyle(p).fontSize])")
    assert len(sizes) >= 5
    assert all(size == body for _, size in sizes), (body, sizes)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_on_a_phone_the_calendar_folds_each_past_event_and_a_link_opens_it(browser, server, lang, prefix):
    """At 375 px the past events show title, date and sites, their summaries folded: the page
    is at most three quarters of its length with every fold open (the folds save at least a
    quarter of the scrolling, whatever the number of events); one summary opens with a tap,
    and a link to an event (« au calendrier », from a site page) opens its fold."""
    context = phone(browser)
    page = context.new_page()
    page.goto(server.url + prefix + "calendrier/")
    folded = page.locator("article.qic-event--folded")
    assert folded.count() >= 5
    assert page.locator("details.qic-event__more[open]").count() == 0
    for i in range(folded.count()):
        event = folded.nth(i)
        assert event.locator(".qic-event__title").is_visible() and event.locator(".qic-event__date").is_visible()
        if event.locator(".qic-event__body").count():
            assert not event.locator(".qic-event__body").is_visible()
        for link in event.locator(".qic-facts a").all():
            assert link.is_visible()
    closed = page.evaluate("document.documentElement.scrollHeight")
    page.evaluate("document.querySelectorAll('details.qic-event__more').forEach(d => d.open = true)")
    opened = page.evaluate("document.documentElement.scrollHeight")
    assert closed <= 0.75 * opened, (closed, opened)
    page.reload()
    first = folded.first
    first.locator("details.qic-event__more > summary").click()
    assert first.locator(".qic-sources").is_visible()
    key = folded.nth(1).get_attribute("id")
    page.goto(server.url + prefix + "calendrier/#" + key)
    assert page.locator(f"#{key} .qic-sources").is_visible()
    context.close()

@pytest.mark.browser
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_on_a_phone_the_title_fits_the_header_and_the_entry_points_are_large(browser, server, lang, prefix):
    context = phone(browser)
    page = context.new_page()
    page.goto(server.url + prefix)
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
    doors = page.locator(".qic-door")
    assert doors.count() == 6
    for box in doors.evaluate_all("ds => ds.map(d => d.getBoundingClientRect().toJSON())"):
        assert box["height"] >= 44 and box["width"] >= 300 and box["right"] <= 375
    # the first screen says what this is and where to go
    assert page.locator(".qic-hero h1").bounding_box()["y"] < 812
    assert page.locator(".qic-door").first.bounding_box()["y"] < 812
    context.close()


@pytest.mark.browser
def test_on_a_desktop_the_timeline_names_each_step_beside_its_number(browser, server):
    """Bare numbers across the page (steps 4 to 9 crowded into 2022) could not be read
    without the list below: at every width, each number has its title beside it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "histoire/")
    assert page.locator(".qic-timeline__wide").count() == 0
    steps = page.locator(".qic-timeline__narrow a[href^='#histoire-']").evaluate_all("""links => links.map(a => {
        const n = a.querySelector('.qic-timeline__step-label').getBoundingClientRect();
        const t = a.querySelector('.qic-timeline__step-title');
        return [Number(a.querySelector('.qic-timeline__step-label').textContent), n.top, n.bottom, t.textContent.trim()]; })""")
    assert [n for n, *_ in steps] == list(range(1, len(steps) + 1))
    assert all(title for *_, title in steps)
    for (_, _, bottom, _), (_, top, _, _) in zip(steps, steps[1:]):
        assert bottom <= top, steps  # numbers never touch
    context.close()


def test_a_step_has_one_number_on_the_timeline_and_the_history_page():
    """Steps are numbered 1, 2, 3… in story order, and the narrow timeline and the
    history page give each step the same number."""
    import datetime as dt

    from macros import graphics, story
    from macros.content import load_catalogue
    from macros.pages import Views
    catalogue = load_catalogue(REPO / "content")
    on_page = Views(catalogue, "fr", dt.date(2026, 1, 1)).step_numbers()
    assert list(on_page) == [key for key, _ in story.steps(catalogue)]
    assert list(on_page.values()) == list(range(1, len(on_page) + 1))
    drawn = {step["key"]: step["number"] for step in graphics.timeline_narrow(catalogue, "fr")["steps"]}
    assert drawn == on_page


def test_a_step_known_only_to_the_year_comes_after_the_dated_steps_of_that_year():
    from macros import story
    from macros.content import load_catalogue
    catalogue = load_catalogue(REPO / "content")
    ordered = story.steps(catalogue)
    for (ka, a), (kb, b) in zip(ordered, ordered[1:]):
        assert a.date.first_day().year <= b.date.first_day().year
        if a.date.first_day().year == b.date.first_day().year and a.date.start.precision == "year":
            assert b.date.start.precision == "year", (ka, kb)


def test_timeline_titles_keep_french_quotes_with_their_words():
    from macros.graphics import _wrap
    lines = _wrap("L'ANCT lance l'expérimentation « Territoire Impact Collectif » et le « national »", 30, 3)
    for line in lines:
        assert not line.rstrip("…").endswith("«") and not line.startswith("»"), lines


@pytest.mark.browser
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_on_a_phone_the_timeline_runs_downwards_readable_and_uncluttered(browser, server, lang, prefix):
    context = phone(browser)
    page = context.new_page()
    page.goto(server.url + prefix + "histoire/")
    assert page.locator(".qic-timeline__wide").is_hidden()
    svg = page.locator(".qic-timeline__narrow").bounding_box()
    assert svg["x"] >= 0 and svg["x"] + svg["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    texts = page.locator(".qic-timeline__narrow text").evaluate_all("""ts => ts.map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, x: r.left, y: r.top, right: r.right, bottom: r.bottom,
                size: parseFloat(getComputedStyle(t).fontSize)}; })""")
    numbers = [int(t["text"]) for t in texts if t["text"].isdigit() and int(t["text"]) < 1000]
    assert numbers == list(range(1, len(numbers) + 1)) and numbers
    for t in texts:
        assert svg["x"] - 1 <= t["x"] and t["right"] <= svg["x"] + svg["width"] + 1, t["text"]
        assert t["size"] * svg["width"] / 340 >= 11, t["text"]  # at least 11 px on screen
    for i, a in enumerate(texts):  # no text over another
        for b in texts[i + 1:]:
            overlap = min(a["right"], b["right"]) - max(a["x"], b["x"]) > 1 and \
                min(a["bottom"], b["bottom"]) - max(a["y"], b["y"]) > 1
            assert not overlap, (a["text"], b["text"])
    # the axis never crosses a phase heading
    headings = page.locator(".qic-timeline__phase-heading").evaluate_all(
        "hs => hs.map(h => h.getBoundingClientRect().toJSON())")
    for line in page.locator(".qic-timeline__narrow line").evaluate_all(
            "ls => ls.map(l => l.getBoundingClientRect().toJSON())"):
        for h in headings:
            assert not (line["x"] >= h["left"] and line["x"] <= h["right"]
                        and line["top"] < h["bottom"] and line["bottom"] > h["top"]), (line, h)
    context.close()


@pytest.mark.browser
def test_resources_switch_between_table_and_cards_sort_and_filter_both(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "ressources/")
    assert page.locator(".qic-view--tableau").is_visible() and page.locator(".qic-view--fiches").is_hidden()
    page.select_option("#filtre-type", "video")
    types = page.locator(".qic-resource-row:not([hidden])").evaluate_all("rs => rs.map(r => r.dataset.type)")
    assert types and set(types) == {"video"}
    # the group « Sans lien connu (n) » counts what the filter leaves of it
    unlinked_videos = [k for k, r in RESOURCES.items() if not r.get("url") and r.get("type") == "video"]
    if unlinked_videos:
        assert page.locator(".qic-resource-table__group").inner_text().count(f"({len(unlinked_videos)})") == 1
    page.select_option("#filtre-type", "article")
    unlinked_articles = [k for k, r in RESOURCES.items() if not r.get("url") and r.get("type") == "article"]
    assert f"({len(unlinked_articles)})" in page.locator(".qic-resource-table__group").inner_text()
    # no result: one sentence, no table heading left alone
    publishers = {r.get("publisher") for r in RESOURCES.values()} - {None}
    types = {r.get("type") for r in RESOURCES.values()} - {None}
    pair = next((t, p) for t in sorted(types) for p in sorted(publishers)
                if not any(r.get("type") == t and r.get("publisher") == p for r in RESOURCES.values()))
    page.select_option("#filtre-type", pair[0])
    page.select_option("#filtre-publisher", pair[1])
    assert page.locator(".qic-resource-table thead").is_hidden()
    assert page.locator(".qic-filters__count").inner_text().startswith("Aucune ressource")
    page.click("button[type=reset]")
    page.locator(".qic-resource-table thead").wait_for(state="visible")  # the reset applies just after
    page.locator("thead th[data-sort=title] button").click()
    page.locator("thead th[data-sort=title] button").click()  # Z to A
    assert page.locator(".qic-resource-table tbody").first.evaluate("""body => {
        const values = Array.from(body.querySelectorAll(".qic-resource-row td:first-child"), td => td.dataset.value);
        return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1].localeCompare(v, "fr") >= 0); }""")
    page.check("input[name=vue][value=fiches]")
    assert page.locator(".qic-view--fiches").is_visible() and page.locator(".qic-view--tableau").is_hidden()
    assert "vue=fiches" in page.url
    # a link to one card (as from a site page) shows the cards
    key = next(k for k, r in RESOURCES.items() if not r.get("url"))
    page.goto(server.url + f"ressources/#ressource-{key}")
    assert page.locator(f"#ressource-{key}").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path, name", [("sites/lievin/", "Liévin"), ("histoire/", "Histoire apprenante")])
def test_print_is_a_clean_document_with_name_address_and_date(browser, server, path, name):
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    page.goto(server.url + path)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-content__button"):
        if page.locator(hidden).count():
            assert page.locator(hidden).first.is_hidden(), hidden
    heading = page.locator(".qic-print-header")
    assert heading.is_visible()
    text = heading.inner_text()
    assert "Quartiers à Impact Collectif" in text and server.url + path in text
    assert re.search(r"Imprimé le \d{1,2} \w+ 20\d\d", text), text
    assert name in page.locator("h1").first.inner_text()
    kept = page.locator(".qic-history-item, .qic-card, .qic-dated-list li").evaluate_all(
        "items => items.map(i => getComputedStyle(i).breakInside)")
    assert kept and set(kept) == {"avoid"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()


def test_previous_and_next_links_are_named_by_the_words_they_show(browser, server):
    """WCAG 2.5.3 (label in name): Material's aria-label « Suivant: Titre » differed from
    the words shown; a reader who says what is seen must reach the link. On a phone the
    previous link shows only its arrow: it still has a name."""
    for width in (1280, 375):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in ("approche/conditions/", "en/approche/conditions/", "sites/"):
            page.goto(server.url + path)
            links = page.locator(".md-footer__link")
            assert links.count() >= 1, path
            for index in range(links.count()):
                link = links.nth(index)
                # the same words: typography (’, unbreakable spaces) applies to text, not attributes
                shown = " ".join(link.inner_text().replace("’", "'").split())
                name = " ".join((link.get_attribute("aria-label") or shown).replace("’", "'").split())
                assert name and (shown in name), (width, path, shown, name)
                if width == 1280:
                    assert shown, (path, "no words shown")
        page.close()


# --- small things: tap targets, names of controls, the language switch, print --------

@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_map_points_are_targets_of_at_least_24_css_px(browser, server, width):
    """WCAG 2.5.8: each point of the map is a link at least 24 × 24 CSS px wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + "sites/")
    boxes = page.locator(".qic-map .qic-map__link").evaluate_all(
        "links => links.map(a => a.querySelector('.qic-map__hit').getBoundingClientRect().toJSON())")
    assert len(boxes) == len(SITES)
    for box in boxes:
        assert box["width"] >= 24 and box["height"] >= 24, box
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang, prefix", LANGS)
def test_every_control_has_an_accessible_name(browser, server, lang, prefix, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("", "ressources/", "sites/", "calendrier/"):
        page.goto(server.url + prefix + path)
        unnamed = page.evaluate("""() => Array.from(document.querySelectorAll(
            'a[href], button, select, input:not([type=hidden]), summary, label.md-header__button'))
          .filter(e => e.getClientRects().length)
          .filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || e.getAttribute('title')
                         || (e.labels && Array.from(e.labels).some(l => l.textContent.trim()))))
          .map(e => e.outerHTML.slice(0, 120))""")
        assert unnamed == [], (path, unnamed)
    menu = page.locator("label.md-header__button[for=__drawer]")
    assert menu.inner_text().strip() or menu.text_content().strip()
    context.close()


@pytest.mark.browser
def test_the_language_switch_keeps_the_place_in_the_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "histoire/#histoire-2011-kania-kramer")
    href = page.locator('.md-select__link[hreflang="en"]').get_attribute("href")
    link = page.locator('.md-select__link[hreflang="en"]').evaluate("a => a.href")
    assert link.endswith("en/histoire/#histoire-2011-kania-kramer"), (href, link)
    context.close()


@pytest.mark.browser
def test_print_shows_the_address_of_each_outside_link(browser, server):
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    page.goto(server.url + "ressources/")
    page.emulate_media(media="print")
    shown = page.locator(".qic-resource a[href^='http']").first.evaluate(
        "a => [a.href, getComputedStyle(a, '::after').content]")
    assert shown[0] in shown[1], shown
    context.close()
