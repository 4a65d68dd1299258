"""Several records in one contribution (overrides/assets/form-proposals.js, issue 26):
a site and its first event and resource proposed together in the form, the site
offered in « Sites concernés » as « proposé dans ce navigateur », the files listed in
order with what to do, and those files passing the real check and build together.

Every record here is a fictional test fixture (« fictif », addresses on .test), written
only into a temporary copy of content/."""
from __future__ import annotations

import json
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import run_build
from test_form import (
    BREAKABLE_BEFORE_SIGN,
    REPO_URL,
    STRAIGHT_APOSTROPHE,
    TOP,
    check,
    cite,
    fill,
    open_form,
    page,  # noqa: F401 - the form's page fixture (a script error fails the test)
    settled,
    warnings,
)

pytestmark = pytest.mark.browser

SITE_ID = "quartier-fictif-des-essais"
SITE = [
    ("fill", TOP + '[data-field=name] [name="name.fr"]', "Quartier fictif des Essais"),
    ("select", TOP + "[data-field=kind] select", "programme"),
    ("fill", TOP + "[data-field=region] input", "Région fictive"),
    ("select", TOP + "[data-field=country] select", "FR"),
    ("fill", TOP + "[data-field=coordinates] [name=lat]", "47.1"),
    ("fill", TOP + "[data-field=coordinates] [name=lon]", "2.9"),
    ("select", TOP + "[data-field=coordinates] select", "commune"),
    ("fill", TOP + "[data-field=last_checked] input", "2026-11-30"),
    *cite(1, url="https://collectif.test/quartier-fictif"),
]
EVENT_ID = "rencontre-fictive-d-essai-2026"
EVENT = [
    ("fill", TOP + '[data-field=title] [name="title.fr"]', "Rencontre fictive d'essai"),
    ("fill", TOP + '[data-field=title] [name="title.en"]', "Fictional test meeting"),
    ("fill", TOP + '[data-field=date] [name="date.start"]', "2026-10"),
    ("check", TOP + f"[data-field=sites] input[value={SITE_ID}]"),
    *cite(1, url="https://collectif.test/rencontre-fictive"),
]
RESOURCE_ID = "guide-fictif-d-essai"
RESOURCE = [
    ("fill", TOP + '[data-field=title] [name="title.fr"]', "Guide fictif d'essai"),
    ("fill", TOP + "[data-field=url] input", "https://collectif.test/guide-fictif"),
    ("fill", TOP + '[data-field=summary] [name="summary.fr"]', "Un résumé fictif, pour le test."),
    ("check", TOP + f"[data-field=sites] input[value={SITE_ID}]"),
    *cite(1, url="https://collectif.test/guide-fictif"),
]
KEEP = "#qic-keep"
FILES = "#qic-proposals-files > li"


def kept(page, server, kind: str, steps: list, lang: str = "fr") -> None:
    """Fill one record and keep it in the contribution."""
    open_form(page, server, kind, lang)
    fill(page, steps)
    page.click(KEEP)
    page.wait_for_selector("#qic-form .qic-fields", state="hidden")
    assert page.is_hidden(".qic-result")


def files_listed(page) -> list[tuple[str, str]]:
    """(path, YAML text) of each file of the guided list, in its order."""
    found = []
    for index in range(page.locator(FILES).count()):
        item = page.locator(FILES).nth(index)
        found.append((item.get_attribute("data-path"), item.locator("textarea").input_value()))
    return found


def propose_site_event_and_resource(page, server, lang: str = "fr") -> None:
    kept(page, server, "sites", SITE, lang)
    # the site just proposed is offered in « Sites concernés », and said to be proposed here
    open_form(page, server, "events", lang)
    choice = page.locator(TOP + f"[data-field=sites] input[value={SITE_ID}]")
    label = page.locator(f"label[for='{choice.get_attribute('id')}']").inner_text()
    assert label.endswith("(proposé dans ce navigateur)" if lang == "fr" else "(proposed in this browser)"), label
    fill(page, EVENT)
    note = page.locator(TOP + "[data-field=sites] .qic-proposed-note")
    said = note.inner_text()
    assert SITE_ID in said and f"content/sites/{SITE_ID}.yml" in said
    assert ("même contribution" if lang == "fr" else "same contribution") in said
    assert note.get_attribute("id") in page.get_attribute(TOP + "[data-field=sites]", "aria-describedby")
    page.click(KEEP)
    page.wait_for_selector("#qic-form .qic-fields", state="hidden")
    kept(page, server, "resources", RESOURCE, lang)


def test_a_site_its_event_and_its_resource_proposed_together_pass_the_real_check_and_build(
        page, server, content, tmp_path):
    propose_site_event_and_resource(page, server)
    files = files_listed(page)
    # in order: the site before the records that cite it; each named by its file
    assert [path for path, _ in files] == [f"content/sites/{SITE_ID}.yml", f"content/events/{EVENT_ID}.yml",
                                           f"content/resources/{RESOURCE_ID}.yml"]
    steps = page.inner_text("#qic-proposals-steps")
    assert "Create a new branch for this commit and start a pull request" in steps
    assert "Add file" in steps and "même pull request" in steps
    # the panel's words as the French pages write them (the files' texts aside)
    texts = page.evaluate("""() => { const w = document.createTreeWalker(document.getElementById('qic-contribution'),
        NodeFilter.SHOW_TEXT); const t = []; while (w.nextNode()) { if (!w.currentNode.parentElement.closest('textarea'))
        t.push(w.currentNode.nodeValue); } return t; }""")
    assert [t for t in texts if STRAIGHT_APOSTROPHE.search(t) or BREAKABLE_BEFORE_SIGN.search(t)] == []
    assert "Rencontre fictive d’essai" in texts
    # the first file opens GitHub's "new file" page with its name and text
    first = page.locator(FILES).nth(0).locator("a[data-role=open]")
    url = urlsplit(first.get_attribute("href"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/new/main"
    query = parse_qs(url.query, keep_blank_values=True)
    assert query["filename"] == [files[0][0]] and query["value"] == [files[0][1]]
    # the next ones have no button until the branch is known: they are copied onto it
    assert page.locator(FILES).nth(1).locator("a[data-role=open]").count() == 0
    assert page.locator(FILES).nth(1).locator("button[data-role=copy]").count() == 1

    for path, text in files:
        target = content.parent / path
        assert not target.exists()
        target.write_text(text, encoding="utf-8")
    assert yaml.safe_load(files[1][1])["sites"] == [SITE_ID]
    assert yaml.safe_load(files[2][1])["sites"] == [SITE_ID]
    result = check(content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert warnings(result.stderr) == [], result.stderr
    out = tmp_path / "out"
    result = run_build(content, out, "--only", "fr")  # the French site page lists them
    assert result.returncode == 0, result.stdout + result.stderr
    site_page = (out / "sites" / SITE_ID / "index.html").read_text(encoding="utf-8")
    assert "Rencontre fictive d’essai" in site_page  # the event, listed on its site's page
    assert "Guide fictif d’essai" in site_page


def test_without_the_site_the_event_alone_is_refused_by_the_check(page, server, content):
    """What the note says: the event's file alone, without the site's, does not pass."""
    propose_site_event_and_resource(page, server)
    path, text = files_listed(page)[1]
    (content.parent / path).write_text(text, encoding="utf-8")
    result = check(content)
    assert result.returncode == 1
    assert f"« {SITE_ID} » ne correspond à aucun fichier de content/sites/" in result.stderr


def test_the_branch_address_opens_the_next_files_on_the_contributor_s_branch(page, server):
    propose_site_event_and_resource(page, server)
    box = page.locator("#qic-proposals-branch")
    for wrong in ("https://evil.test/a/b/tree/main", "javascript:alert(1)", "https://github.com/a/b/tree/../x",
                  REPO_URL + "/blob/main/README.md", "https://github.com/a/../tree/main"):
        box.fill(wrong)
        box.dispatch_event("change")
        assert box.get_attribute("aria-invalid") == "true", wrong
        assert page.locator(FILES).nth(1).locator("a[data-role=open]").count() == 0, wrong
    box.fill("https://github.com/camille-fictive/qic/tree/patch-1")
    box.dispatch_event("change")
    assert box.get_attribute("aria-invalid") is None
    second = page.locator(FILES).nth(1).locator("a[data-role=open]").get_attribute("href")
    url = urlsplit(second)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://github.com/camille-fictive/qic/new/patch-1"
    assert parse_qs(url.query)["filename"] == [f"content/events/{EVENT_ID}.yml"]
    # the first file still opens the project's repository
    first = page.locator(FILES).nth(0).locator("a[data-role=open]").get_attribute("href")
    assert first.startswith(f"{REPO_URL}/new/main?")
    # kept after a reload, like the records
    page.reload()
    page.wait_for_selector(FILES)
    assert page.input_value("#qic-proposals-branch") == "https://github.com/camille-fictive/qic/tree/patch-1"


def test_the_records_are_kept_after_a_reload_and_can_be_forgotten(page, server):
    propose_site_event_and_resource(page, server)
    page.reload()
    page.wait_for_selector(FILES)
    assert page.locator(FILES).count() == 3
    page.check("#qic-kind-history")
    page.wait_for_selector(TOP + f"[data-field=sites] input[value={SITE_ID}]")
    page.click("#qic-contribution .qic-forget")
    assert page.is_hidden("#qic-contribution")
    assert page.evaluate("localStorage.getItem('qic-proposals')") is None
    page.reload()
    page.check("#qic-kind-events")
    page.wait_for_selector("#qic-yaml")
    assert page.locator(TOP + f"[data-field=sites] input[value={SITE_ID}]").count() == 0


HOSTILE = {"records": [
    {"kind": "sites", "id": "<img src=x onerror=alert(1)>", "fr": "x", "yaml": "# yaml-language-server: $schema="
     "../../schemas/site.schema.json\n"},
    {"kind": "../../etc", "id": "passwd", "fr": "x", "yaml": "x"},
    {"kind": "sites", "id": "../../../attacker", "fr": "x", "yaml": "x"},
    {"kind": "sites", "id": "ok-but-not-a-file", "fr": "x", "yaml": "name: not the form's file\n"},
    {"kind": "__proto__", "id": "x", "fr": "x", "yaml": "x"},
    {"kind": "sites", "id": "a" * 81, "fr": "x", "yaml": "x"},
    "not an object", None, 42, ["sites"],
    {"kind": "sites", "id": "quartier-fictif-hostile", "fr": "<b id=injected>gras</b>", "en": {"x": 1},
     "yaml": "# yaml-language-server: $schema=../../schemas/site.schema.json\nname: <script>x</script>\n"},
], "branch": "https://evil.test/a/b/tree/main"}


def test_hostile_or_broken_storage_is_ignored_and_never_shown_as_markup(page, server):
    page.goto(server.url + "proposer/")
    for stored in ("{not json", json.dumps([1, 2]), json.dumps({"records": "x"}), json.dumps(HOSTILE)):
        page.evaluate("value => localStorage.setItem('qic-proposals', value)", stored)
        page.reload()
        page.check("#qic-kind-events")
        page.wait_for_selector("#qic-yaml")
    # of the hostile list, the one valid record only, its name shown as text
    assert page.locator(FILES).count() == 1
    assert page.get_attribute(FILES, "data-path") == "content/sites/quartier-fictif-hostile.yml"
    assert page.locator("#injected").count() == 0
    assert "<b id=injected>gras</b>" in page.inner_text(FILES)
    assert page.locator(TOP + "[data-field=sites] input[value=quartier-fictif-hostile]").count() == 1
    assert page.input_value("#qic-proposals-branch") == ""  # another host: ignored
    # no more than 20 kept, whatever the storage holds
    many = {"records": [{"kind": "organisations", "id": f"organisation-fictive-{n}", "fr": f"O{n}",
                         "yaml": "# yaml-language-server: $schema=../../schemas/organisation.schema.json\n"}
                        for n in range(50)]}
    page.evaluate("value => localStorage.setItem('qic-proposals', value)", json.dumps(many))
    page.reload()
    page.wait_for_selector(FILES)
    assert page.locator(FILES).count() == 20


def test_without_storage_the_page_keeps_the_records_until_it_is_closed(browser, server):
    context = browser.new_context()
    # as some private modes do: the storage is there, and refuses every write
    context.add_init_script("Storage.prototype.setItem = function () { "
                            "throw new DOMException('refused', 'QuotaExceededError'); };")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    kept(page, server, "sites", SITE)
    assert "navigation privée" in page.inner_text("#qic-proposals-intro")
    page.check("#qic-kind-events")
    page.wait_for_selector(TOP + f"[data-field=sites] input[value={SITE_ID}]")
    context.close()
    assert errors == []


def test_in_english_the_steps_and_labels_are_english(page, server):
    propose_site_event_and_resource(page, server, "en")
    steps = page.inner_text("#qic-proposals-steps")
    assert "Open the first file" in steps and "same pull request" in steps
    assert page.inner_text("#qic-proposals-title") == "My contribution: several records together"
    settled(page)


def with_a_contribution(page, server, lang: str) -> None:
    """The form as the screenshots show it: a site kept, the event form open (the site
    offered and chosen, with its note), and the ordered list of files."""
    kept(page, server, "sites", SITE, lang)
    open_form(page, server, "events", lang)
    fill(page, EVENT)


@pytest.mark.parametrize("lang, width", [("fr", 375), ("en", 1280)])  # each language, each width
def test_with_a_contribution_the_form_has_no_axe_violation_and_no_nu_error(browser, server, tmp_path, lang, width):
    from axe_playwright_python.sync_playwright import Axe
    from test_validators import VNU, needed
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    with_a_contribution(page, server, lang)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.locator("#qic-contribution details").first.evaluate("d => d.open = true")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, "resultTypes": ["violations"]})
    problems = [f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
                for v in results.response["violations"]]
    markup = page.content()
    context.close()
    assert problems == []
    if width == 1280:  # the page as the script leaves it, through the Nu HTML checker
        needed(VNU, "java")
        file = tmp_path / "proposer.html"
        file.write_text(markup, encoding="utf-8")
        done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(file)],
                              capture_output=True, text=True, timeout=300)
        errors = [f"{m.get('lastLine')}: {m['message']}" for m in json.loads(done.stderr)["messages"]
                  if m["type"] in ("error", "non-document-error")]
        assert errors == []


ORGANISATION = [
    ("fill", TOP + '[data-field=name] [name="name.fr"]', "Association fictive d'essai"),
    ("select", TOP + "[data-field=kind] select", "association"),
    ("select", TOP + "[data-field=country] select", "FR"),
    *cite(1, url="https://collectif.test/association-fictive"),
]


def test_a_one_choice_reference_offers_the_proposed_record_and_refuses_it_once_forgotten(page, server):
    kept(page, server, "organisations", ORGANISATION)
    open_form(page, server, "contacts")
    select = TOP + "[data-field=organisation] select"
    page.select_option(select, "association-fictive-d-essai")
    settled(page)
    note = page.locator(TOP + "[data-field=organisation] .qic-proposed-note")
    assert "content/organisations/association-fictive-d-essai.yml" in note.inner_text()
    assert note.get_attribute("id") in page.get_attribute(select, "aria-describedby")
    assert "(proposé dans ce navigateur)" in page.inner_text(select)
    # the form's next step says how to keep it with the others
    assert "Ajouter à ma contribution" in page.inner_text("#qic-next")
    # forgotten: no longer proposed, so refused with the check's words
    page.click("#qic-contribution .qic-forget")
    page.click("button:has-text(\"Vérifier la fiche\")")
    error = page.get_attribute(select, "aria-describedby").split()[1]
    assert page.get_attribute(select, "aria-invalid") == "true"
    assert ("« association-fictive-d-essai » ne correspond à aucun fichier de content/organisations/"
            in page.inner_text(f"#{error}").replace("\u202f", " ").replace("\u00a0", " "))
    assert note.is_hidden()
