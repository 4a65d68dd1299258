"""The content model on its own: valid records pass, each kind of mistake is named."""
import pytest
from pydantic import ValidationError

from macros.model import Contact, Event, Resource, Site, Text

SITE = {
    "name": "Liévin", "kind": "pilote", "region": "Hauts-de-France", "country": "FR",
    "coordinates": {"lat": 50.42, "lon": 2.78, "precision": "commune"},
    "last_checked": "2026-11-30", "sources": ["irev-territoire-impact-collectif"],
}


def errors(model, data):
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return {(tuple(str(p) for p in e["loc"] if not str(p).startswith("function-")), e["type"])
            for e in info.value.errors()}


def test_minimal_site_is_valid_and_a_plain_name_serves_both_languages():
    site = Site.model_validate(SITE)
    assert site.name.fr == site.name.en == "Liévin"
    assert site.summary is None and site.continuum == []


def test_text_requires_french_and_falls_back_visibly():
    text = Text.model_validate({"fr": "Bonjour"})
    assert text.get("en") == "Bonjour" and text.is_fallback("en") and not text.is_fallback("fr")
    assert (("fr",), "missing") in errors(Text, {"en": "Hello"})


@pytest.mark.parametrize("change, loc", [
    ({"kind": "pilot"}, ("kind",)),
    ({"country": "BE"}, ("country",)),
    ({"coordinates": {"lat": 95, "lon": 2, "precision": "commune"}}, ("coordinates", "lat")),
    ({"last_checked": "2026-11"}, ("last_checked",)),
    ({"sources": []}, ("sources",)),
    ({"sources": ["le document de l'ANCT"]}, ("sources", "0")),
    ({"nom": "Liévin"}, ("nom",)),
])
def test_site_mistakes_point_at_their_field(change, loc):
    found = errors(Site, {**SITE, **change})
    assert loc in {e[0] for e in found}


def test_missing_required_fields_are_all_reported():
    found = {e[0] for e in errors(Site, {"name": "X"})}
    assert {("kind",), ("region",), ("country",), ("coordinates",), ("last_checked",), ("sources",)} <= found


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "www.exemple.fr",
                                 "https://", "https://exemple", "https://exemple.fr/a b"])
def test_dangerous_or_malformed_urls_are_refused(url):
    data = {"title": {"fr": "T"}, "type": "guide", "language": "fr", "summary": {"fr": "R"},
            "url": url, "sources": ["anct-approche-impacts-collectifs"]}
    assert ("url",) in {e[0] for e in errors(Resource, data)}


def test_contact_email_with_accent_is_refused_with_a_precise_message():
    data = {"name": "Frédéric Frénard", "organisation": "reso-villes", "public": True,
            "last_checked": "2026-11-30", "sources": ["reso-villes-quartiers-impact-collectif-2024"],
            "email": "frédéric.frenard@resovilles.com"}
    with pytest.raises(ValidationError, match="caractère accentué « é »"):
        Contact.model_validate(data)


@pytest.mark.parametrize("phone, normalised", [("06.21.79.34.27", "+33621793427"),
                                               ("+33 6 21 79 34 27", "+33621793427")])
def test_phone_numbers_are_normalised(phone, normalised):
    data = {"name": "X", "organisation": "o", "public": True, "last_checked": "2026-11-30",
            "sources": ["reso-villes-quartiers-impact-collectif-2024"], "phone": phone}
    assert Contact.model_validate(data).phone == normalised


@pytest.mark.parametrize("phone", ["06 21 79", "phone", "+0 12", 33621793427, 0o612345670])
def test_bad_phone_numbers_are_refused(phone):
    data = {"name": "X", "organisation": "o", "public": True, "last_checked": "2026-11-30",
            "sources": ["reso-villes-quartiers-impact-collectif-2024"], "phone": phone}
    assert ("phone",) in {e[0] for e in errors(Contact, data)}


def test_event_span_must_not_end_before_it_starts():
    data = {"title": {"fr": "T"}, "date": {"start": "2026-06", "end": "2025-10"},
            "sources": ["anct-approche-impacts-collectifs"]}
    with pytest.raises(ValidationError, match="précède le début"):
        Event.model_validate(data)
