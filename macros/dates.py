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

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateFormatError(ValueError):
    """A date written wrongly; the message is in French for contributors."""


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: "PartialDate") -> bool:
        # a year sorts before its months, a month before its days
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    @classmethod
    def parse(cls, value) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or value is None:
            raise DateFormatError("date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateFormatError(
                f"date « {text} » mal écrite : utilisez AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2022-10 pour octobre 2022)")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not 1900 <= year <= 2100:
            raise DateFormatError(f"année {year} hors de la période plausible (1900–2100)")
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f"mois {month} impossible dans « {text} » (1 à 12)")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(f"jour {day} impossible dans « {text} » : ce mois a {last} jours")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
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
        if not self.month:
            return str(self.year)
        month = MONTHS[lang][self.month - 1]
        if lang == "fr":
            parts = [("1er" if self.day == 1 else str(self.day)) if self.day else "", month,
                     str(self.year) if with_year else ""]
        else:  # British order, as the rest of the English site: 1 October 2025
            parts = [str(self.day) if self.day else "", month, str(self.year) if with_year else ""]
        return " ".join(p for p in parts if p)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class DateSpan:
    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, value) -> "DateSpan":
        if isinstance(value, DateSpan):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"start", "end"}
            if unknown:
                raise DateFormatError(
                    f"champ inconnu dans la période : {', '.join(sorted(map(str, unknown)))} (attendus : start, end)")
            if "start" not in value:
                raise DateFormatError("période sans début : ajoutez « start: »")
            start = PartialDate.parse(value["start"])
            end = PartialDate.parse(value["end"]) if value.get("end") is not None else None
            if end is not None:
                if end.last_day() < start.first_day():
                    raise DateFormatError(
                        f"la fin ({end.iso()}) précède le début ({start.iso()})")
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
        start, end = self.start, self.end
        if end is None:
            return start.render(lang)
        if start.precision == "day" and end.precision == "day" and start.year == end.year:
            # consecutive days: "30 septembre et 1er octobre 2025"; otherwise a range
            consecutive = (end.first_day() - start.first_day()).days == 1
            if lang == "fr":
                joiner = " et " if consecutive else " au "
                first = start.render("fr", with_year=False)
                if start.month == end.month and not consecutive:
                    first = "1er" if start.day == 1 else str(start.day)
                return f"{'du ' if not consecutive else ''}{first}{joiner}{end.render('fr')}"
            joiner = " and " if consecutive else " to "
            if start.month == end.month:
                return f"{start.day}{'–' if not consecutive else ' and '}{end.render('en')}"
            return f"{start.render('en', with_year=False)}{joiner}{end.render('en')}"
        same_year = start.year == end.year and start.month and end.month
        first = start.render(lang, with_year=not same_year)
        if lang == "fr":
            if start.precision == "year" and end.precision == "year":
                return f"{start.year}–{end.year}"
            # « au 1er octobre », « à octobre » : a day takes the article
            to = " au " if end.precision == "day" else " à "
            opening = "du " if start.precision == "day" else "de " if first[0] not in "aeiouyéèêàâîôû" else "d’"
            return f"{opening}{first}{to}{end.render('fr')}"
        if start.precision == "year" and end.precision == "year":
            return f"{start.year}–{end.year}"
        return f"{first} to {end.render('en')}"

    def status(self, today: dt.date) -> str:
        """"past", "ongoing" or "upcoming" relative to `today`."""
        if self.last_day() < today:
            return "past"
        if self.first_day() > today:
            return "upcoming"
        return "ongoing"
