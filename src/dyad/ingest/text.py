"""Readers for text files: the seed format and plain text.

Seed format (the user's own articles): the first line is
``date YYYY-MM-DD <photo caption>``, then the body. The caption is coded too,
as the article's first paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dyad.errors import InputError
from dyad.ingest.dates import date_from_name, parse_article_date
from dyad.ingest.validate import validate_article
from dyad.records import Article
from dyad.settings import Limits

SEED_FIRST_LINE = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
# "(Alexander Nemenov/Pool/AP)": a photo credit names the photographer, not an actor.
PHOTO_CREDIT = re.compile(r"\s*\([^()]{0,120}/[^()]{0,120}\)\s*$")


def is_seed_format(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return bool(SEED_FIRST_LINE.match(first))


def read_seed_text(text: str, origin: str, limits: Limits = Limits()) -> Article:
    """The caption (without its photo credit) as the first paragraph, then the body."""
    first, _, body = text.lstrip("\ufeff").partition("\n")
    m = SEED_FIRST_LINE.match(first)
    if not m:
        raise InputError("first line is not 'date YYYY-MM-DD <caption>'", origin, 1)
    try:
        day = parse_article_date(m.group(1))
    except InputError as exc:
        raise InputError(exc.reason, origin, 1) from None
    caption = PHOTO_CREDIT.sub("", m.group(2))
    # The validator cleans the caption and the body each on its own.
    return validate_article(Article(id="", date=day, text=f"{caption}\n{body}", origin=origin, caption_end=len(caption)), limits)


def read_plain_text(text: str, origin: str, date: dt.date | None, limits: Limits = Limits()) -> Article:
    day = date or date_from_name(Path(origin).name)
    if day is None:
        raise InputError("no article date: pass --date YYYY-MM-DD or put one in the file name", origin)
    return validate_article(Article(id="", date=day, text=text, origin=origin), limits)


def read_text_file(text: str, origin: str, date: dt.date | None, limits: Limits = Limits()) -> Article:
    """Seed format when the first line says so, else plain text."""
    if is_seed_format(text):
        return read_seed_text(text, origin, limits)
    return read_plain_text(text, origin, date, limits)
