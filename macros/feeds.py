"""Calendar (iCalendar, RFC 5545) and contact (vCard) files, made with libraries.

Dates in the sources are days, months or years, never times: every event is an
all-day span (DTSTART/DTEND as DATE values, DTEND the day after the last day),
so "octobre 2022" is 1 to 31 October inclusive. DATE values carry no time
zone by definition (RFC 5545, 3.3.4); each calendar names its zone in
X-WR-TIMEZONE (America/Toronto for a Montréal site, else Europe/Paris) and
each event carries its own zone in X-QIC-TIMEZONE for readers who want it.

Each event's UID names its language: the French and English copies of one
event are two entries, which a calendar holding both subscriptions keeps
apart. Calendars ask to be fetched again daily (REFRESH-INTERVAL, RFC 7986,
and X-PUBLISHED-TTL, read by Outlook and Google).
"""
from __future__ import annotations

import datetime as dt

import icalendar
import vobject

from .model import Contact, Event, Organisation

PRODID = "-//Quartiers a Impact Collectif//site//FR"
REFRESH = dt.timedelta(days=1)


def uid(key: str, lang: str) -> str:
    return f"{key}.{lang}@quartiers-impact-collectif"


def _stamp(today: dt.date) -> dt.datetime:
    # DTSTAMP from the build date, not the clock: two builds give the same file
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)


_made: dict[tuple, bytes] = {}


def _once(inputs: tuple, make) -> bytes:
    """A file made again from the very same inputs is the same file: the preview
    server, which builds everything again after each save, makes only those whose
    inputs changed. (The inputs are written out in full: no stale file.)"""
    if inputs not in _made:
        if len(_made) > 100_000:
            _made.clear()
        _made[inputs] = make()
    return _made[inputs]


def calendar(events: list[tuple[str, Event]], lang: str, name: str, today: dt.date,
             organisations: dict[str, Organisation], timezone: str = "Europe/Paris",
             page_url: str = "") -> bytes:
    inputs = ("ics", lang, name, today, timezone, page_url,
              tuple((key, event.model_dump_json(), tuple(organisations[o].model_dump_json() for o in event.organisers))
                    for key, event in events))
    return _once(inputs, lambda: _calendar(events, lang, name, today, organisations, timezone, page_url))


def _calendar(events, lang, name, today, organisations, timezone, page_url) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    for key, event in events:
        item = icalendar.Event()
        item.add("uid", uid(key, lang))
        item.add("dtstamp", _stamp(today))
        item.add("summary", event.title.get(lang))
        item.add("dtstart", event.date.first_day())
        item.add("dtend", event.date.last_day() + dt.timedelta(days=1))
        item.add("x-qic-timezone", event.timezone)
        item.add("x-qic-date-precision", event.date.start.precision)
        if event.place:
            item.add("location", event.place.get(lang))
        lines = [event.summary.get(lang)] if event.summary else []
        if event.organisers:
            label = "Organisateurs" if lang == "fr" else "Organisers"
            lines.append(f"{label} : " if lang == "fr" else f"{label}: ")
            lines[-1] += ", ".join(organisations[o].name.get(lang) for o in event.organisers)
        if lines:
            item.add("description", "\n\n".join(lines))
        if page_url:
            item.add("url", f"{page_url}#evenement-{key}")
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    return cal.to_ical()


def vcard(contact: Contact, organisation: Organisation, lang: str) -> bytes:
    inputs = ("vcf", lang, contact.model_dump_json(), organisation.model_dump_json())
    return _once(inputs, lambda: _vcard(contact, organisation, lang))


def _text(card, name: str, value: str) -> None:
    """A single text value, escaped as vCard 4.0 (RFC 6350, 3.4) and every reader
    understand it: backslash, comma and line break, but not ";" (vobject writes
    "\\;", which vCard 3.0 readers take as ";" and vCard 4.0 ones, like ical.js,
    keep as "\\;"). An unescaped ";" in a single value reads the same in both."""
    line = card.add(name)
    line.value = value.replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")
    line.encoded = True


def _vcard(contact: Contact, organisation: Organisation, lang: str) -> bytes:
    card = vobject.vCard()
    _text(card, "fn", contact.name)
    given, _, family = contact.name.partition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("org").value = [organisation.name.get(lang)]
    if contact.role:
        _text(card, "title", contact.role.get(lang))
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "WORK"
    if contact.topics:
        _text(card, "note", contact.topics.get(lang))
    card.add("rev").value = contact.last_checked.isoformat()
    return card.serialize().encode("utf-8")
