"""Hostile contributions, round 3: each class through the real check, build or page.

1. time: every step that reads a contributor's text grows linearly with it;
2. no traceback: odd file names and huge values get a French message;
3. nothing destroyed: `mkdocs build -d <a source folder>` and concurrent builds;
4. the maintainers' link report is inert Markdown;
5. the form takes only a valid id and kind from its address;
6. hand-written pages cannot run code (sandboxed Jinja);
7. smaller: unique HTML ids, CSV cells, the live preview and a linked folder.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO

from macros import messages, provenance, typography
from macros.content import load_catalogue
from macros.problems import ContentError

TODAY = dt.date(2026, 11, 30)


def growth(run, make, size: int, attempts: int = 3) -> float:
    """How much longer `run(make(4 * size))` takes than `run(make(size))`, each the best
    of three: about 4 for linear time, 16 for quadratic. Measured again (up to
    `attempts` times) while above 8, so that a busy machine is not taken for a
    quadratic step: a quadratic one stays near 16 every time."""
    def cost(n: int) -> float:
        payload, best = make(n), float("inf")
        for _ in range(3):
            started = time.perf_counter()
            run(payload)
            best = min(best, time.perf_counter() - started)
        return best

    ratio = float("inf")
    for _ in range(attempts):
        ratio = min(ratio, cost(4 * size) / cost(size))
        if ratio < LINEAR:
            break
    return ratio


LINEAR = 8  # four times the size may cost up to twice four times as long, not sixteen times


# --- 1. time ---------------------------------------------------------------------------------------

SHAPES = {
    "a.": lambda n: "a." * n + " ;",
    "a-": lambda n: "a-" * n + " ;",
    "a+": lambda n: "a+" * n + " ;",
    "spaces": lambda n: "a" + " " * (2 * n) + "b ;",
    "http://a.": lambda n: "http://" + "a." * n + " : x",
    "brackets": lambda n: "[" * n + "a" + "]" * n + " !",
    "www.": lambda n: "www." * (n // 2) + " ?",
}
# what a hand-written page may hold raw (a content text reaches the page escaped)
MARKUP_SHAPES = {
    "comments never closed": lambda n: "<!--a>" * (n // 3) + " ;",
    "tags never closed": lambda n: "<a " * n + " ;",
    "quotes never closed": lambda n: '<b "a>' * (n // 3) + " ;",
    "end tags never closed": lambda n: "<pre>a</pre " * (n // 6) + " ;",
    "quotations across elements": lambda n: "<b>»</b>" * (n // 4),
}


def page(body: str) -> str:
    return f'<!doctype html><html lang="fr"><head><title>x</title></head><body><main><p>{body}</p></main></body></html>'


def french_page(source: str) -> None:
    typography.french_text.cache_clear()
    typography.french_html(source)


@pytest.mark.parametrize("shape", SHAPES)
def test_french_typography_of_a_page_grows_linearly(shape):
    import html
    assert growth(french_page, lambda n: page(html.escape(SHAPES[shape](n), quote=False)), 4_000) < LINEAR


@pytest.mark.parametrize("shape", MARKUP_SHAPES)
def test_french_typography_of_broken_markup_grows_linearly(shape):
    assert growth(french_page, lambda n: page(MARKUP_SHAPES[shape](n)), 4_000) < LINEAR


def test_urls_are_kept_and_long_scheme_like_words_too():
    assert typography.french_text("voir https://a.fr/x?y=1 ; et www.b.fr !") == \
        "voir https://a.fr/x?y=1\u202f; et www.b.fr\u202f!"
    word = "a." * 5_000 + "a"  # no « :// »: a word, not an address, and left as it is
    assert typography.french_text(word + " ;") == word + "\u202f;"


def test_excerpts_and_addresses_in_citations_grow_linearly():
    assert growth(provenance.GAP.split, lambda n: "a" + " " * (4 * n) + "b", 10_000) < LINEAR
    assert growth(lambda s: provenance.EMAIL.sub(r"\1 [arobase] \2", s), lambda n: "a." * n, 10_000) < LINEAR
    assert provenance.EMAIL.sub(r"\1 [arobase] \2", "écrire à " + "x" * 100 + "@anct.gouv.fr.") == \
        "écrire à " + "x" * 100 + " [arobase] anct.gouv.fr."
    assert provenance.GAP.split("a […] […] b [...]c") == ["a", "", "b", "c"]


def write_worst_resources(content: Path, text: str, count: int = 40) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    for index in range(count):
        (content / "resources" / f"pire-cas-{index}.yml").write_text(
            f'title: {{fr: "Pire cas {index}"}}\ntype: article\nlanguage: fr\nsummary:\n  fr: "{quoted}"\n'
            f'sources:\n  - source: irev-territoire-impact-collectif\n    excerpts:\n      - "{quoted}"\n',
            encoding="utf-8")


def check_in_process(content: Path) -> None:
    try:
        load_catalogue(content, content.parent, today=TODAY)
    except ContentError:
        pass


CHECK_SHAPES = {**SHAPES, "spaces before a gap": lambda n: "x" + " " * (2 * n) + "y [...] z"}


@pytest.mark.parametrize("shape", CHECK_SHAPES)
def test_the_check_grows_linearly(content, shape):
    """Forty files, each with the shape in a text and in an excerpt (texts of about 4,500
    and 18,000 characters, under the 20,000 limit); the cost of the rest of the
    content is taken away."""
    write_worst_resources(content, "x")
    check_in_process(content)
    base = min(_timed(check_in_process, content) for _ in range(3))

    def cost(n: int) -> float:
        write_worst_resources(content, CHECK_SHAPES[shape](n))
        return min(_timed(check_in_process, content) for _ in range(3)) - base

    ratio = float("inf")
    for _ in range(3):
        ratio = min(ratio, cost(9_000) / max(cost(2_250), 2e-3))
        if ratio < LINEAR:
            break
    assert ratio < LINEAR, f"{shape}: ×{ratio:.1f}"


def _timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def test_the_form_url_pattern_grows_linearly():
    """The same address pattern in the form's script, run by Node."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js absent (sudo apt-get install nodejs)")
    script = (REPO / "overrides" / "assets" / "form.js").read_text(encoding="utf-8")
    pattern = re.search(r"var TEXT_URL = (/.*/[a-z]*);", script)[1]
    program = f"""
      const TEXT_URL = {pattern};
      function cost(n) {{
        const text = "a.".repeat(n) + " ;";
        let best = Infinity;
        for (let i = 0; i < 5; i++) {{
          const started = process.hrtime.bigint();
          text.split(TEXT_URL);
          best = Math.min(best, Number(process.hrtime.bigint() - started));
        }}
        return best;
      }}
      let ratio = Infinity;
      for (let i = 0; i < 3 && ratio >= 8; i++) ratio = Math.min(ratio, cost(40000) / cost(10000));
      console.log(JSON.stringify({{ratio, kept: "voir https://a.fr/x ; b".split(TEXT_URL)}}));
    """
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["kept"] == ["voir ", "https://a.fr/x", " ; b"]
    assert answer["ratio"] < LINEAR, answer


def test_unknown_ids_against_many_ids_compare_a_bounded_number_of_candidates(monkeypatch):
    """Steps counted, not time: each unknown id is compared with at most CLOSE_CANDIDATES
    ids, however many there are; a realistic typo still gets its suggestion."""
    compared = []
    real = messages.difflib.get_close_matches
    monkeypatch.setattr(messages.difflib, "get_close_matches",
                        lambda word, candidates, **options: compared.append(len(candidates)) or
                        real(word, candidates, **options))
    ids = [f"organisation-{i:05d}" for i in range(3_000)] + ["anct"]
    suggestions = messages.Suggestions(ids)
    for i in range(2_000):
        suggestions.closest(f"inconnue-{i:05d}")
    assert max(compared) <= messages.CLOSE_CANDIDATES and len(compared) == 2_000
    assert suggestions.closest("ancd") == "anct"
    assert suggestions.closest("organisation-0012").startswith("organisation-")
    assert messages.closest("confiance-mutuelle", ["confiance", "echelles"]) == "confiance"  # few: all compared


def test_thousands_of_unknown_references_are_checked_quickly_with_hints(content):
    """Through the real check: 1,500 organisations, a site naming 3,000 unknown ones."""
    for i in range(1_500):
        (content / "organisations" / f"organisation-{i:04d}.yml").write_text(
            f'name: {{fr: "Organisation numéro {i}"}}\nkind: association\ncountry: FR\n'
            "sources: [irev-territoire-impact-collectif]\n", encoding="utf-8")
    refs = "".join(f"  - inconnue-{i:04d}\n" for i in range(3_000))
    text = (content / "sites" / "lievin.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^organisations:.*$", "organisations:\n" + refs.rstrip("\n") + "\n  - ancd", text)
    (content / "sites" / "typos.yml").write_text(text.replace('name: "Liévin"', 'name: "Typos"'), encoding="utf-8")
    started = time.perf_counter()
    try:
        load_catalogue(content, content.parent, today=TODAY)
        problems = []
    except ContentError as error:
        problems = error.problems
    elapsed = time.perf_counter() - started
    assert not [p for p in problems if "organisation-" in str(p.path) and p.severity == "error"]
    unknown = [p for p in problems if "ne correspond à aucun fichier de content/organisations/" in p.message]
    assert len(unknown) == 3_001
    assert any(p.message.startswith("« ancd »") and p.hint == "vouliez-vous dire « anct » ?" for p in unknown)
    print(f"3,000 unknown ids against 1,520 organisations: {elapsed:.1f} s")
