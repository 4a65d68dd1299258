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
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BUILD_DATE, REPO, run_build, run_check
from test_hostile import repo_copy  # noqa: F401 - a fixture: a copy of what a build reads

from macros import messages, output, provenance, typography
from macros.content import load_catalogue
from macros.problems import ContentError

TODAY = dt.date(2026, 11, 30)


def growth(run, make, size: int, attempts: int = 5) -> float:
    """How much longer `run(make(4 * size))` takes than `run(make(size))`, in this process's CPU
    time (other processes of the machine do not count), each the best of three: about 4 for
    linear time, 16 for quadratic. Measured again (up to
    `attempts` times) while above LINEAR, so that a busy machine is not taken for a
    quadratic step: a quadratic one stays near 16 every time."""
    def cost(n: int) -> float:
        payload, best = make(n), float("inf")
        for _ in range(3):
            best = min(best, _timed(run, payload))
        return best

    ratio = float("inf")
    for _ in range(attempts):
        ratio = min(ratio, cost(4 * size) / cost(size))
        if ratio < LINEAR:
            break
    return ratio


LINEAR = 10  # four times the size may cost up to 2.5 times four times as long (a busy machine), never sixteen times


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
    assert growth(french_page, lambda n: page(html.escape(SHAPES[shape](n), quote=False)), 2_000) < LINEAR


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
    """The whole check, each file read again (content.py keeps what it read of an unchanged file)."""
    from macros import content as reading
    reading._read_cache.clear()
    try:
        load_catalogue(content, content.parent, today=TODAY)
    except ContentError:
        pass


CHECK_SHAPES = {**SHAPES, "spaces before a gap": lambda n: "x" + " " * (2 * n) + "y [...] z"}


@pytest.fixture
def few_records(tmp_path) -> Path:
    """A content folder with only what the growth tests' resources cite (the sources and
    their publishers): the rest of the real content would only be taken away again."""
    target = tmp_path / "content"
    for kind in ("sources", "organisations"):
        shutil.copytree(REPO / "content" / kind, target / kind)
    (target / "resources").mkdir()
    return target


@pytest.mark.parametrize("shape", CHECK_SHAPES)
def test_the_check_grows_linearly(few_records, shape, tmp_path, monkeypatch):
    """Twenty files, each with the shape in a text and in an excerpt (texts of about 4,500
    and 18,000 characters, under the 20,000 limit); the cost of the rest of the
    content is taken away. The excerpts are looked for in a source text of our own
    (the documents of ../shared/seeds may be absent: the excerpts would go unread)."""
    content = few_records
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    source = re.search(r"(?m)^file: *(\S+)", (content / "sources" / "irev-territoire-impact-collectif.yml")
                       .read_text(encoding="utf-8"))[1]
    (seeds / source).write_text("Un texte source. " * 1_000, encoding="utf-8")
    monkeypatch.setenv("QIC_SEEDS", str(seeds))
    check_in_process(content)
    ratio = check_growth(content, lambda n: write_worst_resources(content, CHECK_SHAPES[shape](n), count=20), 2_250)
    assert ratio < LINEAR, f"{shape}: ×{ratio:.1f}"


def check_growth(content: Path, write, size: int) -> float:
    """How much longer the check takes once `write(4 * size)` is written than once `write(size)`
    is, the cost of the rest of the content taken away (`write(1)`), like `growth`."""
    write(1)
    base = min(_timed(check_in_process, content) for _ in range(3))

    def cost(n: int) -> float:
        write(n)
        return min(_timed(check_in_process, content) for _ in range(3)) - base

    ratio = float("inf")
    for _ in range(5):
        ratio = min(ratio, cost(4 * size) / max(cost(size), 2e-3))
        if ratio < LINEAR:
            break
    return ratio


def test_a_long_web_address_is_checked_in_linear_time(few_records):
    """A host of thousands of letters followed by a space: the address pattern tried
    each split of the host (4 s for 20,000 characters)."""
    def write(n: int) -> None:
        for index in range(10):
            (few_records / "resources" / f"adresse-{index}.yml").write_text(
                f'title: {{fr: "Adresse {index}"}}\ntype: article\nlanguage: fr\n'
                f'url: "http://p{"t" * n} x"\nsources: [irev-territoire-impact-collectif]\n', encoding="utf-8")

    ratio = check_growth(few_records, write, 4_000)
    assert ratio < LINEAR, f"×{ratio:.1f}"


def _timed(function, *args) -> float:
    """CPU time of one call, the garbage collector paused (as timeit does): a test worker
    that has run hundreds of tests holds a large heap, which each collection walks again,
    and that cost follows the heap, not the input. No collection is asked for before the
    call either: in such a worker a full one takes longer than the call it would precede
    (the growth tests took 40 s of the suite's time, 7 s alone)."""
    gc.disable()
    try:
        started = time.process_time()
        function(*args)
        return time.process_time() - started
    finally:
        gc.enable()


def test_the_form_url_pattern_grows_linearly():
    """The same address pattern in the form's script, run by Node."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js absent (sudo apt-get install nodejs)")
    from macros import form_rules, typography
    source, flags = form_rules.js(typography._URL)  # what form-data.js gives the form's typography
    classes = form_rules.rules()["classes"]  # the shared character classes, put back as form-rules.js does
    source = re.sub(r"\\q\{(\w+)\}", lambda found: classes[found[1]], source)
    program = f"""
      const TEXT_URL = new RegExp({json.dumps(source)}, {json.dumps(flags)});
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
      console.log(JSON.stringify({{ratio, kept: "voir https://a.fr/x ; b".match(TEXT_URL)[0]}}));
    """
    result = subprocess.run([node, "-"], input=program, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["kept"] == "https://a.fr/x"
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
    started = time.process_time()
    try:
        load_catalogue(content, content.parent, today=TODAY)
        problems = []
    except ContentError as error:
        problems = error.problems
    elapsed = time.process_time() - started
    assert not [p for p in problems if "organisation-" in str(p.path) and p.severity == "error"]
    unknown = [p for p in problems if "ne correspond à aucun fichier de content/organisations/" in p.message]
    assert len(unknown) == 3_001
    assert any(p.message.startswith("« ancd »") and p.hint == "vouliez-vous dire « anct » ?" for p in unknown)
    print(f"3,000 unknown ids against 1,520 organisations: {elapsed:.1f} s")


# --- 2. no traceback --------------------------------------------------------------------------------

def check(content: Path) -> subprocess.CompletedProcess:
    """The check as CI runs it: GitHub annotations on, and output strictly in UTF-8."""
    return run_check(content, env={"GITHUB_ACTIONS": "true"})


def assert_told_in_french(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Exceeds the limit" not in result.stdout + result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"« {fragment} » missing from:\n{result.stderr[-3000:]}"
    for line in result.stdout.splitlines():
        assert len(line) < 1_000, line[:200]  # values quoted with a cap


@pytest.mark.parametrize("name", [b"caf\xe9.yml", b"\xff\xfe.yml", b"a\x80b.yml"])
def test_a_file_name_that_is_not_utf8_is_named_readably(content, name):
    target = os.path.join(os.fsencode(content / "sites"), name)
    with open(target, "wb") as handle:
        handle.write((content / "sites" / "lievin.yml").read_bytes().replace(b'name: "Li\xc3\xa9vin"', b'name: "Cafe"'))
    result = check(content)
    shown = name.decode("ascii", "backslashreplace")
    assert_told_in_french(result, f"content/sites/{shown}:1:1: nom de fichier « {shown} » invalide")
    assert f"file=content/sites/{shown}," in result.stdout or f"/sites/{shown}," in result.stdout


HUGE = "0x" + "f" * 4000  # 4,817 digits once read: Python refuses to write it out (over 4,300)


@pytest.mark.parametrize("field,value,words", [
    ("last_checked", "99999999999999999999-01-01", "last_checked: date « 99999999999999999999-01-01 » mal écrite"),
    ("last_checked", HUGE, "last_checked: " + "nombre « 0x" + "f" * 38 + "… » trop long (4\u202f002 caractères ; maximum 20)"),  # refused as YAML reads it (yaml_source.py)
    ("last_checked", '"' + "9" * 19_000 + '"', "… (19\u202f000 caractères) » mal écrite"),
    ("kind", HUGE, "kind: " + "nombre « 0x" + "f" * 38 + "… » trop long (4\u202f002 caractères ; maximum 20)"),
    ("country", HUGE, "country: " + "nombre « 0x" + "f" * 38 + "… » trop long (4\u202f002 caractères ; maximum 20)"),
    ("region", HUGE, "region: " + "nombre « 0x" + "f" * 38 + "… » trop long (4\u202f002 caractères ; maximum 20)"),
    ("region", "9" * 5000, "region: nombre « " + "9" * 40 + "… » trop long (5\u202f000 caractères ; maximum 20)"),
    ("kind", '"' + "x" * 5_000 + '"', "… (5\u202f000 caractères) » non reconnue"),
])
def test_huge_values_are_told_in_french(content, field, value, words):
    text = (content / "sites" / "lievin.yml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{field}:.*$", lambda _: f"{field}: {value}", text).replace('name: "Liévin"', 'name: "Grand"')
    (content / "sites" / "grand.yml").write_text(text, encoding="utf-8")
    assert_told_in_french(check(content), "content/sites/grand.yml:", words)


def test_a_huge_event_date_is_told_in_french(content):
    text = (content / "events" / "appel-candidatures-qic-2024.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^date:.*$", f"date: {HUGE}", text).replace("Appel à candidatures", "Très grand appel")
    (content / "events" / "enorme.yml").write_text(text.replace("Call for", "Huge call"), encoding="utf-8")
    assert_told_in_french(check(content), "content/events/enorme.yml:", "date: nombre « 0x", "trop long (4\u202f002 caractères")


def test_messages_quote_with_a_cap_and_never_write_a_huge_number():
    assert messages.shown(int("f" * 4000, 16)) == "nombre de 4\u202f817 chiffres"
    assert messages.shown(10 ** 200) == "nombre de 201 chiffres" and messages.shown(2024) == "2024"
    assert messages.shown("é" * 81) == "é" * 79 + "… (81 caractères)"
    assert messages.shown(True) == "true" and messages.shown(None) == ""
    assert messages._own_words({"msg": "", "ctx": {"error": ValueError(
        "Exceeds the limit (4300 digits) for integer string conversion")}}, None, None)[0].startswith("nombre trop long")


# --- 3. nothing destroyed --------------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, int]:
    """Every file under `root` (site folders left out) and its size."""
    return {p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).parts[0].startswith(("site", ".site"))
            and "__pycache__" not in p.parts}


def plain_mkdocs(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *args], cwd=repo, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "BUILD_DATE": BUILD_DATE})


@pytest.mark.parametrize("target", ["content", "overrides", "docs", ".", "macros", "docs/en", "content/sites"])
def test_mkdocs_build_into_a_source_folder_deletes_nothing(repo_copy, target):
    before = snapshot(repo_copy)
    result = plain_mkdocs(repo_copy, "-d", target)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert snapshot(repo_copy) == before


def test_mkdocs_build_into_a_folder_that_is_no_site_deletes_nothing(repo_copy, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    result = plain_mkdocs(repo_copy, "-d", str(notes))
    assert result.returncode != 0 and "Construction refusée" in result.stderr, result.stderr
    assert "n'est ni vide ni un site construit" in result.stderr and "Rien n'a été supprimé" in result.stderr
    assert [p.name for p in notes.iterdir()] == ["mes-notes.txt"]


def test_a_plain_build_replaces_its_own_site_and_one_that_refuses_a_file_leaves_it(repo_copy, tmp_path):
    assert plain_mkdocs(repo_copy).returncode == 0  # site/, as `mkdocs build` writes it
    assert (repo_copy / "site" / "index.html").is_file() and (repo_copy / "site" / output.MARKER).is_file()
    assert plain_mkdocs(repo_copy).returncode == 0, "its own site is replaced"
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    link, broken, pipe = (repo_copy / "docs" / "fr" / "secret.md", repo_copy / "content" / "sites" / "casse.yml",
                          repo_copy / "overrides" / "assets" / "tube.css")
    refusals = {"link in docs": lambda: link.symlink_to(secret),
                "broken content": lambda: broken.write_text("name: [\n", encoding="utf-8"),
                "special file in overrides": lambda: os.mkfifo(pipe)}
    before = snapshot(repo_copy / "site")
    for refused, make in refusals.items():
        make()
        result = plain_mkdocs(repo_copy)
        assert result.returncode != 0 and "Traceback" not in result.stderr, refused
        assert snapshot(repo_copy / "site") == before and (repo_copy / "site" / "index.html").is_file(), refused
        for made in (link, broken, pipe):
            made.unlink(missing_ok=True)  # one refusal at a time


def default_build(repo: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python -m macros.build` run in the copy, as a contributor runs it (site/ by default)."""
    return subprocess.run([sys.executable, "-m", "macros.build", "--quiet", *extra], cwd=repo, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "BUILD_DATE": BUILD_DATE})


def test_a_site_named_like_a_temporary_folder_is_kept(repo_copy):
    assert default_build(repo_copy, "--out", ".site-tmp-abc").returncode == 0
    result = default_build(repo_copy)
    assert result.returncode == 0, result.stderr
    assert (repo_copy / ".site-tmp-abc" / "index.html").is_file(), result.stdout
    assert (repo_copy / "site" / "index.html").is_file()


def test_another_build_keeps_the_temporary_folder_of_a_running_build(repo_copy):
    """A build running into site-tmp-x holds its lock and its temporary folder
    (.site-tmp-x-tmp-…, whose name begins like site/'s); a build of site/ starts."""
    running_target = repo_copy / "site-tmp-x"
    with output.locked(running_target), output.staging(running_target) as running:
        (running / "fr").mkdir()
        (running / "fr" / "index.html").write_text("en cours", encoding="utf-8")
        result = default_build(repo_copy)
        assert result.returncode == 0, result.stderr
        assert (running / "fr" / "index.html").read_text(encoding="utf-8") == "en cours"
    killed = repo_copy / ".site-tmp-tue"  # a build of site/ killed earlier: its folder is removed
    killed.mkdir()
    (killed / output.STAGING_MARKER).write_text("site", encoding="utf-8")
    assert default_build(repo_copy).returncode == 0 and not killed.exists()


# --- 7. smaller ------------------------------------------------------------------------------------

class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value is not None]

    handle_startendtag = handle_starttag


def duplicate_ids(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        repeated = sorted(name for name, count in Counter(parser.ids).items() if count > 1)
        if repeated:
            found[page.relative_to(site).as_posix()] = repeated
    return found


def test_every_built_page_has_unique_ids(site):
    assert len(list(site.rglob("*.html"))) > 40
    assert duplicate_ids(site) == {}


def test_ids_stay_unique_when_records_are_named_like_headings(content, tmp_path):
    """A history entry content/history/apprenante.yml beside the page's heading
    « Histoire apprenante », an organisation named like its contact's card."""
    entry = (content / "history" / "2022-neuf-collectifs.yml").read_text(encoding="utf-8")
    (content / "history" / "apprenante.yml").write_text(
        entry.replace("Neuf collectifs locaux dans trois régions", "Une entrée nommée comme la page")
        .replace("Nine local collectives in three regions", "An entry named like the page"), encoding="utf-8")
    organisation = (content / "organisations" / "anct.yml").read_text(encoding="utf-8")
    (content / "organisations" / "anct.yml").write_text(organisation.replace(
        'fr: "Agence nationale de la cohésion des territoires"', 'fr: "Contact Christine Duval"', 1), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(content, out)
    assert result.returncode == 0, result.stderr
    history = (out / "histoire" / "index.html").read_text(encoding="utf-8")
    assert 'id="histoire-apprenante"' in history and 'id="contact-christine-duval"' in \
        (out / "contacts" / "index.html").read_text(encoding="utf-8")
    assert duplicate_ids(out) == {}


@pytest.mark.parametrize("text", [
    "\u200b=HYPERLINK(\"http://x\")", "\ufeff=1+1", "\u200b\ufeff\u2060@SUM(A1)", "＝1+1", "\u200b＋1", "－2", "＠x",
    "|cmd", "%0A=1+1", "\t=1", "\r=1", "\n=1", " =1+1", "\u00a0-1+1", "\u3164=1", "\u0301=1", "\u202e=1", "｜cmd",
])
def test_formulas_hidden_behind_invisible_or_wide_characters_are_neutralised(text):
    import csv
    import io

    from macros import exports
    rows = list(csv.reader(io.StringIO(exports._csv(["a", "b"], [[text, -73.69]]).decode("utf-8"), newline="")))
    assert rows[1] == ["'" + text, "-73.69"]


@pytest.mark.parametrize("text", ["Liévin", "1er site", "a=b", "\u200bLiévin", "«=» dans un titre", ""])
def test_ordinary_texts_are_left_as_they_are(text):
    from macros import exports
    assert exports.neutralise(text) == text and exports.neutralise(-2) == -2


# --- 6. hand-written pages cannot run code -------------------------------------------------------

PAYLOADS = [
    '{{ cycler.__init__.__globals__.os.popen("touch MARK").read() }}',
    '{{ lipsum.__globals__["os"].popen("touch MARK").read() }}',
    '{% for name, hook in config.hooks.items() %}{{ hook.os.popen("touch MARK").read() }}{% endfor %}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ config['plugins']['macros'].render('x') }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_in_a_hand_written_page_is_refused_and_never_runs(repo_copy, tmp_path, payload):
    """Each payload in a plain `mkdocs build`; the first also in the project's build (both
    languages), which renders the pages through the same hooks and sandbox."""
    mark = tmp_path / "ran"
    page = repo_copy / "docs" / "fr" / "a-propos" / "accessibilite.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + payload.replace("MARK", str(mark)) + "\n",
                    encoding="utf-8")
    results = [plain_mkdocs(repo_copy, "-d", str(tmp_path / "plain"))]
    if payload == PAYLOADS[0]:
        results.append(default_build(repo_copy, "--out", str(tmp_path / "site")))
    for result in results:
        assert result.returncode != 0
        assert "docs/fr/a-propos/accessibilite.md : code refusé dans la page" in result.stderr, result.stderr[-2000:]
        assert "Traceback" not in result.stderr
    assert not mark.exists() and not (tmp_path / "site").exists()


def test_the_sandbox_leaves_what_pages_use():
    from mkdocs.config.defaults import MkDocsConfig

    from macros import sandbox
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "repo_url": "https://github.com/exemple/qic"})
    sandbox.refused.clear()
    template = sandbox.PageSandbox().from_string(
        "{% set ns = namespace(n=0) %}{% for x in items %}{% set ns.n = ns.n + x %}{{ loop.index }}"
        "{{ cycler('a', 'b').next() }}{% endfor %}{{ ns.n }} {{ config.repo_url or '' }} {{ text.upper() }}")
    assert template.render(items=[1, 2], config=config, text="é") == "1a2a3 https://github.com/exemple/qic É"
    assert sandbox.refused == []


# --- 4. the maintainers' link report is inert ------------------------------------------------------

EVIL_ADDRESSES = [
    "https://nonexistent.invalid/x>![pixel](https://evil.example/p.png)[cliquez-ici](https://evil.example/phish)<b>",
    "https://x.invalid/``a`<img src=https://evil.example/p.png>`",
    "https://x.invalid/a\n\n<b>gras</b>\n![p](https://evil.example/p.png)",
    "https://x.invalid/<a href=\"https://evil.example/phish\">ici</a>*_[x]_*|%0A",
    "`https://x.invalid/` <b>",
]


@pytest.mark.parametrize("address", EVIL_ADDRESSES)
def test_the_link_report_is_inert_markdown(address):
    from markdown_it import MarkdownIt

    from macros.linkcheck import Link, Result, report
    links = [Link("content/sites/`<b>x</b>`.yml", 3, "url", address),
             Link("content/sites/b.yml", 4, "website[<b>]", "https://ok.example/moved")]
    results = {address: Result(address, error=f"erreur réseau (<b>{address}</b>)", final_url=address,
                               redirects=[(301, address)], attempts=3),
               "https://ok.example/moved": Result("https://ok.example/moved", status=200, final_url=address,
                                                  redirects=[(302, address)])}
    text = report(links, results, today=TODAY)
    for renderer in (MarkdownIt("commonmark", {"html": True}), MarkdownIt("gfm-like", {"html": True, "linkify": False})):
        rendered = renderer.render(text)
        assert "<img" not in rendered and "<a href" not in rendered, rendered
        assert "<b>" not in rendered, rendered
    assert text.count("\n## ") == 2 and "\n\n<b>" not in text  # a newline in an address breaks nothing


def test_the_preview_refuses_a_link_at_once_and_answers_again_once_it_is_gone(repo_copy, tmp_path):
    """A link to / in docs/fr: MkDocs listed the pages following it (the whole disk), and
    its watcher walked the disk at each poll: no page for minutes. Now the link is
    refused before the listing, and the watcher does not enter it."""
    import socket
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "preview.log"
    url = f"http://127.0.0.1:{port}/"

    def answered(seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    return response.status == 200
            except OSError:
                time.sleep(0.5)
        return False

    with open(log, "w", encoding="utf-8") as terminal:
        server = subprocess.Popen([sys.executable, "-m", "macros.preview", "--port", str(port)], cwd=repo_copy,
                                  env={**os.environ, "BUILD_DATE": BUILD_DATE}, stdout=terminal,
                                  stderr=subprocess.STDOUT)
        try:
            assert answered(120)
            (repo_copy / "docs" / "fr" / "racine").symlink_to("/", target_is_directory=True)
            deadline = time.monotonic() + 60
            while "fichiers refusés" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
                time.sleep(0.5)
            assert "docs/fr/racine" in log.read_text(encoding="utf-8")
            (repo_copy / "docs" / "fr" / "racine").unlink()
            assert answered(60)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Traceback" not in log.read_text(encoding="utf-8")
