"""The real site in a real browser (Debian's Chromium): accessibility, keyboard,
language switch, search, privacy, pages without JavaScript, resource filters."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import Server, open_all
from conftest import REPO

pytestmark = pytest.mark.browser

PAGES = {
    "accueil": "",
    "site": "sites/chateau-thierry/",
    "sites": "sites/",
    "ressources": "ressources/",
    "calendrier": "calendrier/",
    "contacts": "contacts/",
    "histoire": "histoire/",
    "approche": "approche/conditions/",
    "continuum": "approche/continuum-cooperation/",
    "a-completer": "a-completer/",
    "recherche": "recherche/?q=cooperation",
}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_every_interactive_element_is_reached_by_keyboard_and_visibly_focused(page, server):
    page.goto(server.url + "ressources/")
    expected = page.evaluate("""() => [...document.querySelectorAll(
        '.md-content a[href], .md-content select, .md-content button, .md-content input')]
        .filter(e => e.offsetParent !== null && !e.closest('details:not([open])'))
        .filter(e => e.type !== 'radio' || e.checked).length""")  # a radio group is one Tab stop; folded: not yet reachable
    folded = page.evaluate("() => document.querySelectorAll('.md-content summary').length")  # sources, excerpts
    reached, unfocused = set(), []
    for _ in range(expected + folded + 60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                            || s.boxShadow !== 'none' || s.textDecorationLine.includes('underline');
            return {inContent: !!e.closest('.md-content'), visible,
                    id: e.tagName + '|' + (e.getAttribute('href') || e.id || e.name || e.textContent.trim())};
        }""")
        if info and info["inContent"]:
            reached.add(info["id"])
            if not info["visible"]:
                unfocused.append(info["id"])
    assert len(reached) >= expected, f"{len(reached)} éléments atteints au clavier sur {expected}"
    assert unfocused == []


@pytest.mark.parametrize("path", ["sites/lievin/", "sites/kahnawake/", "approche/conditions/"])
def test_language_switch_leads_to_the_same_page_and_back(page, server, path):
    page.goto(server.url + path)
    page.locator(".md-header .md-select").hover()  # the menu opens as a reader points at it
    page.locator(".md-select__link[hreflang=en]").click()
    assert page.url == server.url + "en/" + path
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__link[hreflang=fr]").click()
    assert page.url == server.url + path
    assert page.locator("html").get_attribute("lang") == "fr"


def search(page, server, prefix, query):
    """Results of the site's own search (Pagefind), as the page's language sees them."""
    page.goto(server.url + prefix + "recherche/")
    return page.evaluate("""async ([bundle, query]) => {
        const pagefind = await import(bundle + 'pagefind.js');
        const found = await pagefind.search(query);
        const data = await Promise.all(found.results.map(r => r.data()));
        return data.map(d => ({url: d.url, text: d.content}));
    }""", [server.url + prefix + "pagefind/", query])


def test_french_search_ignores_accents_and_never_lists_english_pages(page, server):
    results = search(page, server, "", "cooperation")
    assert results and any("coopération" in r["text"] for r in results)
    assert not any(r["url"].startswith("/en/") for r in results)
    results = search(page, server, "", "cooperer")
    assert any("coopérer" in r["text"] for r in results)
    assert not any(r["url"].startswith("/en/") for r in search(page, server, "", "backbone"))


def test_english_search_finds_the_backbone_page(page, server):
    results = search(page, server, "en/", "backbone")
    assert "/en/approche/structure-de-soutien/" in [r["url"] for r in results]
    assert all(r["url"].startswith("/en/") for r in results)


def test_search_page_shows_results_to_a_reader(page, server):
    page.goto(server.url + "recherche/?q=cooperation")
    # Pagefind's interface shows the results one by one as their data arrives: wait for
    # this one (Playwright retries for five seconds), not for the first to be shown
    expect(page.locator('.pagefind-ui__result-link[href="/approche/continuum-cooperation/"]')).to_have_count(1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_request_leaves_the_site_or_finds_nothing(browser, server, lang):
    """No request goes to another server, and none the pages or the theme's scripts make
    gets an error (a 404 in the console costs Lighthouse's best practices: Material fetched
    a sitemap.xml beside the Atom feed's link while it was rel="alternate" alone)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested, failed = [], []
    context.on("request", lambda request: requested.append(request.url))
    context.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    pages = open_all(context, [server.url + ("en/" if lang == "en" else "") + path for path in PAGES.values()])
    assert [page.evaluate("document.readyState") for page in pages] == ["complete"] * len(PAGES)
    context.close()
    outside = [url for url in requested if not url.startswith(server.url) and not url.startswith("data:")]
    assert requested and outside == [] and failed == []


def test_site_page_shows_facts_contacts_and_events_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "sites/chateau-thierry/")
    text = page.locator("article.md-content__inner").inner_text()
    for fact in ("Château-Thierry", "Aisne", "Hauts-de-France", "immersion à Montréal", "octobre 2022",
                 "À compléter", "contacts", "Sources"):
        assert fact in text, fact
    page.goto(server.url + "contacts/")
    text = " ".join(page.locator("article.md-content__inner").inner_text().split())
    assert "christine.duval [arobase] anct.gouv.fr" in text
    assert "Frédéric Frénard" in text and "06 21 79 34 27" in text
    page.goto(server.url + "ressources/")
    assert page.locator("#qic-filters").is_hidden()  # the filters need JavaScript: hidden without it
    assert page.locator(".qic-resource").count() == len(list((REPO / "content" / "resources").glob("*.yml")))
    context.close()


def test_email_addresses_become_links_with_javascript(page, server):
    page.goto(server.url + "contacts/")
    links = page.locator("a[href^='mailto:']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "mailto:christine.duval@anct.gouv.fr" in links
    assert "mailto:frederic.frenard@resovilles.com" in links


def test_resource_filters_narrow_the_list(page, server):
    page.goto(server.url + "ressources/")
    cards = page.locator(".qic-resource")
    total = cards.count()
    page.select_option("#filtre-type", "video")
    visible = cards.evaluate_all("cards => cards.filter(c => !c.hidden).map(c => c.dataset.type)")
    assert 0 < len(visible) < total and set(visible) == {"video"}
    assert re.search(r"\?type=video$", page.url)
    page.select_option("#filtre-language", "en")
    assert cards.evaluate_all("cards => cards.filter(c => !c.hidden).length") == 0
    assert "Aucune ressource" in page.locator(".qic-filters__count").inner_text()
    page.click("button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('.qic-resource:not([hidden])').length === {total}")
    page.goto(server.url + "en/ressources/?topic=confiance")
    shown = page.locator(".qic-resource:not([hidden])")
    assert 0 < shown.count() < total
    assert all("confiance" in t.split() for t in shown.evaluate_all("cs => cs.map(c => c.dataset.topic)"))


PAYLOADS = [
    "</title><script>window.__xss='balise'</script>",
    "<img src=x onerror=\"window.__xss='onerror'\">",
    "[lien](javascript:window.__xss='lien')",
    "<a href=\"javascript:window.__xss='href'\">clic</a>",
    "<svg onload=\"window.__xss='svg'\"></svg>",
    "{{ 7 * 7 }} <iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The real content with script payloads in every kind of reader-facing text."""
    import shutil

    from conftest import run_build
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    payload = " ".join(PAYLOADS).replace('"', '\\"')

    def inject(path, old, new):
        file = content / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    inject("sites/lievin.yml", 'name: "Liévin"', f'name: "Liévin {payload}"')
    inject("sites/lievin.yml", "summary:\n  fr: \"", f"summary:\n  fr: \"{payload} ")
    inject("sites/lievin.yml", "last_checked:", "contacts: [piege]\nlast_checked:")
    source = "sources: [anct-approche-impacts-collectifs]\n"
    (content / "resources" / "piege.yml").write_text(
        f'title: {{fr: "Ressource {payload}", en: "Resource {payload}"}}\ntype: guide\nlanguage: fr\n'
        f'summary: {{fr: "{payload}"}}\ntopics: [conditions]\nsites: [lievin]\n' + source, encoding="utf-8")
    (content / "events" / "piege.yml").write_text(
        f'title: {{fr: "Événement {payload}"}}\ndate: 2026-12\nplace: "Lieu {payload}"\n'
        f'summary: {{fr: "{payload}"}}\nsites: [lievin]\n' + source, encoding="utf-8")
    (content / "contacts" / "piege.yml").write_text(
        f'name: "Personne {payload}"\norganisation: anct\nrole: {{fr: "{payload}"}}\npublic: true\n'
        f'last_checked: 2026-11-30\n' + source, encoding="utf-8")
    result = run_build(content, root / "site")
    assert result.returncode == 0, result.stderr
    server = Server(root / "site")
    yield server
    server.close()


def test_no_payload_from_the_content_runs_in_the_browser(browser, hostile_site):
    context = browser.new_context()
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = [lang + path for lang in ("", "en/")
             for path in ("", "sites/", "sites/lievin/", "ressources/", "calendrier/", "contacts/", "histoire/")]
    for path, page in zip(paths, open_all(context, [hostile_site.url + path for path in paths]), strict=True):
        page.bring_to_front()
        page.mouse.move(200, 300)
        assert page.evaluate("window.__xss") is None, path
        dangerous = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
            [...e.attributes].some(a => a.name.startsWith('on') ||
                (/^(href|src)$/.test(a.name) && a.value.trim().toLowerCase().startsWith('javascript:'))))
            .map(e => e.outerHTML.slice(0, 80))""")
        assert dangerous == [], (path, dangerous)
        page.close()
    assert dialogs == []
    page = context.new_page()
    # the words are still shown, as text
    page.goto(hostile_site.url + "sites/lievin/")
    assert "<script>" in page.locator("h1").inner_text()
    assert "{{ 7 * 7 }}" in page.locator("article.md-content__inner").inner_text()
    context.close()
