"""Resolve an English date phrase against the article date, by rule.

Conventions (documented because every downstream user reads ``EventDate.date``):

* A period is given by its first day and its precision: "this week" → the
  Monday of the article's week (precision ``week``), "last month" → the 1st of
  that month, "in 2019" → 1 January 2019, "last autumn" → 1 September.
* A rolling window that ends at the article date ("in recent days", "over the
  past week") is given by the window's first day; "over the previous 24 hours"
  is the article date itself (precision ``day``).
* Seasons are northern-hemisphere meteorological seasons: winter December to
  February (a winter starts on 1 December of the year before), spring March to
  May, summer June to August, autumn/fall September to November.
* A bare weekday is the most recent such day on or before the article date
  (the article's own weekday is the article date); "last Tuesday" is strictly
  before it. A day and month without a year ("March 3") is the nearest such
  date not after the article date, so it may fall in the previous year.

dateparser is used only as a last resort on numeric dates ("21/02/2023"),
because elsewhere it invents dates (see the package docstring).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from dyad.lang import english
from dyad.records import EventDate

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PART = r"(?:(?:early|late|mid|earlier|later)[- ](?:on\s+)?)?"


@dataclass(frozen=True, slots=True)
class DateWords:
    """Regex alternations of the date words (dyad/lang/en/dates.yaml), in the file's order."""

    month: str  # capitalised names, then abbreviations with an optional full stop
    weekday: str  # capitalised
    season: str
    num: str
    holiday: str  # any run of spaces between words, either apostrophe


@functools.cache
def date_words() -> DateWords:
    d = english().dates

    def title(word: str) -> str:
        return re.escape(word[:1].upper() + word[1:])

    months = [*(title(w) for w in d.months), *(title(w) + r"\.?" for w in d.month_abbreviations)]
    holidays = (re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]") for h in d.holidays)
    return DateWords(
        month=f"(?P<month>{'|'.join(months)})",
        weekday=f"(?P<weekday>{'|'.join(title(w) for w in d.weekdays)})",
        season=f"(?P<season>{'|'.join(re.escape(w) for w in d.seasons)})",
        num=rf"(?P<num>\d+|{'|'.join(re.escape(w) for w in d.number_words)})",
        holiday=f"(?P<holiday>{'|'.join(holidays)})",
    )


@dataclass(frozen=True, slots=True)
class Rule:
    """One date pattern: its name, compiled regex and how to resolve a match."""

    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date], tuple[dt.date, str] | None]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def shift_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def season_start(season: str, season_year: int) -> dt.date:
    """First day of ``season`` of ``season_year`` (winter 2022 starts 2022-12-01)."""
    return dt.date(season_year, english().dates.seasons[season], 1)


def find_season(season: str, anchor: dt.date, which: str) -> dt.date:
    """Start of the ``which`` (last, this, next, bare) ``season`` relative to ``anchor``."""
    starts = [season_start(season, y) for y in range(anchor.year - 2, anchor.year + 2)]
    ends = [shift_months(s, 3) - dt.timedelta(days=1) for s in starts]
    current = next((s for s, e in zip(starts, ends, strict=True) if s <= anchor <= e), None)
    started = [s for s in starts if s <= anchor]
    if which == "last":
        return started[-2] if current is not None else started[-1]
    if which == "next":
        return next(s for s in starts if s > anchor)
    if which == "this":
        # The nearest such season, before or after: "this winter" in March is
        # the one just ended, in November the one about to begin.
        def distance(pair: tuple[dt.date, dt.date]) -> int:
            s, e = pair
            return 0 if s <= anchor <= e else min(abs((s - anchor).days), abs((anchor - e).days))

        return min(zip(starts, ends, strict=True), key=distance)[0]
    return started[-1]


def _count(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else english().dates.number_words[text]


def _month_number(text: str) -> int:
    return english().dates.month_number(text)


def _recent_month(month: int, anchor: dt.date, strictly_before: bool = False) -> dt.date:
    """The most recent 1st of ``month`` whose month is not after the anchor's."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    if strictly_before and month == anchor.month:
        year -= 1
    return dt.date(year, month, 1)


def _day_month(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str] | None:
    month, day = _month_number(m["month"]), int(m["day"])
    year = int(m["year"]) if m["year"] else anchor.year
    try:
        found = dt.date(year, month, day)
        if not m["year"] and found > anchor:
            found = dt.date(year - 1, month, day)
    except ValueError:
        return None
    return found, "day"


def _weekday(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    back = (anchor.weekday() - english().dates.weekdays[m["weekday"].lower()]) % 7
    which = (m["which"] or "").lower()
    if which == "last" and back == 0:
        back = 7
    if which == "next":
        return anchor + dt.timedelta(days=(7 - back) % 7 or 7), "day"
    return anchor - dt.timedelta(days=back), "day"


def _relative_day(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    word = m["word"].lower()
    if word == "tomorrow":
        return anchor + dt.timedelta(days=1), "day"
    back = 2 if "before" in word else 1 if word in ("yesterday", "last night") else 0
    return anchor - dt.timedelta(days=back), "day"


def _named_period(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    which, unit = m["which"].lower(), m["unit"].lower()
    step = -1 if which in ("last", "past", "previous") else 1 if which == "next" else 0
    if unit == "weekend" and which in ("past", "previous"):
        step = 0  # "over the past weekend" is the latest one
    if unit == "week":
        return monday_of(anchor) + dt.timedelta(weeks=step), "week"
    if unit == "weekend":
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return saturday + dt.timedelta(weeks=step), "week"
    if unit == "month":
        return shift_months(anchor, step), "month"
    return dt.date(anchor.year + step, 1, 1), "year"


def _ago(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    n, unit = _count(m["num"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        return anchor - dt.timedelta(days=n), "day"
    if unit == "week":
        return monday_of(anchor - dt.timedelta(weeks=n)), "week"
    if unit == "month":
        return shift_months(anchor, -n), "month"
    return dt.date(anchor.year - n, 1, 1), "year"


def _window(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str] | None:
    unit = m["unit"].lower()
    if m["which"].lower() == "last" and not m["num"]:
        return None  # "last week" is the calendar week before: a named period
    n = _count(m["num"]) if m["num"] else 1
    if unit.startswith("hour"):
        return anchor - dt.timedelta(days=max(n // 24 - 1, 0)), "day"
    if unit == "day" and not m["num"] and m["which"].lower() in ("previous", "preceding"):
        return anchor - dt.timedelta(days=1), "day"  # "the previous day"
    if unit.startswith("day"):
        n = n if m["num"] or not unit.endswith("s") else 7  # "in recent days": about a week
        return anchor - dt.timedelta(days=n - 1), "day" if n <= 2 else "week"
    if unit.startswith("week"):
        n = n if m["num"] or not unit.endswith("s") else 3
        return anchor - dt.timedelta(weeks=n) + dt.timedelta(days=1), "week" if n == 1 else "month"
    if unit.startswith("month"):
        n = n if m["num"] or not unit.endswith("s") else 3
        return shift_months(anchor, -n + 1), "month"
    n = n if m["num"] or not unit.endswith("s") else 3
    return dt.date(anchor.year - n + 1, 1, 1), "year"


def _season(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    which = (m["which"] or "").lower()
    which = "last" if which in ("last", "past") else which
    return find_season(m["season"].lower(), anchor, which), "season"


def _month_year(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    return dt.date(int(m["year"]), _month_number(m["month"]), 1), "month"


def _month(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    which = (m["which"] or "").lower()
    month = _month_number(m["month"])
    if which == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
        return dt.date(year, month, 1), "month"
    return _recent_month(month, anchor, strictly_before=which == "last"), "month"


def _holiday(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    """The nearest such holiday not after the article date."""
    month, day = english().dates.holidays[re.sub(r"\s+", " ", m["holiday"].lower().replace("’", "'"))]
    found = dt.date(anchor.year, month, day)
    return (found if found <= anchor else dt.date(anchor.year - 1, month, day)), "day"


def _year(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str]:
    return dt.date(int(m["year"]), 1, 1), "year"


def _iso(m: re.Match[str], anchor: dt.date) -> tuple[dt.date, str] | None:
    try:
        return dt.date(int(m["year"]), int(m["mon"]), int(m["day"])), "day"
    except ValueError:
        return None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@functools.cache
def date_rules() -> tuple[Rule, ...]:
    """The date patterns, most specific first: in a phrase, the first rule that matches
    wins; in a sentence, overlapping matches are settled by length, then by this order."""
    w = date_words()
    return (
        Rule("iso-date", _rx(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
        Rule("month-day", re.compile(rf"\b{_PART}{w.month}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"), _day_month),
        Rule("day-month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{w.month}(?![\w])(?:,?\s+{_YEAR}\b)?"), _day_month),
        Rule("month-year", re.compile(rf"\b{_PART}{w.month},?\s+(?:of\s+)?{_YEAR}\b"), _month_year),
        Rule(
            "ago",
            _rx(rf"\b{w.num}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
            _ago,
        ),
        Rule(
            "window",
            _rx(
                r"\b(?:(?:in|over|during|within)\s+)?(?:the\s+)?(?P<which>recent|past|previous|last|preceding)\s+"
                rf"(?:{w.num}\s+|few\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b"
            ),
            _window,
        ),
        Rule(
            "relative-day",
            _rx(r"\b(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b"),
            _relative_day,
        ),
        Rule("holiday", _rx(rf"\b{w.holiday}\b"), _holiday),
        Rule(
            "weekday",
            re.compile(rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+)?{w.weekday}\b"),
            _weekday,
        ),
        Rule(
            "season",
            _rx(
                rf"\b(?:(?P<which>last|past|this|next|the)|in|during|since)\s+(?:(?:early|late|mid)[- ])?{w.season}\b"
                r"(?!\s+(?:of\s+)?(?:(?:19|20)\d\d|\w+\s+(?:of\s+)?(?:19|20)\d\d))(?!\s+of\b)"
            ),
            _season,
        ),
        Rule(
            "named-period",
            _rx(
                r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last|past|previous|next|(?:earlier|later|over)\s+(?:in\s+)?the)"
                r"\s+(?P<unit>week|weekend|month|year)\b"
            ),
            _named_period,
        ),
        Rule(
            "month",
            re.compile(
                rf"\b(?:(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)|in|since|until|by|during|from|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd\s+of)[- ]+){w.month}"
                r"(?!\w)"
            ),
            _month,
        ),
        Rule("year", _rx(rf"\b(?:in|since|during|of|by|until|from|early|late|mid)[- ]+(?:the\s+year\s+)?{_YEAR}\b"), _year),
    )

# Only numeric dates ("21/02/2023", "2.3.2021") go to dateparser: month names and
# years are covered by the rules, and what they leave (ranges, "the last decade")
# dateparser turns into wrong dates.
_CALENDAR_LIKE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")


def match_rule(rule: Rule, m: re.Match[str], article_date: dt.date) -> EventDate | None:
    """Resolve one regex match of ``rule``; offsets are those of the match."""
    resolved = rule.resolve(m, article_date)
    if resolved is None:
        return None
    return EventDate(resolved[0], resolved[1], m.group(0), m.start(), m.end())


def resolve_date_phrase(phrase: str, article_date: dt.date) -> EventDate | None:
    """Resolve ``phrase`` ("on Tuesday", "last autumn", "March 3") against ``article_date``.

    Returns ``None`` when the phrase is not a date this module understands.
    The returned ``text`` is the part of the phrase that dated it, with
    offsets into ``phrase``.
    """
    for rule in date_rules():
        for m in rule.pattern.finditer(phrase):
            found = match_rule(rule, m, article_date)
            if found is not None:
                return found
    bare = re.fullmatch(rf"\s*(?:on\s+)?{date_words().month}\s*", phrase) or re.fullmatch(rf"\s*(?:in\s+)?{_YEAR}\s*", phrase)
    if bare is not None:  # a phrase given on its own: "March", "2019"
        return resolve_date_phrase(("in " if not phrase.strip().startswith("in") else "") + phrase.strip(), article_date)
    return parse_calendar_date(phrase, article_date)


def parse_calendar_date(phrase: str, article_date: dt.date) -> EventDate | None:
    """dateparser on a phrase holding a numeric date; else ``None``."""
    if not _CALENDAR_LIKE.search(phrase):
        return None
    from dateparser.date import DateDataParser  # imported lazily: slow, rarely needed

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": dt.datetime.combine(article_date, dt.time()), "PREFER_DATES_FROM": "past"},
    )
    data = parser.get_date_data(phrase)
    if data.date_obj is None:
        return None
    precision = {"day": "day", "week": "week", "month": "month", "year": "year"}.get(data.period or "", "day")
    return EventDate(data.date_obj.date(), precision, phrase, 0, len(phrase))
