"""Calendars, contact cards, open data and pictures, read back with real parsers."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import icalendar
import pytest
import vobject
import yaml

from conftest import REPO, SITE_URL
from macros.model import KINDS

SVG = "{http://www.w3.org/2000/svg}"


def events_of(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    # UIDs are "<event>.<language>@…": one entry per event and language
    return calendar, {str(e["uid"]).split("@")[0].rsplit(".", 1)[0]: e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("prefix, summary", [("", "Lancement de la formation nationale à Marseille"),
                                             ("en/", "Launch of the national training in Marseille")])
def test_programme_calendar_has_every_event_with_all_day_spans(site, prefix, summary):
    calendar, events = events_of(site / prefix / "calendrier" / "programme.ics")
    assert set(events) == {f.stem for f in (REPO / "content" / "events").glob("*.yml")}
    assert str(calendar["x-wr-timezone"]) == "Europe/Paris"
    marseille = events["lancement-formation-marseille-2025"]
    assert str(marseille["summary"]) == summary
    # 30 September and 1 October 2025: a two-day all-day span (DTEND is exclusive)
    assert marseille.decoded("dtstart") == dt.date(2025, 9, 30)
    assert marseille.decoded("dtend") == dt.date(2025, 10, 2)
    # "octobre 2022": the whole month
    immersion = events["immersion-montreal-2022"]
    assert immersion.decoded("dtstart") == dt.date(2022, 10, 1)
    assert immersion.decoded("dtend") == dt.date(2022, 11, 1)
    assert str(immersion["x-qic-timezone"]) == "America/Toronto"
    # October 2025 to June 2026
    training = events["formation-accompagnement-2025-2026"]
    assert (training.decoded("dtstart"), training.decoded("dtend")) == (dt.date(2025, 10, 1), dt.date(2026, 7, 1))


UNCERTAIN = {  # event: (first day, day after the last, precision, French words, English words)
    "festival-impact-collectif-2022": (dt.date(2022, 1, 1), dt.date(2023, 1, 1), "year",
                                       "(date précise inconnue\u00a0: 2022)", "(exact date unknown: 2022)"),
    "formation-nationale-qic-2024": (dt.date(2024, 1, 1), dt.date(2025, 1, 1), "year",
                                     "(date précise inconnue\u00a0: 2024)", "(exact date unknown: 2024)"),
    "immersion-montreal-2022": (dt.date(2022, 10, 1), dt.date(2022, 11, 1), "month",
                                "(date précise inconnue\u00a0: octobre 2022)", "(exact date unknown: October 2022)"),
    "accompagnement-tic-2022-2023": (dt.date(2022, 10, 1), dt.date(2023, 6, 1), "month",
                                     "(dates précises inconnues\u00a0: d’octobre 2022 à mai 2023)",
                                     "(exact dates unknown: October 2022 to May 2023)"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_calendars_keep_uncertain_dates_uncertain(site, lang):
    """Issue "Trust to the edges", item 3: an event known only to the month or the year
    keeps the whole month or year, and its title and the first words of its description
    say that the exact day is unknown; then its note and its sources (title, address)."""
    from macros.content import load_catalogue
    catalogue = load_catalogue(REPO / "content", REPO)
    prefix = "en/" if lang == "en" else ""
    for path in [site / prefix / "calendrier" / "programme.ics",
                 *(site / prefix / "calendrier" / "sites").glob("*.ics")]:
        for key, event in events_of(path)[1].items():
            record = catalogue.events[key]
            summary, description = str(event["summary"]), str(event["description"])
            assert summary.startswith(record.title.get(lang)), (path, key)
            assert str(event["x-qic-date"]) == record.date.iso()
            if key in UNCERTAIN:
                first, after, precision, french, english = UNCERTAIN[key]
                assert (event.decoded("dtstart"), event.decoded("dtend")) == (first, after)
                assert summary == f"{record.title.get(lang)} {french if lang == 'fr' else english}"
                assert str(event["x-qic-date-precision"]) == precision
                opening = {("fr", "month"): "Date connue au mois près", ("fr", "year"): "Date connue à l'année près",
                           ("en", "month"): "Date known to the month only",
                           ("en", "year"): "Date known to the year only"}[lang, precision]
                if record.date.end:
                    opening = opening.replace("Date connue", "Dates connues").replace("Date known", "Dates known")
                assert description.startswith(opening + ("\u00a0: " if lang == "fr" else ": ")), description
            elif key == "lancement-formation-marseille-2025":  # known to the day: nothing added
                assert summary == record.title.get(lang) and str(event["x-qic-date-precision"]) == "day"
                assert not description.startswith(("Date", "Dates"))
            if record.note:
                assert record.note.get(lang) in description
            label = "Sources\u00a0:" if lang == "fr" else "Sources:"
            lines = description.split(label, 1)[1].strip().splitlines()
            assert lines == [f"- {catalogue.sources[c.source].title.get(lang)}" for c in record.sources], key
    festival = events_of(site / prefix / "calendrier" / "programme.ics")[1]["festival-impact-collectif-2022"]
    assert ("courant 2022" if lang == "fr" else "during 2022") in str(festival["description"]).lower()


def test_a_source_s_address_is_given_with_its_title():
    """No event of the content cites a document with an address yet: one is added."""
    from macros import exports, feeds
    from macros.content import load_catalogue
    catalogue = load_catalogue(REPO / "content", REPO)
    key, event = "immersion-montreal-2022", catalogue.events["immersion-montreal-2022"]
    document = next(k for k, d in catalogue.sources.items() if d.url)
    cited = event.model_copy(update={"sources": [
        *event.sources, type(event.sources[0])(source=document, excerpts=["quelques mots de la source, cités ici"]),
        type(event.sources[0])(url="https://example.net/page", excerpts=["quelques mots de la page, cités ici"])]})
    text = icalendar.Calendar.from_ical(feeds.calendar(
        [(key, cited)], "fr", "Essai", dt.date(2026, 11, 30), catalogue.organisations,
        sources=catalogue.sources)).walk("VEVENT")[0]["description"]
    title, url = catalogue.sources[document].title.fr, catalogue.sources[document].url
    assert text.endswith(f"- {title} <{url}>\n- <https://example.net/page>")
    assert feeds.source_line(title, str(url)) == f"{title} <{url}>"
    first = event.sources[0].source
    assert exports.calendar_dates(catalogue)[key]["sources"][0]["title"]["fr"] == catalogue.sources[first].title.fr


def test_each_site_has_its_own_calendar_in_its_time_zone(site):
    naming = {}  # site -> the events that name it (an event names its sites)
    for file in (REPO / "content" / "events").glob("*.yml"):
        for key in yaml.safe_load(file.read_text(encoding="utf-8")).get("sites", []):
            naming.setdefault(key, set()).add(file.stem)
    assert naming, "no event names a site"
    for file in (REPO / "content" / "sites").glob("*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        calendar, events = events_of(site / "calendrier" / "sites" / f"{file.stem}.ics")
        assert set(events) == naming.get(file.stem, set())
        expected = "America/Toronto" if data["country"] == "CA" else \
            "Indian/Mayotte" if data["region"] == "Mayotte" else "Europe/Paris"
        assert str(calendar["x-wr-timezone"]) == expected
        assert f'calendrier/sites/{file.stem}.ics"' in (site / "sites" / file.stem / "index.html").read_text()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_calendar_entries_link_to_the_event_on_this_language_s_calendar_page(published, prefix):
    """Released with SITE_URL: each entry's URL is the event on the calendar page of
    the calendar's own language (no /en/en/), in the programme's calendar and in each
    site's, and the page has that anchor."""
    page = (published / prefix / "calendrier" / "index.html").read_text(encoding="utf-8")
    files = [published / prefix / "calendrier" / "programme.ics",
             *sorted((published / prefix / "calendrier" / "sites").glob("*.ics"))]
    seen = 0
    for path in files:
        for key, event in events_of(path)[1].items():
            assert str(event["url"]) == f"{SITE_URL}{prefix}calendrier/#evenement-{key}", path
            assert f'id="evenement-{key}"' in page
            seen += 1
    assert seen > len(files)


def test_vcards_parse_and_only_public_contacts_are_published(site, content, tmp_path):
    card = vobject.readOne((site / "contacts" / "frederic-frenard.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Frédéric Frénard"
    assert card.email.value == "frederic.frenard@resovilles.com"
    assert card.tel.value == "tel:+33621793427"
    assert card.org.value == ["RésO Villes"]
    for file in (REPO / "content" / "contacts").glob("*.yml"):
        vcf = site / "contacts" / f"{file.stem}.vcf"
        assert vcf.exists() == bool(yaml.safe_load(file.read_text(encoding="utf-8"))["public"])


def test_a_private_contact_is_published_nowhere(content, tmp_path):
    from conftest import run_build
    file = content / "contacts" / "christine-duval.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("public: true", "public: false"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_build(content, out).returncode == 0
    assert not (out / "contacts" / "christine-duval.vcf").exists()
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".vcf", ".ics"):
            assert "christine.duval" not in path.read_text(encoding="utf-8", errors="ignore"), path


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_open_data_page_lists_each_kind_s_json_schema_and_every_link_resolves(site, prefix):
    markup = (site / prefix / "donnees" / "index.html").read_text(encoding="utf-8")
    table = markup.split("<table>", 1)[1].split("</table>", 1)[0]
    hrefs = re.findall(r'<a href="([^"]+)"', table)
    paths = [urlsplit(urljoin(f"http://x/{prefix}donnees/", href)).path for href in hrefs]
    for record in KINDS.values():  # published once, at the French site's root, as /donnees/
        assert f"/schemas/{record.file_name}.schema.json" in paths, record.file_name
        assert f"<code>/schemas/{record.file_name}.schema.json</code>" in table
    for path in paths:
        target = site / path.lstrip("/")
        assert (target / "index.html" if path.endswith("/") else target).is_file(), path
    assert json.loads((site / "schemas" / "site.schema.json").read_text(encoding="utf-8"))["title"] == "Site"


def test_json_export_holds_every_published_record_valid_against_the_model(site):
    data = json.loads((site / "donnees" / "contenu.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    for kind, model in KINDS.items():
        on_disk = {f.stem for f in (REPO / "content" / kind).glob("*.yml")}
        assert set(data["records"][kind]) == on_disk
        for key, record in data["records"][kind].items():
            model.model_validate(record)


def test_csv_exports_have_one_row_per_record(site):
    for name, folder in (("sites", "sites"), ("evenements", "events"), ("ressources", "resources")):
        rows = list(csv.DictReader(io.StringIO((site / "donnees" / f"{name}.csv").read_text(encoding="utf-8"))))
        assert {row["id"] for row in rows} == {f.stem for f in (REPO / "content" / folder).glob("*.yml")}
    sites = {row["id"]: row for row in csv.DictReader(io.StringIO(
        (site / "donnees" / "sites.csv").read_text(encoding="utf-8")))}
    assert sites["conde-sur-l-escaut"]["nom_fr"] == "Condé-sur-l'Escaut"
    assert float(sites["lievin"]["latitude"]) == pytest.approx(50.42, abs=0.05)


def test_event_exports_carry_precision_note_and_sources(site):
    """evenements.csv and contenu.json say how precisely each date is known, and
    carry the note on the sources and the sources (title and address)."""
    from macros.content import load_catalogue
    catalogue = load_catalogue(REPO / "content", REPO)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        (site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    data = json.loads((site / "donnees" / "contenu.json").read_text(encoding="utf-8"))["calendar"]
    assert set(rows) == set(data) == set(catalogue.events)
    expected = {"festival-impact-collectif-2022": "year", "immersion-montreal-2022": "month",
                "accompagnement-tic-2022-2023": "month", "lancement-formation-marseille-2025": "day"}
    for key, precision in expected.items():
        assert rows[key]["precision_date"] == data[key]["precision"] == precision
    for key, event in catalogue.events.items():
        row, entry = rows[key], data[key]
        assert (row["note_fr"], row["note_en"]) == ((event.note.fr, event.note.en) if event.note else ("", ""))
        assert entry.get("note") == (event.note.model_dump(exclude_none=True) if event.note else None)
        titles = [catalogue.sources[c.source].title for c in event.sources]
        assert row["sources"].splitlines() == [t.fr for t in titles]
        assert [s["title"] for s in entry["sources"]] == [t.model_dump(exclude_none=True) for t in titles]
        assert (entry["first_day"], entry["last_day"]) == (row["debut"], row["fin"])
        assert entry["date"] == row["date"] == event.date.iso()


def svgs(page):
    html = page.read_text(encoding="utf-8")
    found = []
    start = 0
    while (start := html.find("<svg xmlns", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        svg = ET.fromstring(html[start:end])
        if "qic-svg" in svg.get("class", ""):  # ours, not the theme's icons
            found.append(svg)
        start = end
    return found


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_site_map_is_accessible_and_links_every_site(site, prefix):
    (svg,) = svgs(site / prefix / "sites" / "index.html")
    assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    ids = svg.get("aria-labelledby").split()
    assert {svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")} == set(ids)
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    expected = {f"../sites/{f.stem}/" for f in (REPO / "content" / "sites").glob("*.yml")}
    assert sorted(links) == sorted(expected)  # one link per site, none twice
    for a in svg.iter(f"{SVG}a"):
        assert a.find(f"{SVG}title").text  # every point has a name


def test_timeline_marks_every_history_step(site):
    drawn = svgs(site / "histoire" / "index.html")  # one labelled timeline, downwards, at every width
    assert drawn
    for svg in drawn:
        assert svg.find(f"{SVG}title").text.startswith("Frise")
        steps = [a.get("href") for a in svg.iter(f"{SVG}a") if a.get("href").startswith("#histoire-")]
        assert len(steps) == len(list((REPO / "content" / "history").glob("*.yml")))
        html = (site / "histoire" / "index.html").read_text(encoding="utf-8")
        for href in steps:
            assert f'id="{href[1:]}"' in html  # each marker leads to its text


def test_continuum_positions_are_drawn_when_a_site_has_them(content, tmp_path):
    from conftest import run_build
    file = content / "sites" / "hazebrouck.yml"
    file.write_text(file.read_text(encoding="utf-8") + (
        "continuum:\n  - {date: 2022-05, level: coexistence, source: irev-territoire-impact-collectif}\n"
        "  - {date: 2023-02, level: coordination, source: irev-territoire-impact-collectif}\n"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_build(content, out).returncode == 0, "build failed"
    (svg,) = svgs(out / "sites" / "hazebrouck" / "index.html")
    assert svg.get("role") == "img"
    assert "Hazebrouck\u00a0: mai 2022, Coexistence\u202f; février 2023, Coordination." in svg.find(f"{SVG}desc").text
    assert len(list(svg.iter(f"{SVG}circle"))) == 2
    page = (out / "approche" / "continuum-cooperation" / "index.html").read_text(encoding="utf-8")
    assert "Hazebrouck" in "".join(t.text or "" for s in svgs(out / "approche" / "continuum-cooperation" / "index.html")
                                   for t in s.iter(f"{SVG}text"))
    assert "continuum-titre-tous" in page


def test_a_calendar_or_card_made_again_follows_every_change_of_its_inputs():
    """Feeds are not made again from identical inputs (preview server); any change
    of an event, a contact or an organisation must still reach the file."""
    from macros import feeds
    from macros.content import load_catalogue

    catalogue = load_catalogue(REPO / "content", REPO)
    organisations = catalogue.organisations
    key = "lancement-experimentation-2022"  # an event with an organiser named by its source
    event = catalogue.events[key]
    first = feeds.calendar([(key, event)], "fr", "Essai", dt.date(2026, 11, 30), organisations)
    assert feeds.calendar([(key, event)], "fr", "Essai", dt.date(2026, 11, 30), organisations) == first
    moved = event.model_copy(update={"title": event.title.model_copy(update={"fr": "Titre changé"})})
    assert "Titre changé" in feeds.calendar([(key, moved)], "fr", "Essai", dt.date(2026, 11, 30),
                                            organisations).decode()
    assert event.organisers
    renamed = {**organisations}
    for org in event.organisers:
        renamed[org] = organisations[org].model_copy(update={"name": organisations[org].name.model_copy(
            update={"fr": "Organisme renommé"})})
    assert "Organisme renommé" in feeds.calendar([(key, event)], "fr", "Essai", dt.date(2026, 11, 30),
                                                 renamed).decode()
    contact_key, contact = next(iter(catalogue.contacts.items()))
    card = feeds.vcard(contact, organisations[contact.organisation], "fr", contact_key).decode()
    changed = contact.model_copy(update={"name": "Prénom Changé"})
    assert "Prénom Changé" in feeds.vcard(changed, organisations[contact.organisation], "fr", contact_key).decode()
    assert feeds.vcard(contact, organisations[contact.organisation], "fr", contact_key).decode() == card
    assert feeds.contact_uid(contact_key) in card
    other = feeds.vcard(contact, organisations[contact.organisation], "fr", "autre").decode()
    assert feeds.contact_uid("autre") in other and feeds.contact_uid(contact_key) not in other


def test_each_csv_file_has_its_described_columns_in_every_row():
    """The open data's CSV files are those datapackage.json describes, each headed by its
    described columns, and every row has a cell for each column."""
    from macros import exports
    from macros.content import load_catalogue
    from macros.downloads import datapackage
    files = dict(exports.csv_files(load_catalogue(REPO / "content")))
    described = {r["path"]: [f["name"] for f in r["schema"]["fields"]]
                 for r in json.loads(datapackage(dt.date(2026, 1, 1)))["resources"] if r["format"] == "csv"}
    assert set(files) == set(described) == {"sites.csv", "evenements.csv", "ressources.csv"}
    for name, data in files.items():
        header, *rows = csv.reader(io.StringIO(data.decode("utf-8")))
        assert header == described[name]
        assert rows and all(len(row) == len(header) for row in rows), name


def test_the_fingerprints_are_published_for_the_form_without_the_text_s_file_name():
    """donnees/empreintes/<id>.json: each source's committed fingerprint (the same salt and
    hashes), once, in the French site; the form's data say which sources have one and
    give each source's public address, from its record only."""
    import base64

    from macros.content import load_catalogue
    from macros.downloads import form_data, generated_downloads
    catalogue = load_catalogue(REPO / "content", REPO)
    day = dt.date(2026, 11, 30)
    files = dict(generated_downloads(catalogue, "fr", day))
    published = {path: data for path, data in files.items() if path.startswith("donnees/empreintes/")}
    assert sorted(published) == [f"donnees/empreintes/{key}.json" for key in sorted(catalogue.fingerprints)]
    assert not [path for path, _ in generated_downloads(catalogue, "en", day) if "empreintes" in path]
    for key, fingerprint in catalogue.fingerprints.items():
        data = json.loads(published[f"donnees/empreintes/{key}.json"])
        joined = base64.b64decode(data["hashes"])
        hashes = [joined[i:i + data["bytes"]] for i in range(0, len(joined), data["bytes"])]
        assert hashes == sorted(fingerprint.hashes) and data["count"] == len(hashes)
        assert bytes.fromhex(data["salt"]) == fingerprint.salt and data["shingles"] == list(fingerprint.sizes)
        assert fingerprint.file not in published[f"donnees/empreintes/{key}.json"].decode()
    assert sum(map(len, published.values())) < 150_000  # about 11 bytes a hash (the text files: 17)
    script = form_data(catalogue).decode("utf-8")
    sources = json.loads(script.removeprefix("window.QIC_FORM = ").removesuffix(";\n"))["sources"]
    assert sources == {key: {"url": entry.record.url, "fingerprint": key in catalogue.fingerprints}
                       for key, entry in catalogue.entries["sources"].items()}
