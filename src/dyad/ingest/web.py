"""Readers for the web: HTML pages (trafilatura), RSS/Atom feeds (feedparser)
and WARC archives (warcio). Each registers itself with the reader table.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator
from dataclasses import replace

from dyad.errors import InputError
from dyad.ingest.clean import clean_text
from dyad.ingest.dates import check_date, parse_article_date
from dyad.ingest.sources import Item, register_reader
from dyad.records import Article, Rejection, content_hash
from dyad.settings import Limits


def article_from_html(
    data: bytes | str, origin: str, date: dt.date | None, limits: Limits, url: str | None = None, fallback_date: dt.date | None = None
) -> Article:
    """Main text, title and date of one HTML page; the page's own date wins over the fallback."""
    from trafilatura import bare_extraction

    doc = bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        raise InputError("no article text found in the HTML page", origin)
    day = date
    if day is None and doc.get("date"):
        try:
            day = parse_article_date(doc["date"], limits.future_days)
        except InputError:
            day = None
    day = day or fallback_date
    if day is None:
        raise InputError("no article date in the page: pass --date YYYY-MM-DD", origin)
    check_date(day, limits.future_days)
    text = clean_text(doc["text"], limits.max_token_chars)
    return Article(
        id=content_hash(text),
        date=day,
        text=text,
        title=doc.get("title"),
        url=url or doc.get("url"),
        source=doc.get("sitename") or doc.get("hostname"),
        origin=origin,
    )


@register_reader(".html", ".htm", ".xhtml")
def read_html(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    if len(data) > limits.max_article_bytes * 4:
        raise InputError("HTML page larger than the size limit", origin)
    yield article_from_html(data, origin, date, limits)


def _entry_date(entry: dict) -> dt.date | None:  # type: ignore[type-arg]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(*time.struct_time(parsed)[:3])
    return None


def read_feed_bytes(data: bytes, origin: str, date: dt.date | None = None, limits: Limits | None = None) -> Iterator[Item]:
    """One article per feed entry: its content (or summary), title, link and date."""
    import feedparser

    limits = limits or Limits()
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise InputError(f"not a readable RSS/Atom feed ({feed.get('bozo_exception', 'parse error')})", origin)
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{n}"
        try:
            body = ""
            if entry.get("content"):
                body = " ".join(c.get("value", "") for c in entry["content"])
            body = body or entry.get("summary", "")
            text = clean_text(body, limits.max_token_chars)
            if not text:
                raise InputError("feed entry has no text", origin, n)
            day = _entry_date(entry) or date
            if day is None:
                raise InputError("feed entry has no date", origin, n)
            check_date(day, limits.future_days)
            link = entry.get("link")
            yield Article(
                id=str(entry.get("id") or link or content_hash(text))[:200],
                date=day,
                text=text,
                title=entry.get("title"),
                url=link,
                source=feed.feed.get("title"),
                origin=where,
            )
        except InputError as exc:
            yield Rejection(origin, n, exc.reason)


@register_reader(".rss", ".atom", ".xml")
def read_feed(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    yield from read_feed_bytes(data, origin, date, limits)


@register_reader(".warc", ".warc.gz", ".arc", ".arc.gz")
def read_warc(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """Every HTML response record in the archive becomes an article."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        for n, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            warc_date = record.rec_headers.get_header("WARC-Date")
            fallback = None
            if warc_date:
                try:
                    fallback = parse_article_date(warc_date, limits.future_days)
                except InputError:
                    fallback = None
            try:
                art = article_from_html(record.content_stream().read(), f"{origin}#{n}", date, limits, url, fallback)
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or url
                yield replace(art, id=(rec_id or art.id).strip("<>")[:200])
            except InputError as exc:
                yield Rejection(origin, n, exc.reason)
    except ArchiveLoadFailed as exc:
        raise InputError(f"not a readable WARC archive ({exc})", origin) from None
    if pages == 0:
        raise InputError("no HTML pages in the archive (not a WARC file, or no HTML responses in it)", origin)
