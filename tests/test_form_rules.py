"""One rule, one place: the form's checks (overrides/assets/form-rules.js, run by node
with the form's data) give the same verdict, in the same words, as the Python checks
on the same values; the patterns, typography and YAML agree between the two engines;
every French template of the form has its English."""
from __future__ import annotations

import json
import shutil
import string
import subprocess

import pytest
import yaml

from conftest import REPO
from macros import dates, form_messages, form_rules, model, typography, unfilled, values

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the form's script")


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    """Runs [lang, what, args…] cases through form-rules.js with the generated data."""
    data = tmp_path_factory.mktemp("form") / "form-data.js"
    generated = {"rules": form_rules.rules(), "words": {lang: form_messages.catalogue(lang) for lang in ("fr", "en")}}
    data.write_text("window.QIC_FORM = " + json.dumps(generated, ensure_ascii=False) + ";\n", encoding="utf-8")

    def run(cases: list) -> list:
        done = subprocess.run(["node", str(REPO / "tests" / "form_rules.mjs"), str(data),
                               str(REPO / "overrides" / "assets" / "form-rules.js")],
                              input=json.dumps(cases), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)
    return run


def plain(text: str) -> str:
    """Without French typography (the form's French words have it, the check's have not)."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def python_says(check, value) -> str:
    try:
        check(value)
    except ValueError as error:
        return str(error)
    return ""


def _placeholder(value: str) -> str:
    """What unfilled.unfilled says of a value left from a template."""
    found = unfilled.PLACEHOLDERS.search(value)
    if found:
        raise ValueError(unfilled.MESSAGES["example" if "example" in found.group().lower() else "template"].format(
            value=values.quoted(value)))


# each rule: the Python check, and values it accepts and refuses (and their edges)
CHECKS = {
    "id": (values.check_id, ["lievin", "a-b-2", "x" * 80, "x" * 81, "Liévin", "a--b", "-a", "a-", "a_b", "",
                             "ab\u200b", "lievin\n", "Château Thierry 2", "a" * 100 + "\u00a0"]),
    "url": (values.check_url, ["https://anct.gouv.fr/x?y=1#z", "http://a.b", "www.exemple.fr", "https://x",
                               "https://.x.fr", "https://x.fr.", "javascript:alert(1)", "DATA:text/html,x",
                               "https://a.fr/<x>", "https://a.fr/ x", "https://a\u200b.fr", " https://a.fr ",
                               "https://user@host.fr:80/", "HTTPS://A.FR", "https://a.fr/" + "x" * 2000,
                               "https://a.fr/{x}", "https://a.fr/\u00a0", "https://a.fr/\x1c", "ftp://a.fr",
                               "https://a.fr/l'adresse : x ?"]),
    "email": (values.check_email, ["prenom.nom@anct.gouv.fr", "christine.duvàl@anct.gouv.fr", "a@b", "a@b.c",
                                   "a@b.co", "a b@c.fr", "x@" + "y" * 260 + ".fr", "ÉLODIE@x.fr", "a@b.c0"]),
    "phone": (values.check_phone, ["06 21 79 34 27", "+33 6 21 79 34 27", "06.21.79.34.27", "06-21-79-34-27",
                                   "(0)6 21", "06 21 79", "+1 514 555 0100", "0021", "+33 (0)6 21 79 34 27",
                                   "0" * 41, "06\u00a021\u00a079\u00a034\u00a027", "06\x1c21 79 34 27",
                                   "٠٦ ٢١ ٧٩ ٣٤ ٢٧"]),
    "date": (dates.PartialDate.parse, ["2025", "2025-09", "2025-9", "2025-09-30", "2022-02-30", "2011-13",
                                       "1800", "2101", "30/11/2026", "2024-02-29", "2023-02-29", "2025-00",
                                       "2025-09-00", " 2025 ", "2025-09-30T10:00", "20255", "2025-09-3"]),
    "day": (model._day, ["2025-09-30", "2025-09", "2025", "2025-9-3", "2025-13-01", "x"]),
    "text": (values.check_text, ["Liévin", "a\u200bb", "  ", "x" * 20001, "tab\there", "a\x07", "\ufeffx",
                                 "\u3164", "ligne\nligne", "\x85x", "x\u2028y", "emoji 😀", "\U000e0041tag"]),
    "excerpt": (model._excerpt, ["Marseille", "30 septembre et 1er octobre", "short\u200b text here long",
                                 "  douze signes  ", "onze signes", "😀" * 11, "😀" * 12]),
    "placeholder": (_placeholder, ["À COMPLÉTER : région", "a completer", "A-COMPLETER", "https://example.org/A",
                                   "https://example.organic.fr", "https://www.example.com", "texte",
                                   "http://EXAMPLE.NET/x", "https://example.orgé"]),
}


def test_each_rule_gives_the_python_check_s_verdict_in_its_words(node):
    cases, expected = [], []
    for rule, (python, corpus) in CHECKS.items():
        for value in corpus:
            cases.append(["fr", "check", rule, value])
            expected.append((rule, value, python_says(python, value)))
    answers = node(cases)
    differ = [(rule, value, said, plain(answer)) for (rule, value, said), answer in zip(expected, answers)
              if plain(said) != plain(answer)]
    assert differ == []
    # the corpus has both verdicts for every rule
    for rule in CHECKS:
        verdicts = {bool(said) for r, _, said in expected if r == rule}
        assert verdicts == {True, False}, rule


def test_a_number_is_written_as_the_records_write_it(node):
    corpus = ["48.92", "-1.5", "2,35", "007", "+1", "1e5", ".5", "0", "-0", "2024", "2024.0", "١٢"]
    answers = node([["fr", "check", "number", value, False] for value in corpus])
    for value, answer in zip(corpus, answers):
        assert (values.NUMBER.fullmatch(value) is not None) == (answer == ""), value
    assert plain(answers[2]) == "nombre attendu (ex. 50.42) — conseil : écrivez les décimales avec un point, pas une virgule"


def test_the_hidden_characters_are_python_s_on_every_plane(node):
    """values.hidden_character's set, generated from Python's Unicode data: the same in
    JavaScript whatever Unicode version the browser has."""
    sample = [chr(c) for c in range(0, 0x110000, 97) if not 0xD800 <= c < 0xE000]
    sample += list("\t\n\r\x0b\x85\u00ad\u200b\u200d\u2028\u202e\ufeff\u3164\U000e0041 aé")
    pattern = form_rules.rules()["text"]["hidden"]
    answers = node([["fr", "regex", pattern, char, "test"] for char in sample])
    differ = [f"U+{ord(c):04X}" for c, answer in zip(sample, answers) if answer != (values.hidden_character(c) is not None)]
    assert differ == []


def test_every_exported_pattern_matches_what_python_matches(node):
    """The translation of each pattern (macros/form_rules.js) on values where Python's
    Unicode-aware \\w, \\s, \\d, \\b, "." and "$" differ from JavaScript's."""
    corpus = ["abc", "ab c", "é", "x\u00a0y", "x\x1cy", "x\ufeffy", "٣", "2025\n", "a.b\n", "a\u2028b", "_",
              "https://x.fr", "éhttps://x.fr", "lhttps://x.fr", "https://example.org", "https://example.orgé",
              "À COMPLÉTER", "à compléter", "ÀCOMPLETER", "06 21", "+33 6", "«x»", "l'été", "2025-09-30", ""]
    patterns = {"id": (values.ID, "fullmatch"), "email": (values.EMAIL, "fullmatch"),
                "start": (values.URL_START, "match"), "forbidden": (values._URL_FORBIDDEN, "search"),
                "separators": (values.PHONE_SEPARATORS, "search"), "national": (values.PHONE_NATIONAL, "fullmatch"),
                "date": (dates._PATTERN, "match"), "number": (values.NUMBER, "fullmatch"),
                "placeholder": (unfilled.PLACEHOLDERS, "search"), "url": (typography._URL, "search"),
                "triggers": (typography._TRIGGERS, "search")}
    patterns.update({f"typography-{i}": (pattern, "search") for i, (pattern, _) in enumerate(typography._RULES)})
    cases, expected = [], []
    for name, (pattern, how) in patterns.items():
        spec = form_rules.js(pattern, how)
        for text in corpus:
            cases.append(["fr", "regex", spec, text, "test"])
            expected.append((name, text, getattr(pattern, how)(text) is not None))
    answers = node(cases)
    assert [(n, t) for (n, t, found), answer in zip(expected, answers) if found != answer] == []


def test_a_python_pattern_without_a_javascript_meaning_is_refused():
    import re
    for source in (r"(?i)x", r"a*+", r"(?>a)", r"[\W]", r"\p"):
        with pytest.raises((ValueError, re.error)):
            form_rules.js(re.compile(source))


TYPOGRAPHY = ["Quel type de fiche ?", "l'adresse : https://x.fr/a?b=1 ; ok !", "« citation »", "«citation»",
              "l’été", "14:30", "Voir www.exemple.fr: non", "mailto:a@b.fr?", "éhttps://x.fr;", "x ;y", "a  ; b",
              "it's", "'quoted'", "« a » : b", "tab\t?", "Who Cares?", "1er avril", "«\u00a0x\u00a0»", "a\u2028:b"]


def test_the_form_s_french_typography_is_typography_py_s(node):
    answers = node([["fr", "french", text] for text in TYPOGRAPHY])
    assert answers == [typography.french_text(text) for text in TYPOGRAPHY]


def test_every_french_template_has_its_english_with_the_same_values():
    def fields(template):
        return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name)
    assert set(form_messages.CHECKS) == set(form_messages.ENGLISH)
    for key, french in form_messages.CHECKS.items():
        assert fields(french) == fields(form_messages.ENGLISH[key]), key
    for key, (french, english) in form_messages.WORDS.items():
        assert fields(french) == fields(english), key
    assert not set(form_messages.CHECKS) & set(form_messages.WORDS)


def test_the_english_form_says_the_same_in_english(node):
    said = node([["en", "check", "email", "christine.duvàl@anct.gouv.fr"], ["en", "check", "date", "2011-13"],
                 ["en", "say", "missing", {"field": "file name"}]])
    assert said == ["e-mail address “christine.duvàl@anct.gouv.fr” is invalid: accented character “à” "
                    "(addresses have no accents)", "month 13 impossible in “2011-13” (1 to 12)",
                    "required field missing: “file name”"]


TRICKY = ['Texte : « guillemets » "droits", #dièse, \\ barre, tab\tfin', "yes", "no", "2025", "1.5", "0x1F", "~",
          "null", "- a", "a: b", "#x", " devant", "ligne\nligne", "fin d'espace \nici", "\ufeffbom", "x\x7fy",
          "x\x85y", "x\u2028y", "😀 émoji", "'", '"', "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "{a}", "[a]",
          "?", ":", "2025-09-30", "12:30", ".inf", "-.5", "1_000", "on", "Off", "y", "N", "a\n\nb", "a\n  b"]


def test_the_yaml_writer_round_trips_through_python_s_yaml_and_the_model(node):
    documents = [{"name": {"text": {"fr": text}}, "short_name": text, "ids": {"flow": [text]},
                  "one": {"plain": text}, "sources": {"list": ["https://a.fr/x", text]}} for text in TRICKY]
    written = node([["fr", "yaml", document] for document in documents])
    for text, output in zip(TRICKY, written):
        loaded = yaml.safe_load(output)
        block = "\n" in text and output.count("\n") > 6
        for value in (loaded["name"]["fr"], loaded["short_name"]):
            assert value == text or (block and value == text + "\n"), (text, output)
        assert loaded["ids"] == [text] and loaded["one"] == text and loaded["sources"] == ["https://a.fr/x", text], \
            (text, output)
    # a record written by the form is read by the model as typed
    record = node([["fr", "yaml", {"name": {"text": {"fr": TRICKY[0]}}, "kind": {"plain": "association"},
                                   "sources": {"list": [{"raw": "https://a.fr/x"}]}}]])[0]
    organisation = model.Organisation.model_validate(yaml.safe_load(record))
    assert organisation.name.fr == TRICKY[0]
