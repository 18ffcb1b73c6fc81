"""Event dates: resolve date phrases against the article date and date events.

dateparser alone is not enough here: with ``PREFER_DATES_FROM='past'`` it
sends a weekday equal to the article's weekday a week back, it returns nothing
for seasons and rolling periods, and scanning whole text turns words like "we"
into dates. So phrases are found and resolved by the rules in ``resolve``;
dateparser only reads phrases that already look like calendar dates.
"""

from dyad.when.attach import date_event, is_historical
from dyad.when.phrases import DatePhrase, find_date_phrases
from dyad.when.resolve import resolve_date_phrase

__all__ = ["DatePhrase", "date_event", "is_historical", "find_date_phrases", "resolve_date_phrase"]
