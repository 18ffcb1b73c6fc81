"""The manual's auxiliary mode "historical": an event dated long before its report."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.records import EventDate
from dyad.when import is_historical

PUBLISHED = dt.date(2023, 2, 22)


@pytest.mark.parametrize(
    ("when", "historical"),
    [
        (EventDate(dt.date(1999, 1, 1), "year"), True),
        (EventDate(dt.date(2022, 2, 21), "day"), False),  # a year and a day: still news
        (EventDate(dt.date(2021, 2, 1), "month"), True),
        (EventDate(dt.date(1990, 1, 1), "article"), False),  # undated events are the article's
    ],
)
def test_an_event_is_historical_when_dated_over_a_year_before_its_report(when, historical):
    assert is_historical(when, PUBLISHED) is historical
