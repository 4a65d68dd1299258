"""Calendar (iCalendar, RFC 5545) and contact (vCard) files, made with libraries.

Dates in the sources are days, months or years, never times: every event is an
all-day span (DTSTART/DTEND as DATE values, DTEND the day after the last day),
so "octobre 2022" is 1 to 31 October inclusive. DATE values carry no time
zone by definition (RFC 5545, 3.3.4); each calendar names its zone in
X-WR-TIMEZONE (America/Toronto for a Montréal site, else Europe/Paris) and
each event carries its own zone in X-QIC-TIMEZONE for readers who want it.

Uncertain dates stay uncertain. An event the sources date only to the month or
the year keeps the whole month or year as its span — the only span that is
surely right — and never becomes a firm day; since calendar apps mostly show
only the title, the days and the description, all three say it:
- the title ends with « (date précise inconnue : octobre 2022) », "(exact date
  unknown: October 2022)" (« dates précises inconnues » for a span);
- the description starts with a sentence giving the precision and what the span
  covers (« Date connue au mois près : octobre 2022. Cette entrée couvre tout le
  mois ; le jour exact n'est pas connu. »), then the record's note on its
  sources (what they do not say), the summary, the organisers, and the sources,
  one a line: title and address;
- X-QIC-DATE gives the date as the sources do (ISO 8601: 2022-10, 2024,
  2022-10/2023-05) and X-QIC-DATE-PRECISION the coarsest precision of its ends
  (day, month or year), for programs. Entries are TRANSPARENT: never "busy".
A one-day entry on the first day was rejected: it would show 1 January 2022 as
the day of a festival the sources date only "courant 2022".

Contact cards are vCard 4.0 (RFC 6350), each with a UID (urn:uuid:, uuid5 of the
contact's id) shared by its French and English copies: see `vcard`.

Each event's UID names its language: the French and English copies of one
event are two entries, which a calendar holding both subscriptions keeps
apart. Calendars ask to be fetched again daily (REFRESH-INTERVAL, RFC 7986,
and X-PUBLISHED-TTL, read by Outlook and Google). Each entry's URL is the event
on the calendar page of its language (`page_url`, the page's full address).
"""
from __future__ import annotations

import datetime as dt
import uuid

import icalendar
import vobject

from . import rendering
from .dates import DateSpan
from .model import Contact, Event, Organisation, SourceDocument, Text

PRODID = "-//Quartiers a Impact Collectif//site//FR"
REFRESH = dt.timedelta(days=1)


def uid(key: str, lang: str) -> str:
    return f"{key}.{lang}@quartiers-impact-collectif"


def _stamp(today: dt.date) -> dt.datetime:
    # DTSTAMP from the build date, not the clock: two builds give the same file
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


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
             page_url: str = "", sources: dict[str, SourceDocument] | None = None) -> bytes:
    sources = sources or {}
    inputs = ("ics", lang, name, today, timezone, page_url,
              tuple((key, event.model_dump_json(), tuple(organisations[o].model_dump_json() for o in event.organisers),
                     tuple(sources[c.source].model_dump_json() for c in event.sources if c.source in sources))
                    for key, event in events))
    return _once(inputs, lambda: _calendar(events, lang, name, today, organisations, timezone, page_url, sources))


_PRECISIONS = ("day", "month", "year")


def date_precision(date: DateSpan) -> str:
    """"day", "month" or "year": the coarsest precision of a date's ends (a span
    from a day to a month is known to the month)."""
    ends = [date.start] + ([date.end] if date.end else [])
    return max((end.precision for end in ends), key=_PRECISIONS.index)


def cited_sources(record, sources: dict[str, SourceDocument]) -> list[tuple[Text | None, str | None]]:
    """(title, address) of each source a record cites: a document of content/sources/
    gives its title (a Text) and its address when it has one; a web page cited by
    its address alone gives (None, address)."""
    found: list[tuple[Text | None, str | None]] = []
    for citation in record.sources:
        if citation.url:
            found.append((None, str(citation.url)))
        elif citation.source in sources:
            document = sources[citation.source]
            found.append((document.title, str(document.url) if document.url else None))
    return found


def source_line(title: str | None, url: str | None) -> str:
    """« Titre <https://…> », the title alone when the document has no public address,
    « <https://…> » for a web page cited by its address (as e-mail writes a name and
    an address: titles hold dashes and colons, never angle brackets)."""
    return " ".join(part for part in (title, f"<{url}>" if url else None) if part)


def _words(lang: str) -> dict[str, str]:
    """The calendars' wording in one language (strings.yml, feed_…), read once per calendar."""
    return {key: value[lang] for key, value in rendering.strings().items() if key.startswith("feed_")}


def _summary(event: Event, lang: str, words: dict[str, str]) -> str:
    """The title, with the date's precision when the sources give no exact day."""
    title = event.title.get(lang)
    if date_precision(event.date) == "day":
        return title
    unknown = words["feed_unknown_dates" if event.date.end else "feed_unknown_date"]
    return f"{title} {unknown.format(date=event.date.render(lang))}"


def _description(event: Event, lang: str, organisations, sources, words: dict[str, str]) -> str:
    paragraphs = []
    precision = date_precision(event.date)
    if precision != "day":
        sentence = words[f"feed_precision{'s' if event.date.end else ''}_{precision}"]
        paragraphs.append(sentence.format(date=event.date.render(lang)))
    if event.note:
        paragraphs.append(f"{words['feed_note']} {event.note.get(lang)}")
    if event.summary:
        paragraphs.append(event.summary.get(lang))
    if event.organisers:
        paragraphs.append(f"{words['feed_organisers']} "
                          + ", ".join(organisations[o].name.get(lang) for o in event.organisers))
    cited = cited_sources(event, sources)
    if cited:
        lines = [source_line(title.get(lang) if title else None, url) for title, url in cited]
        paragraphs.append("\n".join([words["feed_sources"], *(f"- {line}" for line in lines)]))
    return "\n\n".join(paragraphs)


def _calendar(events, lang, name, today, organisations, timezone, page_url, sources) -> bytes:
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
    words = _words(lang)
    for key, event in events:
        item = icalendar.Event()
        item.add("uid", uid(key, lang))
        item.add("dtstamp", _stamp(today))
        item.add("summary", _summary(event, lang, words))
        item.add("dtstart", event.date.first_day())
        item.add("dtend", event.date.last_day() + dt.timedelta(days=1))
        item.add("x-qic-timezone", event.timezone)
        item.add("x-qic-date", event.date.iso())
        item.add("x-qic-date-precision", date_precision(event.date))
        if event.place:
            item.add("location", event.place.get(lang))
        description = _description(event, lang, organisations, sources, words)
        if description:
            item.add("description", description)
        if page_url:
            item.add("url", f"{page_url}#evenement-{key}")
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    return cal.to_ical()


# vCard 4.0 (RFC 6350), not 3.0: in 3.0 (RFC 2426) a ";" in a text value such as NOTE
# must be written "\\;", which ical.js (Thunderbird's parser) keeps as "\\;" in both
# versions; in 4.0 a ";" of a single text value need not be escaped (3.4), and then
# every reader tested (vobject, ical.js) reads the very text written.
VCARD_VERSION = "4.0"
# the namespace of the cards' UIDs: uuid5 of a contact's id in it is the same UID for
# the French and the English copy of a card, from one release to the next
CONTACTS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:quartiers-impact-collectif:contacts")


def contact_uid(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(CONTACTS, key)}"


def vcard(contact: Contact, organisation: Organisation, lang: str, key: str) -> bytes:
    inputs = ("vcf", lang, key, contact.model_dump_json(), organisation.model_dump_json())
    return _once(inputs, lambda: _vcard(contact, organisation, lang, key))


def _text(card, name: str, value: str) -> None:
    """A single text value, escaped as vCard 4.0 says (RFC 6350, 3.4): backslash,
    comma and line break; a ";" is left as it is (vobject would write "\\;", which
    ical.js keeps as "\\;")."""
    line = card.add(name)
    line.value = value.replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")
    line.encoded = True


def _vcard(contact: Contact, organisation: Organisation, lang: str, key: str) -> bytes:
    card = vobject.vCard()
    card.add("version").value = VCARD_VERSION
    card.add("prodid").value = PRODID
    card.add("uid").value = contact_uid(key)
    card.add("kind").value = "individual"
    _text(card, "fn", contact.name)
    given, _, family = contact.name.partition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("org").value = [organisation.name.get(lang)]
    if contact.role:
        _text(card, "title", contact.role.get(lang))
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.params["TYPE"] = ["work"]
    if contact.phone:
        phone = card.add("tel")  # a tel: URI, as RFC 6350 (6.4.1) recommends
        phone.value = f"tel:{contact.phone}"
        phone.params["VALUE"] = ["uri"]
        phone.params["TYPE"] = ["work", "voice"]
    if contact.topics:
        _text(card, "note", contact.topics.get(lang))
    # a timestamp, the only form REV takes in 4.0 (6.7.4)
    card.add("rev").value = contact.last_checked.strftime("%Y%m%dT000000Z")
    return card.serialize().encode("utf-8")
