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


@pytest.mark.model
def test_the_pipeline_puts_historical_in_context():
    from dyad import code_text

    old = code_text("In 1999, NATO bombed Belgrade.", PUBLISHED)
    new = code_text("NATO bombed Belgrade on Monday.", PUBLISHED)
    # The contexts stage puts the general contexts (military …) first, the auxiliary modes after.
    assert [e.context[-1:] for e in old] == [("historical",)]
    assert ["historical" not in e.context for e in new] == [True]
