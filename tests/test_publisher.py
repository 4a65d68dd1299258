"""Who publishes the site (mkdocs.yml: extra.publisher, macros/publisher.py): the values
checked once, and the one sentence that names what is not yet designated."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.publisher import DESIGNATED, Publisher, PublisherError, read

ALL_SET = {"name": "Éditeur X", "address": "1 rue Y, 75000 Paris", "director": "Z", "email": "contact@example.org",
           "host": "Hébergeur W", "licence": "Licence Ouverte 2.0",
           "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}


def test_empty_values_make_one_sentence_that_names_each_in_both_languages():
    empty = read({"publisher": {key: "" for key in DESIGNATED}})
    assert empty == Publisher() and empty.facts("fr") == []
    assert empty.missing_sentence("fr") == (
        "L'éditeur du site, son adresse postale, son directeur ou sa directrice de publication, son adresse de "
        "contact, l'hébergeur du site et la licence des contenus originaux ne sont pas encore désignés.")
    assert empty.missing_sentence("en") == (
        "The site's publisher, its postal address, its publication director, its contact address, the site's host "
        "and the licence of the original content have not yet been designated.")
    assert read({}) == Publisher()  # no block at all: the same


def test_a_value_set_is_shown_and_leaves_the_sentence():
    named = read({"publisher": {"name": "X"}})
    assert named.facts("fr") == [("Éditeur du site", "X", "")]
    assert "éditeur" not in named.missing_sentence("fr").lower()
    assert named.missing_sentence("fr").startswith("Son adresse postale, ")
    assert "publisher" not in named.missing_sentence("en")
    # one left: the participle agrees with it
    assert read({"publisher": {**ALL_SET, "licence": ""}}).missing_sentence("fr") == (
        "La licence des contenus originaux n'est pas encore désignée.")
    assert read({"publisher": {**ALL_SET, "host": ""}}).missing_sentence("en") == (
        "The site's host has not yet been designated.")
    everything = read({"publisher": ALL_SET})
    assert everything.missing_sentence("fr") == everything.missing_sentence("en") == ""
    assert ("Contact", "contact@example.org", "mailto:contact@example.org") in everything.facts("fr")
    assert ("Licence of the original content", "Licence Ouverte 2.0", ALL_SET["licence_url"]) in everything.facts("en")


def test_dates_and_compliance_are_read_and_written_in_each_language():
    audited = read({"publisher": {"audit_date": dt.date(2027, 3, 1), "statement_date": "2027-03-02",
                                  "compliance": "partielle"}})
    assert audited.date("audit_date", "fr") == "1er mars 2027"
    assert audited.date("statement_date", "en") == "2 March 2027"
    assert audited.compliance_label("fr") == "partiellement conforme"
    assert Publisher().date("audit_date", "fr") == "" and Publisher().compliance_label("en") == ""


@pytest.mark.parametrize("block, message", [
    ({"nom": "X"}, "clé inconnue « nom »"),
    ({"email": "contact@exemple"}, "extra.publisher.email : adresse e-mail"),
    ({"licence_url": "javascript:alert(1)"}, "extra.publisher.licence_url : adresse refusée"),
    ({"audit_date": "mars 2027"}, "extra.publisher.audit_date"),
    ({"compliance": "partial"}, "valeur « partial » non reconnue"),
    ({"name": ["X"]}, "un texte est attendu"),
    ({"name": "X\u200b"}, "extra.publisher.name"),
])
def test_a_wrong_value_stops_the_build_naming_it(block, message):
    with pytest.raises(PublisherError, match=message):
        read({"publisher": block})
