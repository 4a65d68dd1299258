"""The kinds of value a record holds, and the rules each kind applies wherever it appears.

A rule belongs to a kind of value, not to the field where a mistake was first
seen: an id is the same kind whether it is a file name, a reference or the
address the form reads; a text is the same kind in a name, a region or an
excerpt. The model (macros/model.py) types every field with one of these
kinds; the file names under content/ and `new-site` go through `check_id` (and
`new-site` makes its id with names.id_from, which always passes it). Each check
returns the value, or raises ValueError with the French message a contributor
reads (the model turns it into `file:line`).

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

MAX_TEXT = 20_000  # the longest real text is about 1,500 characters; far more is a mistake (or an attack)
MAX_ID = 80  # characters of a file name (an id): it becomes a page's address and file names
MAX_URL = 2_000  # the longest real address is about 120 characters; browsers and servers stop near 2,000
MAX_EMAIL = 254  # RFC 5321's limit for a whole address
MAX_PHONE = 40  # "+33 (0)6 21 79 34 27" is 20
MAX_NUMBER = 20  # characters of a number as written: 48.9362, 2022, -1.5

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: no "\n" slips through "$"
ID_PATTERN = "^" + ID.pattern + "$"  # the same rule, for JSON Schema and the form
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")  # one start: linear
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
URL_START = re.compile(r"https?://([^/?#]+)")  # used with match: the scheme and the host
URL_REFUSED = ("javascript:", "data:", "vbscript:", "file:")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE_NATIONAL = re.compile(r"0[1-9][0-9]{8}")  # used with fullmatch, once the separators are gone
PHONE_INTERNATIONAL = re.compile(r"\+[1-9][0-9]{7,14}")
QUOTED = 60  # characters of a contributor's value a message quotes

# The messages a contributor reads, one template per rule: the checks below fill them
# in, and the contribution form gets them (macros/form_messages.py, with their English)
MESSAGES = {
    "too_long": "{what} trop long ({length} caractères ; maximum {maximum})",
    "text_type": "texte attendu",
    "text_empty": "texte vide : écrivez une valeur ou supprimez le champ",
    "hidden": "caractère invisible ({code}) dans le texte",
    "hidden_hint": "retapez ce passage au clavier : il vient souvent d'un copier-coller",
    "mixed": "lettres de plusieurs alphabets mêlées dans « {word} » ({scripts}), dont « {odd} » ({code}) : "
             "un mot écrit ainsi peut se faire passer pour un autre",
    "mixed_hint": "retapez le mot au clavier, avec les lettres de l'alphabet latin",
    "deceptive": "{message} ; {hint}",
    "id": "identifiant « {value} » invalide : minuscules sans accents (a-z), chiffres et tirets simples "
          "(ex. chateau-thierry)",
    "url_scheme": "adresse refusée : le schéma « {scheme}: » n'est pas permis",
    "url": "adresse web « {value} » invalide : elle doit commencer par https:// (ou http://) et ne contenir "
           "ni espace ni aucun des signes < > \" {{ }} | \\ ^ `",
    "url_hidden": "caractère invisible ({code}) dans l'adresse web ; recopiez l'adresse depuis la barre "
                  "d'adresse du navigateur",
    "url_deceptive": "{message} ; recopiez l'adresse depuis la barre d'adresse du navigateur",
    "url_host": "nom de domaine « {host} » invalide dans l'adresse",
    "email_accent": "adresse e-mail « {value} » invalide : caractère accentué « {character} » "
                    "(les adresses s'écrivent sans accents)",
    "email": "adresse e-mail « {value} » invalide (forme attendue : prenom.nom@domaine.fr)",
    "phone_number": "numéro de téléphone écrit sans guillemets : il a été lu comme un nombre (le « + » ou le "
                    "« 0 » du début se perd) ; écrivez-le entre guillemets, par exemple \"06 21 79 34 27\"",
    "phone": "numéro de téléphone « {value} » invalide : 10 chiffres (06 21 79 34 27) ou format international "
             "(+33 6 21 79 34 27)",
}
# what each kind of value is called in "… trop long"
WHAT = {"text": "texte", "id": "identifiant", "url": "adresse web", "email": "adresse e-mail",
        "phone": "numéro de téléphone"}


def limit(value: str, maximum: int, what: str) -> str:
    if len(value) > maximum:
        raise ValueError(MESSAGES["too_long"].format(what=what, length=f"{len(value):,}".replace(",", "\u202f"),
                                                     maximum=f"{maximum:,}".replace(",", "\u202f")))
    return value


def quoted(value, maximum: int = QUOTED) -> str:
    """A contributor's value as a message quotes it: on one line, cut when long."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= maximum else text[:maximum] + "…"


# letters that show nothing (Hangul fillers, Unicode category Lo): invisible in a file name too
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def visible(text: str) -> str:
    """`text` with every character a reader cannot see written as \\uXXXX (a file name in a message)."""
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF  # a byte that is not UTF-8
                   else f"\\u{ord(c):04x}" if c in _BLANK_LETTERS or (ord(c) > 127 and (
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
        return MESSAGES["hidden"].format(code=f"U+{ord(hidden):04X}"), MESSAGES["hidden_hint"]
    mixed = mixed_word(text)
    if mixed:
        word, scripts = mixed
        odd = next((c for c in word if categories.alias(c) not in ("LATIN", "COMMON", "INHERITED")), word[0])
        return (MESSAGES["mixed"].format(word=quoted(word, 40),
                                         scripts=", ".join(_SCRIPTS.get(s, s.lower()) for s in scripts),
                                         odd=odd, code=f"U+{ord(odd):04X}"), MESSAGES["mixed_hint"])
    return None


def check_text(value) -> str:
    """A text (a name, a title, a region, an excerpt, Markdown): not empty, not too
    long, nothing hidden from its reader."""
    if not isinstance(value, str):
        raise ValueError(MESSAGES["text_type"])
    value = limit(value.strip(), MAX_TEXT, WHAT["text"])
    if not value:
        raise ValueError(MESSAGES["text_empty"])
    found = deceptive(value)
    if found:
        raise ValueError(MESSAGES["deceptive"].format(message=found[0], hint=found[1]))
    return value


def check_id(value: str) -> str:
    """An id: a file name without « .yml », a reference to it, an address of the site."""
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise ValueError(MESSAGES["id"].format(value=quoted(visible(str(value)))))
    return limit(value, MAX_ID, WHAT["id"])


# letters that no decomposition turns into ASCII, as French writes them in a file name
def check_url(value: str) -> str:
    value = limit(value.strip(), MAX_URL, WHAT["url"])
    lower = value.lower()
    if lower.startswith(URL_REFUSED):
        raise ValueError(MESSAGES["url_scheme"].format(scheme=value.split(':')[0]))
    match = URL_START.match(value)
    if not match or _URL_FORBIDDEN.search(value):
        raise ValueError(MESSAGES["url"].format(value=quoted(value)))
    hidden = hidden_character(value)  # a zero-width space
    if hidden:
        raise ValueError(MESSAGES["url_hidden"].format(code=f"U+{ord(hidden):04X}"))
    found = deceptive(value)  # a Cyrillic « а » in « аnct.gouv.fr »
    if found:
        raise ValueError(MESSAGES["url_deceptive"].format(message=found[0]))
    host = match.group(1).split("@")[-1].split(":")[0]
    if "." not in host or host.startswith(".") or host.endswith("."):
        raise ValueError(MESSAGES["url_host"].format(host=quoted(host)))
    return value


def check_email(value: str) -> str:
    value = limit(value.strip(), MAX_EMAIL, WHAT["email"])
    if not EMAIL.fullmatch(value):
        accented = [c for c in value if ord(c) > 127]
        if accented:
            raise ValueError(MESSAGES["email_accent"].format(value=quoted(value), character=accented[0]))
        raise ValueError(MESSAGES["email"].format(value=quoted(value)))
    return value


def check_phone(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML read the digits as a number: the leading "+" or "0" is already lost
        raise ValueError(MESSAGES["phone_number"])
    text = limit(str(value).strip(), MAX_PHONE, WHAT["phone"])
    digits = PHONE_SEPARATORS.sub("", text)
    if PHONE_NATIONAL.fullmatch(digits):
        return "+33" + digits[1:]
    if PHONE_INTERNATIONAL.fullmatch(digits):
        return digits
    raise ValueError(MESSAGES["phone"].format(value=quoted(text)))
