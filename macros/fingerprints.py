"""Fingerprints: enough of a source text to prove that an excerpt is in it, not the text.

The source documents' texts may not be redistributed, so they stay out of the
repository (macros/provenance.py finds them in ../shared/seeds or QIC_SEEDS).
Beside each source record, `content/sources/<id>.fingerprint` holds what the
check needs where the texts are absent (a fresh clone, GitHub's checks):

- the text, normalised as excerpts are matched (provenance.normalise), is cut
  into tokens: runs of letters and digits (`\\w+`), and each other sign alone;
- every run of 3 and of 4 consecutive tokens of the text (a "shingle": the
  exact normalised text from its first token to its last) is hashed with
  HMAC-SHA256 keyed by a random salt of the source, truncated to 8 bytes;
- the file keeps the salt, the text file's name, the number of tokens, and the
  hashes, sorted: neither the words nor their order are written.

A part of an excerpt (the excerpt, or each side of « […] ») is accepted when
every run of 4 consecutive tokens in it is among the hashes (a part of exactly
3 tokens: the part itself). A part must hold at least 3 tokens, with the text
as with its fingerprint. What the fingerprint cannot tell, and the text can: the
order of the parts around « […] », and a part stitched from runs of the text
that overlap by 3 tokens without following each other. On the real content,
43,531 alterations of its excerpts and testimonials (a word replaced by one of
the text's, removed, added, « ne » or « pas » inserted, two words swapped, an
accent dropped, a digit changed) got the same verdict from the fingerprint as
from the text: none was accepted by one and refused by the other.

What it gives away: with the salt public, anyone can test whether a guessed
run of 4 words is in the text. Guessing a whole text blindly is out of reach,
but extending a known passage one word at a time with a dictionary is not (a
public verifier is such an oracle, whatever its design). The fingerprint keeps
the text from being copied or read back trivially, not from a determined guesser
(a few minutes of computing for the stretches made of dictionary words; names,
numbers and addresses must be guessed too). A secret key would stop it, but then
the checks of pull requests from forks, which get no secret, could not verify.
The pages already show the cited excerpts in full (a fifth to nearly all of
each text).

HMAC-SHA256 (rather than BLAKE2b) so that a browser can compute the same hashes
with the standard Web Crypto API (crypto.subtle, HMAC with SHA-256). The site
publishes each fingerprint (`Fingerprint.published`: the salt and the sorted hashes,
not the text file's name) at donnees/empreintes/<id>.json, and the contribution
form checks an excerpt against it as it is typed (overrides/assets/form-rules.js,
with the normalising steps and token pattern of macros/form_rules.py).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field

from .problems import Problem

FORMAT = "qic-fingerprint 1"
HASH = "hmac-sha256-64"
SIZES = (3, 4)  # tokens in a shingle: parts of 3 tokens are checked whole, longer ones by runs of 4
SHORTEST = SIZES[0]
HASH_BYTES = 8
SALT_BYTES = 16
SUFFIX = ".fingerprint"
PUBLISHED = "donnees/empreintes"  # where the site publishes them: <PUBLISHED>/<source id>.json
MAX_BYTES = 4_000_000  # about 200,000 hashes: a text of a few hundred pages

TOKEN = re.compile(r"\w+|[^\w\s]")
_HEX = re.compile(r"[0-9a-f]+")
_FIELDS = ("format", "hash", "file", "salt", "tokens", "shingles", "hashes")


def tokens(normalised: str) -> list[re.Match]:
    """The tokens of a normalised text: words (letters and digits) and single signs."""
    return list(TOKEN.finditer(normalised))


def shingles(normalised: str, size: int) -> list[str]:
    """Every run of `size` consecutive tokens, as the normalised text writes it
    (the spaces between its tokens included); the whole text when it is shorter."""
    found = tokens(normalised)
    if len(found) <= size:
        return [normalised[found[0].start():found[-1].end()]] if found else []
    return [normalised[found[i].start():found[i + size - 1].end()] for i in range(len(found) - size + 1)]


def _hasher(salt: bytes):
    base = hmac.new(salt, digestmod=hashlib.sha256)

    def digest(shingle: str) -> bytes:
        inner = base.copy()
        inner.update(shingle.encode("utf-8"))
        return inner.digest()[:HASH_BYTES]
    return digest


@dataclass(frozen=True)
class Fingerprint:
    """The fingerprint of one source text (see the module's docstring)."""

    file: str  # the text file's name, as the source record's `file` gives it
    salt: bytes
    tokens: int
    hashes: frozenset[bytes] = field(repr=False)
    sizes: tuple[int, ...] = SIZES

    @classmethod
    def of(cls, normalised: str, file: str, salt: bytes | None = None) -> Fingerprint:
        """The fingerprint of a normalised text; a new random salt unless one is given
        (the same salt and text always give the same fingerprint)."""
        salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
        digest = _hasher(salt)
        hashes = frozenset(digest(s) for size in SIZES for s in shingles(normalised, size))
        return cls(file, salt, len(tokens(normalised)), hashes)

    def holds(self, part: str) -> bool:
        """Whether a normalised part of an excerpt (no « […] » in it) is in the text;
        False for a part shorter than the shortest shingle."""
        count = len(tokens(part))
        if count < self.sizes[0]:
            return False
        size = min(count, self.sizes[-1])
        if size not in self.sizes:
            return False
        digest = _hasher(self.salt)
        return all(digest(s) in self.hashes for s in shingles(part, size))

    def published(self) -> bytes:
        """The fingerprint as the site publishes it for the form (JSON): the salt in
        hexadecimal, the shingle sizes, and the hashes sorted and joined end to end,
        in base64 (HASH_BYTES bytes each: the browser reads them by binary search).
        Neither the text file's name nor its number of tokens: the pages never show them."""
        joined = b"".join(sorted(self.hashes))
        data = {"format": FORMAT, "hash": HASH, "salt": self.salt.hex(), "shingles": list(self.sizes),
                "bytes": HASH_BYTES, "count": len(self.hashes), "hashes": base64.b64encode(joined).decode("ascii")}
        return json.dumps(data, separators=(",", ":")).encode("ascii") + b"\n"

    def same_as(self, other: Fingerprint) -> bool:
        return (self.file, self.salt, self.tokens, self.hashes, self.sizes) == (
            other.file, other.salt, other.tokens, other.hashes, other.sizes)

    def text(self, source_id: str) -> str:
        """The file's content: a few header lines, then one hash per line, sorted."""
        header = [
            f"# Empreinte du texte « {self.file} » (source {source_id}), produite par",
            "# « python -m macros.cli fingerprints » à partir du texte : ne la modifiez pas à la main.",
            "# Elle suffit à vérifier qu'un extrait cité est dans le texte, sans le contenir",
            "# (voir macros/fingerprints.py).",
            f"format: {FORMAT}",
            f"hash: {HASH}",
            f"file: {self.file}",
            f"salt: {self.salt.hex()}",
            f"tokens: {self.tokens}",
            f"shingles: {' '.join(map(str, self.sizes))}",
            f"hashes: {len(self.hashes)}",
        ]
        return "\n".join(header + sorted(h.hex() for h in self.hashes)) + "\n"


_HINT = "régénérez-la avec « python -m macros.cli fingerprints » (à partir des textes), sans la modifier à la main"


class _UnreadableError(Exception):
    """What makes a fingerprint file unreadable, at its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse(raw: bytes, shown: str) -> tuple[Fingerprint | None, list[Problem]]:
    """A fingerprint file read back, or None and what is wrong, at its line."""
    try:
        return _read(raw), []
    except _UnreadableError as wrong:
        return None, [Problem(shown, wrong.line, 1, "", f"empreinte illisible : {wrong.message}", _HINT)]


def _read(raw: bytes) -> Fingerprint:
    """The fingerprint of a file's bytes; _UnreadableError when they are not one."""
    try:
        lines = raw.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise _UnreadableError(1, "le fichier n'est pas en UTF-8") from None
    if lines and lines[-1] == "":
        lines.pop()
    values, number = _read_header(lines)
    salt, count, expected, sizes = _header_numbers(values, number)
    hashes = _read_hashes(lines, number)
    if len(hashes) != expected:
        raise _UnreadableError(len(lines), f"{len(hashes)} empreintes au lieu des {expected} annoncées")
    if expected > len(sizes) * count:  # at most one run of each size per token of the text
        raise _UnreadableError(number, f"{expected} empreintes pour un texte de {count} signes : c'est trop")
    return Fingerprint(values["file"], salt, count, frozenset(hashes), sizes)


def _read_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The header's fields (comment lines skipped) and the number of its last line,
    after which the hashes start."""
    values: dict[str, str] = {}
    number = 0
    for number, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        key, colon, value = line.partition(": ")
        if not colon:
            break
        if key not in _FIELDS or key in values:
            raise _UnreadableError(number, f"ligne d'en-tête « {line[:40]} » inattendue")
        values[key] = value
        if len(values) == len(_FIELDS):
            break
    missing = [key for key in _FIELDS if key not in values]
    if missing:
        raise _UnreadableError(number or 1, f"en-tête incomplet (manque : {', '.join(missing)})")
    if values["format"] != FORMAT or values["hash"] != HASH:
        raise _UnreadableError(1, f"format « {values['format']} », « {values['hash']} » inconnu "
                                  f"(attendu : « {FORMAT} », « {HASH} »)")
    return values, number


def _header_numbers(values: dict[str, str], number: int) -> tuple[bytes, int, int, tuple[int, ...]]:
    """The header's salt, number of tokens, number of hashes and shingle sizes, checked."""
    try:
        salt = bytes.fromhex(values["salt"])
        count, expected = int(values["tokens"]), int(values["hashes"])
        sizes = tuple(int(size) for size in values["shingles"].split())
    except ValueError:
        raise _UnreadableError(number, "sel, nombres de signes ou d'empreintes mal écrits") from None
    if sizes != SIZES or len(salt) != SALT_BYTES:
        raise _UnreadableError(number, f"passages de {values['shingles']} signes ou sel de {len(salt)} octets "
                                       f"(attendu : {' '.join(map(str, SIZES))} ; {SALT_BYTES} octets)")
    return salt, count, expected, sizes


def _read_hashes(lines: list[str], number: int) -> list[bytes]:
    """The hashes, one per line after the header's last line (`number`), sorted without repeats."""
    hashes, previous = [], ""
    for index, line in enumerate(lines[number:], number + 1):
        if len(line) != 2 * HASH_BYTES or not _HEX.fullmatch(line):
            raise _UnreadableError(index, f"« {line[:40]} » n'est pas une empreinte ({2 * HASH_BYTES} chiffres "
                                          "hexadécimaux)")
        if line <= previous:
            raise _UnreadableError(index, "empreintes dans le désordre ou en double")
        hashes.append(bytes.fromhex(line))
        previous = line
    return hashes
