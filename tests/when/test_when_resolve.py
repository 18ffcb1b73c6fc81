"""Each date rule, against fixed article dates (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.when import resolve_date_phrase
from dyad.when.resolve import find_season

WED = dt.date(2023, 2, 22)  # a Wednesday


@pytest.mark.parametrize(
    "phrase, expected, precision",
    [
        # weekdays: the most recent on or before the article date
        ("on Tuesday", "2023-02-21", "day"),
        ("on Wednesday", "2023-02-22", "day"),  # the article's own weekday is the article date
        ("Thursday", "2023-02-16", "day"),
        ("last Wednesday", "2023-02-15", "day"),
        ("next Friday", "2023-02-24", "day"),
        ("early Tuesday", "2023-02-21", "day"),
        # relative days
        ("yesterday", "2023-02-21", "day"),
        ("today", "2023-02-22", "day"),
        ("last night", "2023-02-21", "day"),
        ("tonight", "2023-02-22", "day"),
        ("tomorrow", "2023-02-23", "day"),
        ("the day before yesterday", "2023-02-20", "day"),
        ("the previous day", "2023-02-21", "day"),
        # named periods start on their first day
        ("this week", "2023-02-20", "week"),
        ("last week", "2023-02-13", "week"),
        ("earlier this week", "2023-02-20", "week"),
        ("last month", "2023-01-01", "month"),
        ("earlier this month", "2023-02-01", "month"),
        ("this year", "2023-01-01", "year"),
        ("last year", "2022-01-01", "year"),
        ("over the weekend", "2023-02-18", "week"),
        # rolling windows ending at the article date
        ("in recent days", "2023-02-16", "week"),
        ("over the previous 24 hours", "2023-02-22", "day"),
        ("in the past 48 hours", "2023-02-21", "day"),
        ("over the past week", "2023-02-16", "week"),
        ("three days ago", "2023-02-19", "day"),
        ("two weeks ago", "2023-02-06", "week"),
        # seasons
        ("last autumn", "2022-09-01", "season"),
        ("last fall", "2022-09-01", "season"),
        ("this winter", "2022-12-01", "season"),
        ("during the winter", "2022-12-01", "season"),
        ("last winter", "2021-12-01", "season"),
        ("last summer", "2022-06-01", "season"),
        ("next spring", "2023-03-01", "season"),
        # calendar dates
        ("on March 3", "2022-03-03", "day"),  # not after the article: last year's
        ("on Feb. 3", "2023-02-03", "day"),
        ("March 3, 2021", "2021-03-03", "day"),
        ("3 March 2020", "2020-03-03", "day"),
        ("2021-06-15", "2021-06-15", "day"),
        ("in 2019", "2019-01-01", "year"),
        ("in January", "2023-01-01", "month"),
        ("in March", "2022-03-01", "month"),
        ("last February", "2022-02-01", "month"),
        ("in June 2020", "2020-06-01", "month"),
        ("on 21/02/2023", "2023-02-21", "day"),  # numeric: the one case left to dateparser
    ],
)
def test_rule(phrase: str, expected: str, precision: str) -> None:
    found = resolve_date_phrase(phrase, WED)
    assert found is not None, phrase
    assert (found.date.isoformat(), found.precision) == (expected, precision)


def test_each_weekday_equal_to_article_weekday_is_article_date() -> None:
    for offset in range(7):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        name = day.strftime("%A")
        found = resolve_date_phrase(f"on {name}", day)
        assert found is not None and found.date == day


@pytest.mark.parametrize(
    "phrase, article, expected",
    [
        ("Dec. 30", dt.date(2023, 1, 5), dt.date(2022, 12, 30)),
        ("on December 31", dt.date(2024, 1, 1), dt.date(2023, 12, 31)),
        ("January 2", dt.date(2023, 12, 30), dt.date(2023, 1, 2)),
        ("in December", dt.date(2023, 1, 10), dt.date(2022, 12, 1)),
        ("on Friday", dt.date(2024, 1, 1), dt.date(2023, 12, 29)),  # Monday 1 Jan → Friday 29 Dec
    ],
)
def test_dates_without_year_cross_the_year_boundary(phrase: str, article: dt.date, expected: dt.date) -> None:
    found = resolve_date_phrase(phrase, article)
    assert found is not None and found.date == expected


def test_seasons_across_the_year() -> None:
    assert find_season("winter", dt.date(2023, 3, 10), "this") == dt.date(2022, 12, 1)  # just ended
    assert find_season("winter", dt.date(2023, 11, 20), "this") == dt.date(2023, 12, 1)  # about to begin
    assert find_season("autumn", dt.date(2023, 10, 5), "last") == dt.date(2022, 9, 1)  # inside autumn now
    assert find_season("summer", dt.date(2023, 10, 5), "last") == dt.date(2023, 6, 1)
    assert find_season("winter", dt.date(2024, 1, 15), "") == dt.date(2023, 12, 1)


@pytest.mark.parametrize(
    "phrase", ["we", "11th-hour", "the fall of Kabul", "weeks", "prices fall", "May I", "the last decade", "Maranchon"]
)
def test_non_dates_give_none(phrase: str) -> None:
    assert resolve_date_phrase(phrase, WED) is None


def test_offsets_point_into_the_phrase() -> None:
    found = resolve_date_phrase("said on Tuesday that", WED)
    assert found is not None and found.start is not None
    assert "said on Tuesday that"[found.start : found.end] == "Tuesday"
