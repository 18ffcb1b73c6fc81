"""The one check every article passes, whatever brought it in: dyad's readers,
reader plugins, ``POST /articles``, ``dyad.code_text`` and ``dyad watch``.

Readers build an Article from the raw fields (an empty ``id`` when none was
given) and hand it here; nothing cleans text anywhere else, so it is cleaned
exactly once and every offset points into the text this returns.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dyad.errors import InputError
from dyad.ingest.clean import clean_text, escape_surrogates
from dyad.ingest.dates import check_date
from dyad.ingest.language import foreign_language
from dyad.records import Article, content_hash
from dyad.settings import Limits

MAX_ID_CHARS = 200
MAX_FIELD_CHARS = 2000  # title, url, source
# Control characters in an id break terminals and PostgreSQL; a lone surrogate cannot be stored.
_ID_JUNK = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def validate_article(article: Article, limits: Limits | None = None) -> Article:
    """The article with clean text, id and fields, or InputError saying why it is refused.

    In order: the text as given is at most ``limits.max_article_bytes`` (UTF-8);
    the date is not before 1900 nor more than ``limits.future_days`` ahead;
    markup, control characters and absurd tokens are cleaned out (a caption,
    ``text[:caption_end]``, on its own, so it stays the first paragraph); some
    text is left; a blank id becomes the content hash of the clean text.
    A lone surrogate becomes U+FFFD in text and fields, is dropped from the id
    and escaped in the origin (a file name that is not UTF-8).
    """
    limits = limits or Limits()
    size = len(article.text.encode("utf-8", "surrogatepass"))
    if size > limits.max_article_bytes:
        raise InputError(f"article larger than the {limits.max_article_bytes:,}-byte limit ({size:,} bytes)")
    check_date(article.date, limits.future_days)
    caption = clean_text(article.text[: article.caption_end], limits.max_token_chars) if article.caption_end else ""
    body = clean_text(article.text[article.caption_end :], limits.max_token_chars)
    if not caption and not body:
        raise InputError("text is empty after removing markup" if article.text.strip() else "empty article")
    text = f"{caption}\n\n{body}" if caption and body else caption or body
    foreign = foreign_language(text)
    if foreign is not None:
        raise InputError(f"written in {foreign.name} ({foreign.code}, probability {foreign.probability:.2f}), "
                         f"not English: dyad codes English articles only")  # fmt: skip
    return replace(
        article,
        id=clean_id(article.id) or content_hash(text),
        text=text,
        title=_field(article.title, limits),
        url=_field(article.url, limits),
        source=_field(article.source, limits),
        caption_end=len(caption),
        origin=escape_surrogates(article.origin) if article.origin else article.origin,
    )


def clean_id(raw: object) -> str:
    """An id without control characters, trimmed; '' when nothing is left."""
    if raw is None:
        return ""
    return _ID_JUNK.sub("", str(raw)).strip()[:MAX_ID_CHARS]


def _field(value: str | None, limits: Limits) -> str | None:
    if value is None or value == "":
        return None
    return clean_text(str(value), limits.max_token_chars)[:MAX_FIELD_CHARS] or None
