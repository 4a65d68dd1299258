"""The kinds of value a record holds, and the rules each kind applies wherever it appears.

A rule belongs to a kind of value, not to the field where a mistake was first
seen: an id is the same kind whether it is a file name, a reference or the
address the form reads; a text is the same kind in a name, a region or an
excerpt. The model (macros/model.py) types every field with one of these
kinds; the file names under content/ and `new-site` go through `check_id` and
`id_from` too. Each check returns the value, or raises ValueError with the
French message a contributor reads (the model turns it into `file:line`).

| kind          | characters                                      | length        |
| ------------- | ----------------------------------------------- | ------------- |
| id            | ASCII a-z, 0-9 and single hyphens               | MAX_ID        |
| text, name    | no invisible, format, bidirectional, private-use | MAX_TEXT     |
|               | or tag character; one alphabet per word          |               |
| URL           | http(s), a host with a dot, no space, no < > " … | MAX_URL       |
| e-mail        | ASCII, name@domain.tld                           | MAX_EMAIL     |
| phone         | digits, spaces, . - ( ) and a leading +          | MAX_PHONE     |
| number        | plain decimal (checked when YAML is read:        | MAX_NUMBER    |
|               | macros/yaml_source.py)                           |               |

Dates have their own module (macros/dates.py): ISO forms only.
"""
from __future__ import annotations

import re
import unicodedata

from confusable_homoglyphs import categories

from .problems import shown

MAX_TEXT = 20_000  # the longest real text is about 1,500 characters; far more is a mistake (or an attack)
MAX_ID = 80  # characters of a file name (an id): it becomes a page's address and file names
MAX_URL = 2_000  # the longest real address is about 120 characters; browsers and servers stop near 2,000
MAX_EMAIL = 254  # RFC 5321's limit for a whole address
MAX_PHONE = 40  # "+33 (0)6 21 79 34 27" is 20
MAX_NUMBER = 20  # characters of a number as written: 48.9362, 2022, -1.5

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: no "\n" slips through "$"
ID_PATTERN = "^" + ID.pattern + "$"  # the same rule, for JSON Schema and the form
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")  # how a number is written in a record

# what a text never needs: format characters (zero-width spaces and joiners, soft hyphen,
# byte-order mark, bidirectional marks, tag characters), private-use and unassigned code
# points, surrogates, line and paragraph separators, and controls other than line breaks
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")
_SCRIPTS = {"LATIN": "latin", "CYRILLIC": "cyrillique", "GREEK": "grec", "ARMENIAN": "arménien",
            "CHEROKEE": "cherokee", "ARABIC": "arabe", "HANGUL": "hangûl", "HEBREW": "hébreu"}
# characters a URL never holds as such (RFC 3986: written %3C, %22… when needed)
_URL_FORBIDDEN = re.compile(r"""[\s<>"{}|\\^`]""")


def limit(value: str, maximum: int, what: str) -> str:
    if len(value) > maximum:
        raise ValueError(f"{what} trop long ({len(value):,} caractères ; maximum {maximum:,})".replace(",", "\u202f"))
    return value


quoted = shown  # a contributor's value as a message quotes it (macros/problems.py)


# letters that show nothing (Hangul fillers, Unicode category Lo): invisible in a file name too
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def visible(text: str) -> str:
    """`text` with every character a reader cannot see written as \\uXXXX (a file name in a message)."""
    return "".join(f"\\u{ord(c):04x}" if c in _BLANK_LETTERS or (ord(c) > 127 and (
        unicodedata.category(c) in _HIDDEN_CATEGORIES or unicodedata.category(c).startswith("Z")))
        or _ASCII_CONTROL.match(c) else c for c in text)


def hidden_character(text: str) -> str | None:
    """The first character of `text` that a reader cannot see, if any."""
    if text.isascii():
        found = _ASCII_CONTROL.search(text)
        return found.group() if found else None
    odd = {c for c in set(text) if ord(c) > 127 and (unicodedata.category(c) in _HIDDEN_CATEGORIES
                                                     or c in _BLANK_LETTERS)}
    odd |= set(_ASCII_CONTROL.findall(text))
    return min(odd, key=text.index) if odd else None


def mixed_word(text: str) -> tuple[str, list[str]] | None:
    """(word, alphabets) of the first word written in two alphabets (a Cyrillic « і » in
    « Lіévin »), if any: such a word passes for another one."""
    if text.isascii():
        return None
    for word in _WORD.findall(text):
        if not word.isascii():
            scripts = sorted(categories.unique_aliases(word) - {"COMMON", "INHERITED"})
            if len(scripts) > 1:
                return word, scripts
    return None


def deceptive(text: str) -> tuple[str, str] | None:
    """(message, hint) when a text hides something from its reader; None when it is plain."""
    hidden = hidden_character(text)
    if hidden:
        return (f"caractère invisible (U+{ord(hidden):04X}) dans le texte",
                "retapez ce passage au clavier : il vient souvent d'un copier-coller")
    mixed = mixed_word(text)
    if mixed:
        word, scripts = mixed
        odd = next((c for c in word if categories.alias(c) not in ("LATIN", "COMMON", "INHERITED")), word[0])
        return (f"lettres de plusieurs alphabets mêlées dans « {quoted(word, 40)} » "
                f"({', '.join(_SCRIPTS.get(s, s.lower()) for s in scripts)}) : "
                f"« {odd} » (U+{ord(odd):04X}) ressemble à une lettre latine",
                "retapez le mot au clavier, avec les lettres de l'alphabet latin")
    return None


def check_text(value) -> str:
    """A text (a name, a title, a region, an excerpt, Markdown): not empty, not too
    long, nothing hidden from its reader."""
    if not isinstance(value, str):
        raise ValueError("texte attendu")
    value = limit(value.strip(), MAX_TEXT, "texte")
    if not value:
        raise ValueError("texte vide : écrivez une valeur ou supprimez le champ")
    found = deceptive(value)
    if found:
        raise ValueError(f"{found[0]} ; {found[1]}")
    return value


def check_id(value: str) -> str:
    """An id: a file name without « .yml », a reference to it, an address of the site."""
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise ValueError(f"identifiant « {quoted(visible(str(value)))} » invalide : minuscules sans "
                         f"accents (a-z), chiffres "
                         "et tirets simples (ex. chateau-thierry)")
    return limit(value, MAX_ID, "identifiant")


# letters that no decomposition turns into ASCII, as French writes them in a file name
_SPELLED = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}


def id_from(name: str) -> str:
    """The id a name gives: « Château-Thierry » -> chateau-thierry, « Lіévin » (Cyrillic і)
    -> lievin; "" when nothing is left. Always passes check_id when not empty."""
    from .names import prototype  # confusables data: loaded only when an id is made

    decomposed = unicodedata.normalize("NFKD", name.lower())
    letters = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char.isdigit() and not char.isascii():  # « ٣ » (Arabic-Indic three) -> 3
            char = str(unicodedata.digit(char, "")) if unicodedata.digit(char, None) is not None else " "
        char = _SPELLED.get(char) or prototype(char).lower()
        letters.append(char if char.isascii() and char.isalnum() else " ")
    return "-".join("".join(letters).split())[:MAX_ID].strip("-")


def check_url(value: str) -> str:
    value = limit(value.strip(), MAX_URL, "adresse web")
    lower = value.lower()
    if lower.startswith(("javascript:", "data:", "vbscript:", "file:")):
        raise ValueError(f"adresse refusée : le schéma « {value.split(':')[0]}: » n'est pas permis")
    match = re.match(r"https?://([^/?#]+)", value)
    if not match or _URL_FORBIDDEN.search(value):
        raise ValueError(f"adresse web « {quoted(value)} » invalide : elle doit commencer par https:// "
                         "(ou http://) et ne contenir ni espace ni aucun des signes < > \" { } | \\ ^ `")
    found = deceptive(value)  # a zero-width space, or a Cyrillic « а » in « аnct.gouv.fr »
    if found:
        message = found[0].replace("le texte", "l'adresse web")
        raise ValueError(f"{message} ; recopiez l'adresse depuis la "
                         "barre d'adresse du navigateur")
    host = match.group(1).split("@")[-1].split(":")[0]
    if "." not in host or host.startswith(".") or host.endswith("."):
        raise ValueError(f"nom de domaine « {quoted(host)} » invalide dans l'adresse")
    return value


def check_email(value: str) -> str:
    value = limit(value.strip(), MAX_EMAIL, "adresse e-mail")
    if not EMAIL.fullmatch(value):
        accented = [c for c in value if ord(c) > 127]
        if accented:
            raise ValueError(f"adresse e-mail « {quoted(value)} » invalide : caractère accentué « {accented[0]} » "
                             "(les adresses s'écrivent sans accents)")
        raise ValueError(f"adresse e-mail « {quoted(value)} » invalide (forme attendue : prenom.nom@domaine.fr)")
    return value


def check_phone(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML read the digits as a number: the leading "+" or "0" is already lost
        raise ValueError("numéro de téléphone écrit sans guillemets : il a été lu comme un nombre "
                         "(le « + » ou le « 0 » du début se perd) ; écrivez-le entre guillemets, "
                         "par exemple \"06 21 79 34 27\"")
    text = limit(str(value).strip(), MAX_PHONE, "numéro de téléphone")
    digits = re.sub(r"[\s.\-()]", "", text)
    if re.fullmatch(r"0[1-9][0-9]{8}", digits):
        return "+33" + digits[1:]
    if re.fullmatch(r"\+[1-9][0-9]{7,14}", digits):
        return digits
    raise ValueError(f"numéro de téléphone « {quoted(text)} » invalide : 10 chiffres (06 21 79 34 27) "
                     "ou format international (+33 6 21 79 34 27)")
