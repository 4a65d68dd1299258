import datetime as dt
import re

import pytest

from macros.dates import DateFormatError, DateSpan, PartialDate


@pytest.mark.parametrize("value, fr, en", [
    (2011, "2011", "2011"),
    ("2022-10", "octobre 2022", "October 2022"),
    ("2022-04-01", "1er avril 2022", "1 April 2022"),
    ({"start": "2025-09-30", "end": "2025-10-01"}, "30 septembre et 1er octobre 2025",
     "30 September and 1 October 2025"),
    ({"start": "2025-09-29", "end": "2025-10-01"}, "du 29 septembre au 1er octobre 2025",
     "29 September to 1 October 2025"),
    ({"start": "2025-09", "end": "2025-10-01"}, "de septembre au 1er octobre 2025",
     "September to 1 October 2025"),
    ({"start": 2024, "end": "2024-10-01"}, "2024 au 1er octobre 2024", "2024 to 1 October 2024"),
    ({"start": "2025-10", "end": "2026-06"}, "d’octobre 2025 à juin 2026", "October 2025 to June 2026"),
    ({"start": "2025-05", "end": "2025-09"}, "de mai à septembre 2025", "May to September 2025"),
    ({"start": "2022-05", "end": "2023-02"}, "de mai 2022 à février 2023", "May 2022 to February 2023"),
    ({"start": 2011, "end": 2021}, "2011–2021", "2011–2021"),
    ({"start": "2024-03-04", "end": "2024-03-08"}, "du 4 au 8 mars 2024", "4–8 March 2024"),
    ({"start": "2024-03-04", "end": "2025-03-08"}, "du 4 mars 2024 au 8 mars 2025", "4 March 2024 to 8 March 2025"),
])
def test_dates_render_in_each_language(value, fr, en):
    span = DateSpan.parse(value)
    assert span.render("fr") == fr
    assert span.render("en") == en


def test_month_covers_the_whole_month():
    span = DateSpan.parse("2024-02")
    assert span.first_day() == dt.date(2024, 2, 1)
    assert span.last_day() == dt.date(2024, 2, 29)  # leap year


@pytest.mark.parametrize("value, words", [
    ("2022-13", "mois 13 impossible"),
    ("2023-02-29", "jour 29 impossible"),
    ("octobre 2022", "mal écrite"),
    ("22-10", "mal écrite"),
    (1850, "hors de la période"),
    ({"start": "2023-05", "end": "2022-10"}, "la fin (2022-10) précède le début (2023-05)"),
    ({"end": "2022-10"}, "période sans début"),
    ({"start": "2022", "fin": "2023"}, "champ inconnu dans la période"),
])
def test_wrong_dates_are_explained(value, words):
    with pytest.raises(DateFormatError, match=re.escape(words)):
        DateSpan.parse(value)


def test_status_relative_to_today():
    today = dt.date(2025, 10, 15)
    assert DateSpan.parse("2025-09").status(today) == "past"
    assert DateSpan.parse({"start": "2025-10", "end": "2026-06"}).status(today) == "ongoing"
    assert DateSpan.parse("2025-11-02").status(today) == "upcoming"


def test_partial_dates_order_by_start():
    assert PartialDate.parse("2022") < PartialDate.parse("2022-01") < PartialDate.parse("2022-01-02")
