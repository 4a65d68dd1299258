"""Who publishes the site: the `extra.publisher` block of mkdocs.yml, the one place the
legal notice, the accessibility statement and the « À propos » page read.

The sources name no publisher for this site: every value stays empty until the
publisher chooses it, and each of these pages says, in one sentence, what is not
yet designated (« L'éditeur du site, … ne sont pas encore désignés. ») rather than
leaving « à compléter » wherever a value would go. A value once set shows on the
pages, and leaves the sentence.

Plain Python, no MkDocs: macros/main.py hands it the configuration's `extra`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import PartialDate
from .rendering import strings
from .values import check_email, check_text, check_url

# what the sentence lists when empty, in this order, with the French gender of its
# name (« désigné » agrees with it); the order is the legal notice's
DESIGNATED = {"name": "m", "address": "f", "director": "m", "email": "f", "host": "m", "licence": "f"}
URLS = ("licence_url", "audit_report")
DATES = ("statement_date", "audit_date")
COMPLIANCE = ("non", "partielle", "totale")  # the RGAA's three states, once audited
FIELDS = (*DESIGNATED, *URLS, *DATES, "compliance")


class PublisherError(ValueError):
    """A value of extra.publisher that cannot be published (said in French)."""


@dataclass(frozen=True)
class Publisher:
    name: str = ""
    address: str = ""
    director: str = ""
    email: str = ""
    host: str = ""
    licence: str = ""
    licence_url: str = ""
    statement_date: dt.date | None = None  # of the accessibility statement
    audit_date: dt.date | None = None      # of the RGAA compliance audit
    audit_report: str = ""                 # its report: rate, non-compliances, exemptions
    compliance: str = ""                   # one of COMPLIANCE, once audited

    def missing(self) -> list[str]:
        """The fields the publisher has not yet chosen, in the sentence's order."""
        return [key for key in DESIGNATED if not getattr(self, key)]

    def missing_sentence(self, lang: str) -> str:
        """One sentence naming what is not yet designated; "" when nothing is missing."""
        keys = self.missing()
        if not keys:
            return ""
        words = strings()
        names = [words[f"publisher_missing_{key}"][lang] for key in keys]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + words["and"][lang] + names[-1]
        if len(keys) > 1:
            verb = "publisher_missing_many"
        else:
            verb = "publisher_missing_one_" + DESIGNATED[keys[0]]
        return words[verb][lang].format(items=listed[0].upper() + listed[1:])

    def facts(self, lang: str) -> list[tuple[str, str, str]]:
        """(label, value, link) of each value that is set, in the sentence's order."""
        words = strings()
        links = {"email": f"mailto:{self.email}" if self.email else "", "licence": self.licence_url}
        return [(words[f"publisher_{key}"][lang], getattr(self, key), links.get(key, ""))
                for key in DESIGNATED if getattr(self, key)]

    def date(self, key: str, lang: str) -> str:
        """« 3 mars 2027 » for statement_date or audit_date; "" when not set."""
        value = getattr(self, key)
        return PartialDate(value.year, value.month, value.day).render(lang) if value else ""

    def compliance_label(self, lang: str) -> str:
        return strings()[f"compliance_{self.compliance}"][lang] if self.compliance else ""


def read(extra: dict) -> Publisher:
    """The block as mkdocs.yml writes it (extra.publisher), checked: an unknown key or a
    value of the wrong kind stops the build with a message naming it."""
    block = extra.get("publisher") or {}
    if not isinstance(block, dict):
        raise PublisherError("mkdocs.yml : extra.publisher doit être un bloc de valeurs (nom: valeur)")
    unknown = sorted(set(block) - set(FIELDS))
    if unknown:
        raise PublisherError(f"mkdocs.yml : extra.publisher : clé inconnue « {unknown[0]} » ; clés possibles : "
                             + ", ".join(FIELDS))
    values = {}
    for key, value in block.items():
        if value in (None, ""):
            continue
        try:
            values[key] = _checked(key, value)
        except ValueError as error:
            raise PublisherError(f"mkdocs.yml : extra.publisher.{key} : {error}") from None
    return Publisher(**values)


def _checked(key: str, value):
    if key in DATES:
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))  # ValueError names the value
    if not isinstance(value, str):
        raise ValueError("un texte est attendu")
    if key in URLS:
        return check_url(value)
    if key == "email":
        return check_email(value)
    if key == "compliance" and value not in COMPLIANCE:
        raise ValueError(f"valeur « {value} » non reconnue ; valeurs possibles : " + ", ".join(COMPLIANCE))
    return check_text(value).strip()
