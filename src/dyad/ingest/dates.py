"""Parse the article dates that feeds and files carry; ``check_date`` is the validator's plausibility check."""

from __future__ import annotations

import datetime as dt
import re

from dyad.errors import InputError

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_article_date(raw: object) -> dt.date:
    """Read '2023-02-22', '2025-03-14 20:30:26Z', '20080804' or an ISO datetime.

    Raises InputError for a missing, malformed or impossible date; whether it
    is plausible (not in the future) is the validator's check (``check_date``).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InputError("missing date (give a 'date' or 'published' field, or --date)")
    text = str(raw).strip()
    m = _ISO_DAY.match(text) or _COMPACT.match(text)
    if not m:
        raise InputError(f"invalid date {text[:40]!r} (expected YYYY-MM-DD)")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(f"invalid date {text[:40]!r}: {exc}") from None


def check_date(day: dt.date, future_days: int = 2) -> dt.date:
    """``day``, unless it is before 1900 or more than ``future_days`` after today."""
    if day.year < 1900:
        raise InputError(f"implausible date {day.isoformat()} (before 1900)")
    if day > dt.date.today() + dt.timedelta(days=future_days):
        raise InputError(f"date {day.isoformat()} is in the future")
    return day


def date_from_name(name: str) -> dt.date | None:
    """A YYYY-MM-DD in a file name, as in '2023-02-22-russia-china.txt'."""
    m = _IN_NAME.search(name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
