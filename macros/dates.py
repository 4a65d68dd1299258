"""Partial dates and spans, as the sources give them.

A date may be a year (2011), a month (2022-10) or a day (2025-09-30); a span
joins two of them ("octobre 2025 à juin 2026"). They are written in YAML in
ISO order and rendered in French or English conventions.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .problems import shown

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the plausible period

# the messages a contributor reads (the form gets them too: macros/form_messages.py)
MESSAGES = {
    "date_type": "date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)",
    "date": "date « {value} » mal écrite : utilisez AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2022-10 pour octobre 2022)",
    "year": "année {year} hors de la période plausible (1900–2100)",
    "month": "mois {month} impossible dans « {value} » (1 à 12)",
    "day": "jour {day} impossible dans « {value} » : ce mois a {last} jours",
    "no_start": "période sans début : ajoutez « start: »",
    "order": "la fin ({end}) précède le début ({start})",
}


class DateFormatError(ValueError):
    """A date written wrongly; the message is in French for contributors."""


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: PartialDate) -> bool:
        # a year sorts before its months, a month before its days
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    @classmethod
    def parse(cls, value) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or value is None:
            raise DateFormatError(MESSAGES["date_type"])
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        # a huge number (`0xfff…` read by YAML 1.1) is never written out (Python refuses beyond
        # 4,300 digits); a long text is quoted in part
        if isinstance(value, int) and value.bit_length() > 128:
            raise DateFormatError(f"date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ), pas un {shown(value)}")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateFormatError(MESSAGES["date"].format(value=shown(text)))
        year = int(match.group(1))
        month, day = (int(g) if g else None for g in match.groups()[1:])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DateFormatError(MESSAGES["year"].format(year=year))
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(MESSAGES["month"].format(month=month, value=shown(text)))
        if day is not None and month is not None:  # the pattern gives no day without a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(MESSAGES["day"].format(day=day, value=text, last=last))
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day and self.month:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def render(self, lang: str, with_year: bool = True) -> str:
        """« 1er avril 2022 », "1 April 2022" (day first in both: British English)."""
        if not self.month:
            return str(self.year)
        day = ("1er" if self.day == 1 and lang == "fr" else str(self.day)) if self.day else ""
        parts = [day, MONTHS[lang][self.month - 1], str(self.year) if with_year else ""]
        return " ".join(p for p in parts if p)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateSpan:
    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, value) -> DateSpan:
        if isinstance(value, DateSpan):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"start", "end"}
            if unknown:
                raise DateFormatError(
                    f"champ inconnu dans la période : {', '.join(sorted(map(str, unknown)))} (attendus : start, end)")
            if "start" not in value:
                raise DateFormatError(MESSAGES["no_start"])
            start = PartialDate.parse(value["start"])
            end = PartialDate.parse(value["end"]) if value.get("end") is not None else None
            if end is not None:
                if end.last_day() < start.first_day():
                    raise DateFormatError(MESSAGES["order"].format(end=end.iso(), start=start.iso()))
                if end == start:
                    end = None
            return cls(start, end)
        return cls(PartialDate.parse(value))

    def first_day(self) -> dt.date:
        return self.start.first_day()

    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day()

    def iso(self) -> str:
        return self.start.iso() + (f"/{self.end.iso()}" if self.end else "")

    def as_data(self):
        """The span as it is written in YAML (and read back by `parse`)."""
        return {"start": self.start.iso(), "end": self.end.iso()} if self.end else self.start.iso()

    def render(self, lang: str) -> str:
        if self.end is None:
            return self.start.render(lang)
        if self.start.precision == "year" and self.end.precision == "year":
            return f"{self.start.year}–{self.end.year}"
        if self.start.precision == "day" and self.end.precision == "day" and self.start.year == self.end.year:
            return self._days(lang)
        return self._months(lang)

    def _end(self) -> PartialDate:
        """The end of a span (only called on spans that have one)."""
        if self.end is None:  # pragma: no cover - render() sends single dates elsewhere
            raise ValueError("période sans fin")
        return self.end

    def _days(self, lang: str) -> str:
        """Two days of one year: « 30 septembre et 1er octobre 2025 » (consecutive days),
        « du 4 au 8 mars 2024 », "4–8 March 2024", "30 September to 2 October 2025"."""
        start, end = self.start, self._end()
        consecutive = (end.first_day() - start.first_day()).days == 1
        first = start.render(lang, with_year=False)
        if start.month == end.month:
            first = first.split(" ")[0]  # the day alone: « du 4 au 8 mars », "4–8 March"
        if lang == "fr":
            return f"{first} et {end.render('fr')}" if consecutive else f"du {first} au {end.render('fr')}"
        if consecutive:
            return f"{first} and {end.render('en')}"
        return f"{first}–{end.render('en')}" if start.month == end.month else f"{first} to {end.render('en')}"

    def _months(self, lang: str) -> str:
        """Spans of months or years: « de mai à septembre 2025 », « d’octobre 2025 à juin 2026 »,
        « du 4 mars 2024 au 8 mars 2025 », "May to September 2025"."""
        start, end = self.start, self._end()
        first = start.render(lang, with_year=not (start.year == end.year and start.month and end.month))
        if lang == "en":
            return f"{first} to {end.render('en')}"
        # « au » before a day (« au 1er octobre »), « à » before a month or a year
        until = "au" if end.precision == "day" else "à"
        if start.precision == "year":
            return f"{first} {until} {end.render('fr')}"
        if start.precision == "day":
            return f"du {first} {until} {end.render('fr')}"
        return f"{'d’' if first[0] in 'aeiouyéèêàâîôû' else 'de '}{first} {until} {end.render('fr')}"

    def status(self, today: dt.date) -> str:
        """"past", "ongoing" or "upcoming" relative to `today`."""
        if self.last_day() < today:
            return "past"
        if self.first_day() > today:
            return "upcoming"
        return "ongoing"
