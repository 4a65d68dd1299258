"""The "Proposer une fiche" form (docs/*/proposer.md, overrides/assets/form.js) in
a real browser: what it writes passes the real check and build, its GitHub links
carry the right file, its messages are the check's, it starts from a record's
values, and it works with the keyboard, without a third party and without errors
that axe finds serious."""
from __future__ import annotations

import html
import re
import shutil
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from browser import Server
from conftest import REPO, run_build, run_check

pytestmark = pytest.mark.browser

REPO_URL = "https://github.com/exemple/qic"  # conftest.run_build's
TOP = "#qic-form .qic-fields > "  # a field of the record itself, not of a list item
TRICKY = 'Texte : « guillemets » "droits", #dièse, \\ barre oblique, tab\tfin'

# a source record of content/sources/ cited by the form, and passages that are in its text
# (verbatim, or differing only by what the check ignores: apostrophes, guillemets, spaces)
SOURCES = TOP + "[data-field=sources] "


def source(n: int) -> str:
    """The n-th citation (from 1) of the record's `sources`."""
    return SOURCES + f".qic-items > .qic-item:nth-child({n}) "


def cite(n: int, record: str | None = None, url: str | None = None, excerpts: tuple = ()) -> list:
    """The steps that fill the n-th citation: a source record or a web address, and its excerpts."""
    steps = [] if n == 1 else [("click", SOURCES + "> .qic-add")]
    if url:
        steps += [("check", source(n) + "input[value=url]"), ("fill", source(n) + "[name=url]", url)]
    else:
        steps += [("select", source(n) + "select[name=source]", record)]
    for index, excerpt in enumerate(excerpts):
        if index:
            steps.append(("click", source(n) + ".qic-add-excerpt"))
        steps.append(("fill", source(n) + f"textarea[name=excerpt] >> nth={index}", excerpt))
    return steps


IREV = "Les quartiers des Hauts-de-France participant à l'expérimentation se situent à Liévin"
RESO = "L'expression \"impact collectif\" a été inventée en 2011 par John Kania et Mark Kramer"  # ’ and « » in the text
ANCT = "30 septembre et 1er octobre 2025 à Marseille - Lancement de la formation"  # **bold** in the text
DYNAMO = "Courant 2022, 19 personnes débarquaient à Montréal pour le Festival Impact collectif."
QUOTE = ("Nous comprenons mieux la force d’une communication régulière et adaptée aux différentes parties "
         "prenantes pour faire du sens ensemble.")  # a testimonial is looked for in the cited sources too
NOTE = ("La source écrit « Condé sur Escaut » : nom gardé tel quel.", "The source writes “Condé sur Escaut”.")

# kind -> (what to do in the form, expected file name, a text the built site must show)
RECIPES = {
    "sites": ([
        ("fill", TOP + '[data-field=name] [name="name.fr"]', "Saint-Denis « Plaine » : test #1"),
        ("select", TOP + "[data-field=kind] select", "programme"),
        ("fill", TOP + "[data-field=region] input", "Île-de-France"),
        ("select", TOP + "[data-field=country] select", "FR"),
        ("fill", TOP + "[data-field=coordinates] [name=lat]", "48.92"),
        ("fill", TOP + "[data-field=coordinates] [name=lon]", "2.35"),
        ("select", TOP + "[data-field=coordinates] select", "quartier"),
        ("check", TOP + "[data-field=phases] input[value=formation-nationale-2025-2026]"),
        ("check", TOP + "[data-field=organisations] input[value=irev]"),
        ("check", TOP + "[data-field=organisations] input[value=anct]"),
        ("fill", TOP + '[data-field=summary] [name="summary.fr"]',
         "Premier paragraphe : « citation » et *italique*.\n\nSecond paragraphe, #2."),
        ("fill", TOP + '[data-field=challenge] [name="challenge.fr"]', TRICKY),
        ("click", TOP + "[data-field=continuum] .qic-add"),
        ("fill", TOP + '[data-field=continuum] [name="date.start"]', "2025-10"),
        ("select", TOP + "[data-field=continuum] [data-field=level] select", "collaboration"),
        ("select", TOP + "[data-field=continuum] [data-field=source] select[name=source]", "irev-territoire-impact-collectif"),
        ("fill", TOP + "[data-field=continuum] [data-field=source] textarea[name=excerpt]",
         "En 2022, neuf collectifs locaux ont été constitués"),
        ("fill", TOP + "[data-field=last_checked] input", "2026-11-30"),
        ("fill", TOP + '[data-field=note] [name="note.fr"]', NOTE[0]),
        ("fill", TOP + '[data-field=note] [name="note.en"]', NOTE[1]),
        *cite(1, "irev-territoire-impact-collectif", excerpts=(
            IREV, "En 2022, neuf collectifs locaux ont été constitués dans trois régions françaises")),
        *cite(2, url="https://collectif.test/saint-denis?x=1#a"),
    ], "saint-denis-plaine-test-1", "sites/saint-denis-plaine-test-1/index.html", "nom gardé tel quel"),  # the note
    "events": ([
        ("fill", TOP + '[data-field=title] [name="title.fr"]', "Rencontre d'essai"),
        ("fill", TOP + '[data-field=title] [name="title.en"]', "Test meeting"),
        ("check", TOP + "[data-field=date] input[value=period]"),
        ("fill", TOP + '[data-field=date] [name="date.start"]', "2026-01"),
        ("fill", TOP + '[data-field=date] [name="date.end"]', "2026-06"),
        ("fill", TOP + '[data-field=place] [name="place.fr"]', "Lille"),
        ("check", TOP + "[data-field=organisers] input[value=anct]"),
        ("select", TOP + "[data-field=phase] select", "formation-nationale-2025-2026"),
        *cite(1, "reso-villes-quartiers-impact-collectif-2024", excerpts=(RESO,)),
    ], "rencontre-d-essai-2026", "calendrier/index.html", "Rencontre d’essai"),  # French typography on the page
    "resources": ([
        ("fill", TOP + '[data-field=title] [name="title.fr"]', "Guide d'essai : « méthode »"),
        ("fill", TOP + "[data-field=url] input", "https://collectif.test/guide"),
        ("select", TOP + "[data-field=type] select", "guide"),
        ("select", TOP + "[data-field=language] select", "fr"),
        ("select", TOP + "[data-field=publisher] select", "anct"),
        ("fill", TOP + "[data-field=year] input", "2024"),
        ("fill", TOP + '[data-field=summary] [name="summary.fr"]', "Un résumé."),
        ("check", TOP + "[data-field=topics] input[value=confiance]"),
        *cite(1, url="https://collectif.test/guide"),
    ], "guide-d-essai-methode", "ressources/index.html", "Guide d’essai"),
    "contacts": ([
        ("fill", TOP + "[data-field=name] input", "Camille Essai"),
        ("fill", TOP + '[data-field=role] [name="role.fr"]', "Chargée de mission"),
        ("select", TOP + "[data-field=organisation] select", "anct"),
        ("fill", TOP + "[data-field=email] input", "camille.essai@collectif.test"),
        ("fill", TOP + "[data-field=phone] input", "06 21 79 34 27"),
        ("check", TOP + "[data-field=public] input"),
        ("fill", TOP + "[data-field=last_checked] input", "2026-11-30"),
        *cite(1, url="https://collectif.test/annuaire", excerpts=("Camille Essai, chargée de mission",)),
    ], "camille-essai", "contacts/index.html", "Camille Essai"),
    "organisations": ([
        ("fill", TOP + '[data-field=name] [name="name.fr"]', "Association d'essai"),
        ("fill", TOP + "[data-field=short_name] input", "AE"),
        ("select", TOP + "[data-field=kind] select", "association"),
        ("select", TOP + "[data-field=country] select", "FR"),
        ("fill", TOP + "[data-field=website] input", "https://collectif.test"),
        ("fill", TOP + '[data-field=description] [name="description.fr"]', "Son rôle."),
        *cite(1, "anct-approche-impacts-collectifs", excerpts=(ANCT,)),
    ], "association-d-essai", None, None),  # no page of its own: the build checks it with the others
    "history": ([
        ("fill", TOP + '[data-field=date] [name="date.start"]', "2025-11"),
        ("select", TOP + "[data-field=phase] select", "formation-nationale-2025-2026"),
        ("fill", TOP + '[data-field=title] [name="title.fr"]', "Étape d'essai"),
        ("fill", TOP + '[data-field=story] [name="story.fr"]', "Le récit : une ligne.\nUne autre ligne."),
        ("click", TOP + "[data-field=lessons] .qic-add"),
        ("fill", TOP + '[data-field=lessons] [name="text.fr"]', "Un enseignement."),
        ("select", TOP + "[data-field=lessons] select", "confiance"),
        ("click", TOP + "[data-field=testimonials] .qic-add"),
        ("fill", TOP + '[data-field=testimonials] [name="quote.fr"]', QUOTE),
        ("fill", TOP + '[data-field=testimonials] [name="speaker.fr"]', "Les participants"),
        ("check", TOP + "[data-field=sites] input[value=lievin]"),
        *cite(1, "dynamo-festival-impact-collectif-2022", excerpts=(DYNAMO,)),
    ], "2025-11-etape-d-essai", "histoire/index.html", "Étape d’essai"),
}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def open_form(page, server, kind: str, lang: str = "fr"):
    page.goto(server.url + ("en/" if lang == "en" else "") + "proposer/")
    page.check(f"#qic-kind-{kind}")
    page.wait_for_selector("#qic-yaml")


def fill(page, steps):
    for action, selector, *value in steps:
        if action == "fill":
            page.fill(selector, value[0])
        elif action == "select":
            page.select_option(selector, value[0])
        elif action == "check":
            page.check(selector)
        elif action == "click":
            page.click(selector)
    page.locator("#qic-form .qic-fields input, #qic-form .qic-fields textarea").last.blur()
    settled(page)  # the form settles after a pause in typing


def settled(page) -> None:
    """Wait until the form has caught up with the last key typed (it waits for a pause),
    and with the excerpt check's verdicts (they come from Web Crypto, later)."""
    page.wait_for_function("!document.getElementById('qic-form').dataset.pending"
                           " && !document.getElementById('qic-form').dataset.checking")


def produced(page) -> tuple[str, str, str]:
    """(file path shown, YAML text, GitHub link) once the form says there is no error."""
    page.click("button:has-text(\"Vérifier la fiche\")")
    status = page.inner_text("#qic-status")
    assert "Aucune erreur" in status, status + "\n" + page.input_value("#qic-yaml")
    path = page.inner_text(".qic-filename").split(": ", 1)[1].strip()
    return path, page.input_value("#qic-yaml"), page.get_attribute("#qic-github", "href")


def plain(text: str) -> str:
    """The words without French typography: the form writes l’éditeur and a no-break space
    before « : » (U+00A0) or inside « » (U+202F), the check prints to a terminal with
    plain characters. Only those differences are set aside: any other one still counts."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


check = run_check  # the command, in this process (conftest.run_check)


def warnings(stderr: str) -> list[str]:
    """The check's warnings, but the one that says the source texts are not there (a fresh
    clone, CI): then excerpts are not verified, and nothing else may be reported."""
    from macros.provenance import seeds_dir
    found = [line for line in stderr.splitlines() if ": avertissement: " in line]
    if not seeds_dir().is_dir():
        found = [line for line in found if "extraits non vérifiés" not in line]
    return found


def test_each_kind_filled_in_the_form_passes_the_real_check_and_build(page, server, content, tmp_path):
    written, texts = {}, {}
    for kind, (steps, expected_id, _, _) in RECIPES.items():
        open_form(page, server, kind)
        fill(page, steps)
        path, text, _ = produced(page)
        assert path == f"content/{kind}/{expected_id}.yml"
        assert text.startswith("# yaml-language-server: $schema=../../schemas/")
        assert ": \"\"" not in text and "[]" not in text  # nothing empty
        target = content.parent / path
        assert not target.exists()
        target.write_text(text, encoding="utf-8")
        written[kind] = yaml.safe_load(text)
        texts[kind] = text
    # the text went through the YAML as typed
    assert written["sites"]["challenge"] == {"fr": TRICKY}
    assert written["sites"]["summary"]["fr"].strip() == \
        "Premier paragraphe : « citation » et *italique*.\n\nSecond paragraphe, #2."
    assert written["sites"]["organisations"] == ["irev", "anct"]  # in the order chosen
    assert written["sites"]["coordinates"] == {"lat": 48.92, "lon": 2.35, "precision": "quartier"}
    assert written["events"]["date"] == {"start": "2026-01", "end": "2026-06"}
    assert written["contacts"]["public"] is True and written["contacts"]["phone"] == "06 21 79 34 27"
    assert written["history"]["lessons"] == [{"text": {"fr": "Un enseignement."}, "topic": "confiance"}]
    # citations as the content writes them: a source record with its excerpts, or a plain web address
    assert written["sites"]["sources"] == [
        {"source": "irev-territoire-impact-collectif",
         "excerpts": [IREV, "En 2022, neuf collectifs locaux ont été constitués dans trois régions françaises"]},
        "https://collectif.test/saint-denis?x=1#a"]
    assert "\n  - source: irev-territoire-impact-collectif\n    excerpts:\n      - \"Les quartiers" in texts["sites"]
    assert "\n  - https://collectif.test/saint-denis?x=1#a\n" in texts["sites"]
    assert written["sites"]["continuum"][0]["source"] == {
        "source": "irev-territoire-impact-collectif", "excerpts": ["En 2022, neuf collectifs locaux ont été constitués"]}
    assert written["sites"]["note"] == {"fr": NOTE[0], "en": NOTE[1]}
    assert list(written["sites"])[-2:] == ["note", "sources"]  # the note goes with the sources
    assert written["events"]["sources"] == [{"source": "reso-villes-quartiers-impact-collectif-2024", "excerpts": [RESO]}]
    assert written["resources"]["sources"] == ["https://collectif.test/guide"]
    assert written["contacts"]["sources"] == [{"url": "https://collectif.test/annuaire",
                                               "excerpts": ["Camille Essai, chargée de mission"]}]

    result = check(content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert warnings(result.stderr) == [], result.stderr
    out = tmp_path / "out"
    result = run_build(content, out, "--only", "fr")  # the French pages show the records
    assert result.returncode == 0, result.stdout + result.stderr
    for kind, (_, _, page_path, shown) in RECIPES.items():
        if page_path:
            assert shown in (out / page_path).read_text(encoding="utf-8"), (kind, page_path)


def test_the_github_link_creates_the_file_with_the_yaml_shown(page, server):
    steps, expected_id, _, _ = RECIPES["organisations"]
    open_form(page, server, "organisations")
    fill(page, steps)
    path, text, href = produced(page)
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/new/main"
    query = parse_qs(url.query, keep_blank_values=True)
    assert query["filename"] == [f"content/organisations/{expected_id}.yml"]
    assert query["value"] == [text]
    assert "Commit changes" in page.inner_text("#qic-next")
    # in English too, with the English page's words
    open_form(page, server, "organisations", "en")
    fill(page, steps)
    page.click("text=Check the record")
    assert "No error" in page.inner_text("#qic-status")
    assert parse_qs(urlsplit(page.get_attribute("#qic-github", "href")).query)["value"] == [text]


def test_a_change_starts_from_the_record_and_opens_github_s_editor(page, server, content):
    page.goto(server.url + "proposer/?kind=sites&id=lievin")
    page.wait_for_function("document.getElementById('qic-yaml') && document.getElementById('qic-yaml').value.includes('Liévin')")
    assert page.get_attribute("#qic-github", "href") == f"{REPO_URL}/edit/main/content/sites/lievin.yml"
    assert page.input_value("#qic-id") == "lievin"
    text = page.input_value("#qic-yaml")
    original = yaml.safe_load((content / "sites" / "lievin.yml").read_text(encoding="utf-8"))
    assert yaml.safe_load(text) == original  # same values, same order of the lists
    # a change made in the form is in the file, and the file still passes the check
    page.fill(TOP + "[data-field=region] input", "Hauts-de-France (Pas-de-Calais)")
    settled(page)
    (content / "sites" / "lievin.yml").write_text(page.input_value("#qic-yaml"), encoding="utf-8")
    result = check(content)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((content / "sites" / "lievin.yml").read_text())["region"] == "Hauts-de-France (Pas-de-Calais)"


HOSTILE_ADDRESSES = [
    "kind=sites&id=../../../../../../attacker/phish/blob/main/README.md%23",
    "kind=sites&id=lievin%2F..%2F..%2F..%2Fattacker",
    "kind=sites&id=lievin%23attacker",
    "kind=sites&id=Lievin",
    "kind=sites&id=" + "a" * 81,
    "kind=sites&id=lievin%0A",
    "kind=__proto__&id=lievin",
    "kind=..%2F..%2Fattacker&id=lievin",
]


def test_an_address_with_a_hostile_id_or_kind_is_ignored(page, server):
    """Only a known kind and an id the model accepts are taken from the address: else the
    form starts empty, and its GitHub button stays in the project's repository (the record
    filled and its button read for the two addresses that aim at another repository)."""
    for query in HOSTILE_ADDRESSES:
        page.goto(server.url + "proposer/?" + query)
        page.wait_for_selector("#qic-kind-sites")
        assert page.locator(".qic-editing").count() == 0, query
        page.check("#qic-kind-sites")
        page.wait_for_selector("#qic-yaml")
        assert page.get_attribute("#qic-id", "readonly") is None and "attacker" not in page.input_value("#qic-id"), \
            query
        if query not in HOSTILE_ADDRESSES[:2]:  # the two that aim at another repository's files
            continue
        fill(page, RECIPES["sites"][0])
        path, text, href = produced(page)
        url = urlsplit(href)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/new/main", (query, href)
        assert parse_qs(url.query)["filename"] == [path] and path.startswith("content/sites/") \
            and "attacker" not in path, query


@pytest.mark.parametrize("kind", ["sites", "events", "resources", "contacts", "organisations", "history"])
def test_every_published_record_comes_back_unchanged_through_the_form(page, server, kind):
    from macros.model import KINDS
    for file in sorted((REPO / "content" / kind).glob("*.yml")):
        if kind == "contacts" and not yaml.safe_load(file.read_text(encoding="utf-8"))["public"]:
            continue  # kept off the site, so not in the published data the form starts from
        page.goto(server.url + f"proposer/?kind={kind}&id={file.stem}", wait_until="domcontentloaded")
        page.wait_for_function("document.getElementById('qic-status').textContent.includes('erreur')")
        assert "Aucune erreur" in page.inner_text("#qic-status"), (file.name, page.inner_text("#qic-status"))
        again = yaml.safe_load(page.input_value("#qic-yaml"))
        original = yaml.safe_load(file.read_text(encoding="utf-8"))
        model = KINDS[kind]
        assert model.model_validate(again) == model.model_validate(original), file.name


# (field selector, value typed, what the check says about the same value in a file)
WRONG = [
    ("sites", TOP + "[data-field=region] input", "", "region: champ obligatoire manquant : « region »"),
    ("sites", TOP + "[data-field=coordinates] [name=lat]", "95",
     "coordinates.lat: valeur trop grande (limite : 90.0)"),
    ("sites", TOP + "[data-field=coordinates] [name=lon]", "2,35", "coordinates.lon: nombre attendu (ex. 50.42)"),
    ("sites", TOP + "[data-field=last_checked] input", "30/11/2026",
     "last_checked: date « 30/11/2026 » mal écrite : utilisez AAAA, AAAA-MM ou AAAA-MM-JJ"),
    ("events", TOP + '[data-field=date] [name="date.start"]', "2011-13",
     "date: mois 13 impossible dans « 2011-13 » (1 à 12)"),
    ("events", TOP + "[data-field=url] input", "www.exemple.fr",
     "url: adresse web « www.exemple.fr » invalide : elle doit commencer par https://"),
    ("contacts", TOP + "[data-field=email] input", "christine.duvàl@anct.gouv.fr",
     "email: adresse e-mail « christine.duvàl@anct.gouv.fr » invalide : caractère accentué « à »"),
    ("contacts", TOP + "[data-field=phone] input", "06 21 79",
     "phone: numéro de téléphone « 06 21 79 » invalide"),
    ("resources", TOP + "[data-field=year] input", "1800", "year: valeur trop petite (limite : 1900)"),
    ("history", TOP + '[data-field=date] [name="date.start"]', "2022-02-30",
     "date: jour 30 impossible dans « 2022-02-30 » : ce mois a 28 jours"),
]
@pytest.mark.parametrize("kind,selector,value,checked", WRONG, ids=[w[3].split(":")[0] + "-" + w[0] for w in WRONG])
def test_messages_while_typing_are_the_check_s_words(page, server, wrong_values_checked, kind, selector, value, checked):
    open_form(page, server, kind)
    field = page.locator(selector)
    field.fill("x")  # touched, then the value to judge
    field.fill(value)
    field.blur()
    settled(page)
    assert field.get_attribute("aria-invalid") == "true"
    error_id = field.get_attribute("aria-describedby").split()[-1]
    message = page.inner_text(f"#{error_id}").strip()
    assert message, "no message shown"
    # the message is the check's (after the field name), for the same value in a file
    assert plain(checked.split(": ", 1)[1]) in plain(message), (message, checked)
    stderr, files = wrong_values_checked
    said = [line for line in stderr.splitlines() if line.startswith(files[kind, selector, value] + ":")]
    assert any(plain(checked) in plain(line) for line in said), stderr


@pytest.fixture(scope="module")
def wrong_values_checked(tmp_path_factory) -> tuple[str, dict]:
    """The real check, run once on a copy of the content where each value of WRONG is in a
    record of its own: what the check says, and the file of each (kind, selector, value)."""
    content = tmp_path_factory.mktemp("wrong") / "content"
    shutil.copytree(REPO / "content", content)
    files, used = {}, {}
    for kind, selector, value, _checked in WRONG:
        index = used[kind] = used.get(kind, -1) + 1
        file = sorted((content / kind).glob("*.yml"))[index]
        _with_wrong_value(file, selector, value)
        files[kind, selector, value] = str(file)  # the check names a file outside the repository by its path
    result = check(content)
    assert result.returncode == 1, result.stderr
    return result.stderr, files


def _with_wrong_value(file, selector: str, value: str) -> None:
    """The record of `file` given the wrong value."""
    key = selector.split("data-field=")[1].split("]")[0]
    sub = selector.rsplit("[name=", 1)[1].rstrip("]").strip('"') if "[name=" in selector else None
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    if value == "":
        data.pop(key, None)
    elif key == "coordinates":
        data["coordinates"] = {**data["coordinates"], sub: value if "," in value else float(value)}
    elif key == "date":
        data["date"] = value
    else:
        data[key] = int(value) if value.isdigit() else value
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_an_id_already_taken_is_refused_and_a_new_one_is_suggested(page, server):
    open_form(page, server, "sites")
    page.fill(TOP + '[data-field=name] [name="name.fr"]', "Château-Thierry")
    settled(page)
    assert page.input_value("#qic-id") == "chateau-thierry"
    page.click("button:has-text(\"Vérifier la fiche\")")
    assert "identifiant « chateau-thierry » en double" in plain(page.inner_text("#qic-id-error"))
    page.fill("#qic-id", "Château Thierry 2")
    page.locator("#qic-id").blur()
    from macros import values  # the check's own words, not the form's
    with pytest.raises(ValueError) as said:
        values.check_id("Château Thierry 2")
    assert plain(str(said.value)) == plain(page.inner_text("#qic-id-error"))


def test_keyboard_only_and_errors_announced(page, server):
    page.goto(server.url + "proposer/")
    page.focus("#qic-kind-sites")
    page.keyboard.press("Space")
    assert page.is_checked("#qic-kind-sites")
    page.focus("button:has-text(\"Vérifier la fiche\")")
    page.keyboard.press("Enter")
    # the summary is a live region; focus goes to the first field to correct, whose message it announces
    assert page.get_attribute("#qic-status", "aria-live") == "polite"
    assert "erreurs à corriger" in page.inner_text("#qic-status")
    focused = page.evaluate("""() => { const e = document.activeElement;
        return [e.getAttribute('aria-invalid'), e.getAttribute('aria-describedby'), e.labels.length]; }""")
    assert focused[0] == "true" and focused[2] == 1
    described = " ".join(page.inner_text(f"#{i}") for i in focused[1].split())
    assert "champ obligatoire manquant" in described
    settled(page)  # still there once the form has settled
    assert "champ obligatoire manquant : « sources »" in plain(page.inner_text(TOP + "[data-field=sources]"))
    assert "champ obligatoire manquant : « summary »" not in plain(page.inner_text("#qic-form"))  # optional
    # "add" and "remove" buttons of a list work from the keyboard
    page.focus(TOP + "[data-field=continuum] .qic-add")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "date.start"
    page.focus(TOP + "[data-field=continuum] .qic-remove")
    page.keyboard.press("Enter")
    assert page.locator(TOP + "[data-field=continuum] .qic-item").count() == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_serious_accessibility_violation_and_no_third_party(browser, server, lang):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_form(page, server, "history", lang)
    # no fades: the theme's back-to-top button, shown as the check scrolls to the first message,
    # would be measured half-faded in (a contrast it never keeps)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.click(TOP + "[data-field=lessons] .qic-add")
    page.click("#qic-form .qic-actions button")  # check: every message shown
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    serious = [f"{v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []
    assert [url for url in requests if not url.startswith(server.url)] == []


def test_without_javascript_the_page_points_to_the_guide(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "proposer/")
    text = page.inner_text("article")
    context.close()
    assert "Ce formulaire a besoin de JavaScript" in text and "CONTRIBUTING.md" in text


def test_without_a_repository_the_yaml_is_still_shown_with_where_to_paste_it(page, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    markup = (copy / "proposer" / "index.html").read_text(encoding="utf-8")
    (copy / "proposer" / "index.html").write_text(markup.replace(f'data-repo="{REPO_URL}"', 'data-repo=""'),
                                                  encoding="utf-8")
    other = Server(copy)
    try:
        open_form(page, other, "organisations")
        fill(page, RECIPES["organisations"][0])
        page.click("button:has-text(\"Vérifier la fiche\")")
        assert page.locator("#qic-github").is_hidden()
        assert "créez le fichier content/organisations/association-d-essai.yml" in page.inner_text("#qic-next")
        assert page.input_value("#qic-yaml").startswith("# yaml-language-server")
    finally:
        other.close()


def test_the_form_data_holds_the_schemas_and_only_published_records(site, content):
    import json

    from macros.content import load_catalogue
    from macros.downloads import form_data
    from macros.schemas import schema_files
    # what the model generates (tests/test_schemas.py checks that schemas/ holds the same)
    for name, text in schema_files().items():
        assert (site / "schemas" / name).read_text(encoding="utf-8") == text
    script = (site / "assets" / "form-data.js").read_text(encoding="utf-8")
    assert script == (site / "en" / "assets" / "form-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.QIC_FORM = ").removesuffix(";\n"))
    assert ["lievin", "Liévin", "Liévin"] in data["records"]["sites"]
    assert data["schemas"]["sites"] == json.loads(schema_files()["site.schema.json"])
    # a contact kept off the site is not offered either
    file = content / "contacts" / "christine-duval.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("public: true", "public: false"), encoding="utf-8")
    text = form_data(load_catalogue(content, content.parent)).decode("utf-8")
    assert "christine" not in text.lower() and "frederic-frenard" in text


def test_a_date_is_a_year_a_month_or_a_day_or_a_period(page, server):
    open_form(page, server, "events")
    start, end = TOP + '[data-field=date] [name="date.start"]', TOP + '[data-field=date] [name="date.end"]'
    assert page.locator(end).is_hidden()
    for value in ("2025", "2025-09", "2025-09-30"):
        page.fill(start, value)
        settled(page)
        assert f"\ndate: {value}\n" in page.input_value("#qic-yaml")
    page.check(TOP + "[data-field=date] input[value=period]")
    page.fill(end, "2025-06")
    page.locator(end).blur()
    assert "la fin (2025-06) précède le début (2025-09-30)" in page.inner_text(TOP + "[data-field=date]")
    page.fill(end, "2026-06")
    settled(page)
    assert "\ndate: {start: 2025-09-30, end: 2026-06}\n" in page.input_value("#qic-yaml")


def test_a_long_list_of_choices_can_be_filtered_and_keeps_what_is_chosen(page, server):
    open_form(page, server, "sites")
    box = TOP + "[data-field=organisations]"
    page.check(box + " input[value=anct]")
    page.fill(box + " input[type=search]", "tamarack")
    visible = page.eval_on_selector_all(box + " .qic-choice", "els => els.filter(e => !e.hidden).map(e => e.querySelector('input').value)")
    assert visible == ["anct", "tamarack"]
    assert f"2 sur {len(list((REPO / 'content' / 'organisations').glob('*.yml')))}" in page.inner_text(box)
    page.check(box + " input[value=tamarack]")
    settled(page)
    assert "organisations: [anct, tamarack]" in page.input_value("#qic-yaml")


def test_a_template_s_placeholder_is_refused_as_the_check_refuses_it(page, server):
    open_form(page, server, "resources")
    for selector, value, said in (
            (TOP + "[data-field=url] input", "https://example.org/A-COMPLETER", "adresse d'exemple encore à remplacer"),
            (TOP + '[data-field=title] [name="title.fr"]', "À COMPLÉTER : titre", "texte du modèle encore à remplacer")):
        page.fill(selector, value)
        page.locator(selector).blur()
        error = page.get_attribute(selector, "aria-describedby").split()[-1]
        assert f"{said} : « {value} »" in plain(page.inner_text(f"#{error}"))


def test_the_form_works_from_a_copy_of_the_site_opened_as_files(page, site):
    page.goto((site / "proposer" / "index.html").as_uri())  # no server at all
    page.check("#qic-kind-organisations")
    fill(page, RECIPES["organisations"][0])
    path, text, href = produced(page)
    assert path == "content/organisations/association-d-essai.yml" and "value=" in href


SUGGEST = re.compile(r'<p class="qic-suggest"><a href="([^"]+)">(.*?)</a></p>')


@pytest.mark.parametrize("lang, prefix", [("fr", ""), ("en", "en/")])
def test_every_site_page_links_to_the_form_started_from_its_record(page, server, site, lang, prefix):
    words = {"fr": "Proposer une modification de cette page", "en": "Suggest a change to this page"}[lang]
    for file in sorted((REPO / "content" / "sites").glob("*.yml")):
        here = f"{prefix}sites/{file.stem}/"
        links = SUGGEST.findall((site / here / "index.html").read_text(encoding="utf-8"))
        page_link = [href for href, text in links if text == words]
        assert len(page_link) == 1, (file.stem, links)
        # relative, so that it works from any copy of the site; it leads to the form of the same language
        assert urljoin("http://x/" + here, html.unescape(page_link[0])) == \
            f"http://x/{prefix}proposer/?kind=sites&id={file.stem}"
        assert (site / prefix / "proposer" / "index.html").is_file()
    # followed in the browser, it opens the form with that record's values
    page.goto(server.url + f"{prefix}sites/lievin/")
    page.click(f"text={words}")
    page.wait_for_function("document.getElementById('qic-yaml') && document.getElementById('qic-yaml').value.includes('Liévin')")
    assert page.url == server.url + f"{prefix}proposer/?kind=sites&id=lievin"
    assert page.input_value("#qic-id") == "lievin"
    original = yaml.safe_load((REPO / "content" / "sites" / "lievin.yml").read_text(encoding="utf-8"))
    assert yaml.safe_load(page.input_value("#qic-yaml")) == original


# index page -> the folder of content/ its cards show
CARDS = {"calendrier/": "events", "ressources/": "resources", "contacts/": "contacts", "histoire/": "history"}


@pytest.mark.parametrize("lang, prefix", [("fr", ""), ("en", "en/")])
def test_every_card_of_the_index_pages_links_to_the_form_for_its_record(page, server, site, lang, prefix):
    for index, kind in CARDS.items():
        markup = (site / prefix / index / "index.html").read_text(encoding="utf-8")
        found = set()
        for href, text in SUGGEST.findall(markup):
            url = urlsplit(urljoin("http://x/" + prefix + index, html.unescape(href)))
            assert url.path == f"/{prefix}proposer/", href
            query = parse_qs(url.query)
            assert query["kind"] == [kind] and (REPO / "content" / kind / f"{query['id'][0]}.yml").is_file(), href
            assert 'class="qic-visually-hidden"' in text  # each link names its record for screen readers
            found.add(query["id"][0])
        shown = set(re.findall({"events": r'id="evenement-([^"]+)"', "resources": r'<article[^>]* id="ressource-([^"]+)"',
                                "contacts": r'<article[^>]* id="contact-([^"]+)"',
                                "history": r'<article[^>]* id="histoire-([^"]+)"'}[kind], markup))
        assert shown and found == shown, (index, shown ^ found)
    # one of them, followed: the form opens on that record
    page.goto(server.url + prefix + "histoire/")
    link = page.locator("#histoire-2022-10-immersion-montreal .qic-suggest a")
    link.click()
    page.wait_for_function("document.getElementById('qic-id') && document.getElementById('qic-id').value === '2022-10-immersion-montreal'")
    assert "content/history/2022-10-immersion-montreal.yml" in page.inner_text(".qic-editing")


def test_a_citation_s_messages_are_the_check_s_words(page, server, content):
    open_form(page, server, "organisations")
    page.select_option(source(1) + "select[name=source]", "anct-approche-impacts-collectifs")
    # a source cited without an excerpt: the check's warning, shown but not counted as an error
    warning = page.locator(source(1) + ".qic-warning")
    assert "source « anct-approche-impacts-collectifs » citée sans extrait — conseil :" in plain(warning.inner_text())
    assert warning.get_attribute("id") in page.get_attribute(source(1) + "select[name=source]", "aria-describedby")
    # too short an excerpt: the model's words, under the excerpt
    excerpt = page.locator(source(1) + "textarea[name=excerpt]")
    excerpt.fill("x")
    excerpt.fill("Marseille")
    excerpt.blur()
    settled(page)
    assert excerpt.get_attribute("aria-invalid") == "true" and warning.is_hidden()
    said = plain(page.inner_text("#" + excerpt.get_attribute("aria-describedby").split()[-1]))
    assert "extrait « Marseille » trop court : citez au moins quelques mots de la source, mot pour mot" in said
    # excerpts without a document or an address: the check's words too
    page.select_option(source(1) + "select[name=source]", "")
    page.click("button:has-text(\"Vérifier la fiche\")")
    assert "indiquez soit « source »" in plain(page.inner_text(source(1)))
    # the same values in a file
    file = content / "organisations" / "anct.yml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for sources, said in (
            ([{"source": "anct-approche-impacts-collectifs", "excerpts": ["Marseille"]}],
             "1er extrait de la 1re source: extrait « Marseille » trop court : citez au moins quelques mots de la source, "
             "mot pour mot"),
            ([{"excerpts": ["30 septembre et 1er octobre 2025"]}], "1re source: indiquez soit « source »"),
            (["anct-approche-impacts-collectifs"],
             "avertissement: 1re source: source « anct-approche-impacts-collectifs » citée sans extrait — conseil :")):
        file.write_text(yaml.safe_dump({**data, "sources": sources}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        result = check(content)
        assert plain(said) in plain(result.stderr), result.stderr
        assert result.returncode == (0 if "avertissement" in said else 1)


def test_a_second_excerpt_and_a_second_source_can_be_added_and_removed_from_the_keyboard(page, server):
    open_form(page, server, "organisations")
    page.focus(source(1) + ".qic-add-excerpt")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "excerpt"
    assert page.locator(source(1) + "textarea[name=excerpt]").count() == 2
    page.focus(source(1) + ".qic-remove-excerpt >> nth=1")
    page.keyboard.press("Enter")
    assert page.locator(source(1) + "textarea[name=excerpt]").count() == 1
    assert "qic-add-excerpt" in page.evaluate("document.activeElement.className").split()
    page.focus(SOURCES + "> .qic-add")
    page.keyboard.press("Enter")
    assert page.locator(SOURCES + ".qic-items > .qic-item").count() == 2
    assert page.evaluate("document.activeElement.name") == "source"


# every text node of the form but the file to paste (a text area), and whether it is shown
FORM_TEXTS = """() => {
    const walker = document.createTreeWalker(document.getElementById('qic-form'), NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) {
        if (!walker.currentNode.parentElement.closest('textarea')) texts.push(walker.currentNode.nodeValue);
    }
    return texts;
}"""
STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_]'[^\W\d_]")
BREAKABLE_BEFORE_SIGN = re.compile(r"[ \t\r\n][:;?!]")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_form_s_french_words_have_french_typography_and_its_english_ones_do_not(page, server, lang):
    texts = []
    for kind in RECIPES:
        open_form(page, server, kind, lang)
        page.click("#qic-form .qic-actions button")  # check: the status and every message shown
        assert page.inner_text("#qic-status").strip()
        texts += page.evaluate(FORM_TEXTS)
    joined = "\n".join(texts)
    if lang == "fr":
        # labels, hints, options, messages, status: as the French pages write them
        assert [text for text in texts if STRAIGHT_APOSTROPHE.search(text)] == []
        assert [text for text in texts if BREAKABLE_BEFORE_SIGN.search(text)] == []
        assert "Nom du fichier (identifiant de la fiche)" in joined and "proposé d’après le nom" in joined
        assert "champ obligatoire manquant\u00a0: «\u202fname\u202f»" in joined
        assert "Quel type de fiche\u202f?" in page.inner_text("#qic-form")
    else:
        assert "\u202f" not in joined and "\u00a0:" not in joined
        assert "File name (the record's identifier)" in joined and "required field missing: “name”" in joined
    # what the contributor types is shown in the messages as typed, and written so in the file
    open_form(page, server, "resources", lang)
    field = TOP + "[data-field=url] input"
    page.fill(field, "l'adresse : x ?")
    page.locator(field).blur()
    settled(page)
    error = page.inner_text(f"#{page.get_attribute(field, 'aria-describedby').split()[-1]}")
    assert ("«\u202fl'adresse : x ?\u202f» invalide\u00a0:" if lang == "fr" else "“l'adresse : x ?” is invalid:") in error
    assert "\nurl: \"l'adresse : x ?\"\n" in page.input_value("#qic-yaml")


SHOWN_ERRORS = """() => Array.from(document.querySelectorAll('#qic-form .qic-error'))
    .filter(e => !e.hidden && e.textContent.trim()).map(e => e.textContent)"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_form_speaks_when_spoken_to(page, server, lang):
    """No message and no count before anything is typed; a message once a field is left;
    every message on « Vérifier la fiche »; the count is always the messages shown."""
    open_form(page, server, "sites", lang)
    settled(page)
    assert page.evaluate(SHOWN_ERRORS) == []
    status = page.inner_text("#qic-status")
    assert not re.search(r"\d+ (erreurs?|errors?)", status), status
    assert "required field missing" not in page.inner_text("#qic-form")
    assert "champ obligatoire manquant" not in page.inner_text("#qic-form")
    assert page.inner_text(".qic-filename").startswith("Fichier" if lang == "fr" else "File")
    # a field left empty: one message, and the count says one
    field = page.locator(TOP + "[data-field=region] input")
    field.fill("x")
    field.fill("")
    field.blur()
    settled(page)
    assert len(page.evaluate(SHOWN_ERRORS)) == 1
    assert page.inner_text("#qic-status").startswith("1 erreur" if lang == "fr" else "1 error")
    # "check": every message, and as many in the count
    page.click("#qic-form .qic-actions button")
    shown = page.evaluate(SHOWN_ERRORS)
    assert len(shown) > 1
    assert page.inner_text("#qic-status").startswith(f"{len(shown)} ")


def test_the_guide_is_a_link_and_the_repository_comes_from_the_git_host(page, server, tmp_path):
    href = page.goto(server.url + "proposer/") and None
    open_form(page, server, "organisations")
    fill(page, RECIPES["organisations"][0])
    page.click("button:has-text(\"Vérifier la fiche\")")
    link = page.locator("#qic-next a")
    assert link.inner_text().startswith("Le guide de contribution")
    assert link.get_attribute("href") == f"{REPO_URL}/blob/main/CONTRIBUTING.md"
    # a build without REPO_URL takes the repository from the Git host (here: GitHub Actions' variables)
    out = tmp_path / "out"
    result = run_build(REPO / "content", out, "--only", "fr",
                       env={"REPO_URL": "", "GITHUB_REPOSITORY": "ailleurs/depot", "GITHUB_SERVER_URL": "https://github.com"})
    assert result.returncode == 0, result.stderr
    markup = next(out.parent.glob("**/proposer/index.html")).read_text(encoding="utf-8")
    assert 'data-repo="https://github.com/ailleurs/depot"' in markup


# --- the excerpt check, as typed (the fingerprints published by the site) ---------------------

def _verdict(page, n: int = 0) -> str:
    node = page.locator(source(1) + ".qic-excerpt-check").nth(n)
    return node.inner_text().strip() if node.is_visible() else ""


def _error_of(page, selector: str) -> str:
    node = page.locator("#" + page.get_attribute(selector, "aria-describedby").split()[-1])
    return node.inner_text().strip() if node.is_visible() else ""


def test_an_excerpt_is_checked_against_its_source_s_fingerprint_as_it_is_typed(page, server, content):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_form(page, server, "organisations")
    page.select_option(source(1) + "select[name=source]", "anct-approche-impacts-collectifs")
    settled(page)
    assert not [url for url in requests if "/empreintes/" in url]  # nothing fetched before an excerpt
    excerpt = source(1) + "textarea[name=excerpt] >> nth=0"
    page.fill(excerpt, ANCT.replace("1er", "1er\u00a0"))  # a no-break space: ignored, as the check ignores it
    settled(page)
    assert _verdict(page) == "Extrait retrouvé dans le texte de la source."
    assert [urlsplit(url).path for url in requests if "/empreintes/" in url] == [
        "/donnees/empreintes/anct-approche-impacts-collectifs.json"]  # that source's only
    verdict_id = page.get_attribute(source(1) + ".qic-excerpt-check >> nth=0", "id")
    assert verdict_id in page.get_attribute(excerpt, "aria-describedby").split()
    # a word changed: said as soon as the typing pauses, counted as an error once the field is left
    changed = ANCT.replace("1er octobre", "2 octobre")
    page.fill(excerpt, changed)
    settled(page)
    assert plain(_verdict(page)) == ("Cet extrait n'est pas dans le texte de la source : recopiez-le mot pour mot ; "
                                     "« […] » marque un passage omis.")
    assert _error_of(page, excerpt) == "" and "erreur" not in page.inner_text("#qic-status")
    page.locator(excerpt).blur()
    settled(page)
    said = plain(_error_of(page, excerpt))
    assert said.startswith("extrait introuvable dans la source « anct-approche-impacts-collectifs » : "), said
    assert _verdict(page) == ""  # not said twice
    assert page.inner_text("#qic-status").startswith("1 erreur")
    # a part too short on one side of « […] »: refused before any fingerprint, as the check does
    short = "30 septembre et 1er octobre […] Marseille"
    page.fill(excerpt, short)
    settled(page)
    assert plain(_error_of(page, excerpt)).startswith("extrait trop court pour être vérifié : « Marseille »")
    # the check says the same of the same excerpts in a file
    file = content / "organisations" / "anct.yml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for typed, error in ((changed, said), (short, plain(_error_of(page, excerpt)))):
        file.write_text(yaml.safe_dump({**data, "sources": [{"source": "anct-approche-impacts-collectifs",
                                                             "excerpts": [typed]}]},
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = check(content)
        assert result.returncode == 1 and plain(error) in plain(result.stderr), (error, result.stderr)
    # back to the source's words: found again, no error
    page.fill(excerpt, ANCT)
    settled(page)
    assert _verdict(page) == "Extrait retrouvé dans le texte de la source." and _error_of(page, excerpt) == ""


def test_the_excerpt_check_speaks_english_on_the_english_form(page, server):
    open_form(page, server, "organisations", "en")
    page.select_option(source(1) + "select[name=source]", "dynamo-festival-impact-collectif-2022")
    page.fill(source(1) + "textarea[name=excerpt]", DYNAMO)
    settled(page)
    assert _verdict(page) == "Excerpt found in the source's text."
    page.fill(source(1) + "textarea[name=excerpt]", DYNAMO.replace("19", "20"))
    settled(page)
    assert _verdict(page).startswith("This excerpt is not in the source's text")


def test_without_the_fingerprint_the_check_is_left_to_github_and_is_no_error(page, server):
    page.route("**/donnees/empreintes/**", lambda route: route.abort())  # offline, or blocked
    open_form(page, server, "organisations")
    fill(page, RECIPES["organisations"][0][:-1] + cite(1, "anct-approche-impacts-collectifs",
                                                       excerpts=(ANCT.replace("1er", "2"),)))
    assert plain(_verdict(page)) == ("L'extrait n'a pas pu être vérifié ici (empreinte du texte non chargée) : il le "
                                     "sera sur GitHub, par la vérification de la pull request.")
    produced(page)  # no error: the pull request's check will say


def test_each_source_s_address_is_shown_beside_its_choice(page, server):
    from macros.content import load_catalogue
    sources = load_catalogue(REPO / "content", REPO).entries["sources"]
    assert any(entry.record.url for entry in sources.values()) and any(not e.record.url for e in sources.values())
    open_form(page, server, "organisations")
    address = page.locator(source(1) + ".qic-source-address")
    assert address.is_hidden()  # no document chosen
    for key, entry in sources.items():
        page.select_option(source(1) + "select[name=source]", key)
        link = address.locator("a")
        if entry.record.url:
            assert link.get_attribute("href") == entry.record.url and link.inner_text() == entry.record.url
            assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
            assert "(nouvel onglet)" in address.inner_text()
        else:
            assert link.count() == 0
            assert "Pas d’adresse publique connue pour ce document" in address.inner_text()
    page.check(source(1) + "input[value=url]")  # a web page cited by its address: no document
    assert address.is_hidden()


MISSING_LINK = re.compile(r'href="((?:\.\./)*proposer/\?kind=(\w+)&amp;id=([\w-]+)&amp;field=([\w.]+))"')


def test_a_link_of_the_missing_page_opens_the_record_on_its_field(page, server, site):
    """Every field the « Ce qui manque » page asks for (one link of each kind and field):
    the form opens the record, marks that field, says why, and puts the focus in it."""
    markup = (site / "a-completer" / "index.html").read_text(encoding="utf-8")
    links = {}
    for href, kind, _key, field in MISSING_LINK.findall(markup):
        links.setdefault((kind, field), html.unescape(href))
    assert len(links) > 10 and ("sites", "continuum") in links and ("events", "place") in links
    for (_kind, field), href in sorted(links.items()):
        page.goto(urljoin(server.url + "a-completer/", href))
        page.wait_for_selector(".qic-asked")
        asked = page.locator(".qic-asked")
        assert asked.count() == 1 and asked.get_attribute("data-field") == field, href
        assert "Cette information manque" in asked.inner_text()
        assert page.evaluate("document.querySelector('.qic-asked').contains(document.activeElement)"), href
        assert asked.is_visible() and page.evaluate(
            "document.querySelector('.qic-asked').getBoundingClientRect().top < window.innerHeight"), href


@pytest.mark.parametrize("field", ["title.en", "title.fr"])
def test_a_text_s_language_can_be_asked_for(page, server, field):
    page.goto(server.url + f"proposer/?kind=events&id=festival-impact-collectif-2022&field={field}")
    page.wait_for_selector(".qic-asked")
    assert page.evaluate("document.activeElement.name") == field


HOSTILE_FIELDS = ["__proto__", "constructor", "toString", "id", "nom", "<img src=x onerror=alert(1)>",
                  "place\"]", "place.", ".place", "place.fr.x", "sources.0", "*", ""]


def test_an_unknown_or_hostile_field_is_ignored(page, server):
    for field in HOSTILE_FIELDS:
        page.goto(server.url + "proposer/?kind=events&id=festival-impact-collectif-2022&field=" + quote(field))
        page.wait_for_function("document.getElementById('qic-yaml') && "
                               "document.getElementById('qic-yaml').value.includes('title')")
        assert page.locator(".qic-asked").count() == 0, field
        assert page.locator("img[src=x]").count() == 0, field


def test_no_serious_accessibility_violation_with_verdicts_an_address_and_an_asked_field(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(server.url + "proposer/?kind=organisations&id=tamarack&field=website")
    page.wait_for_selector(".qic-asked")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.select_option(source(1) + "select[name=source]", "tamarack-espace-francophone")
    page.fill(source(1) + "textarea[name=excerpt] >> nth=0", "Cet extrait n'est sûrement pas dans le texte")
    page.click(source(1) + ".qic-add-excerpt")
    settled(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    serious = [f"{v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    shown = page.locator(".qic-excerpt-check:visible").count()
    context.close()
    assert serious == [] and shown >= 1
