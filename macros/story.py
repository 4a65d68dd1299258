"""The programme's story in reading order: its phases, and its history steps, each numbered.

The one place of the order of the phases and of the history's steps: the
timeline, the narrow timeline and the history page read them from here, so that
a step has the same place, and the same number, everywhere.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the catalogue is only passed through: no import cycle with content
    from .content import Catalogue


def phases(catalogue: Catalogue) -> list[tuple]:
    """Every phase, (key, phase), by its first day (file-name order for a tie)."""
    return sorted(catalogue.phases.items(), key=lambda item: item[1].period.first_day())


def story_order(item) -> tuple:
    """The order of the history's steps, (key, entry) pairs: by year, and within a
    year the steps known to the month or the day first, in date order, then those
    known only to the year. A step dated « 2022 » happened some time in 2022, not on
    1 January: put first, it would read as coming before everything of that year (the
    Montréal festival, « Courant 2022 », before the April 2022 launch of the pilot
    whose participants went to it); put last, it reads as « also in 2022 »."""
    key, entry = item
    year_only = entry.date.start.precision == "year"
    return (entry.date.first_day().year, year_only, entry.date.first_day(), entry.date.last_day(), key)


def steps(catalogue: Catalogue) -> list[tuple]:
    """Every history step, (key, entry), in story order."""
    return list(catalogue.cached("story:steps", lambda: sorted(catalogue.history.items(), key=story_order)))


def numbers(catalogue: Catalogue) -> dict[str, int]:
    """Each step's number, from 1, in story order: the same on the timeline and the history page."""
    return catalogue.cached("story:numbers", lambda: {key: number for number, (key, _)
                                                        in enumerate(steps(catalogue), 1)})
