"""Readers for the web: HTML pages (trafilatura), RSS/Atom feeds (feedparser)
and WARC archives (warcio). pyproject.toml registers them as ``dyad.readers``.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator
from dataclasses import replace

from dyad.errors import InputError
from dyad.ingest.dates import check_date, parse_article_date
from dyad.ingest.sources import Item, reads_bytes
from dyad.ingest.validate import validate_article
from dyad.records import Article, Rejection
from dyad.settings import Limits


def article_from_html(
    data: bytes | str, origin: str, date: dt.date | None, limits: Limits, url: str | None = None, fallback_date: dt.date | None = None
) -> Article:
    """Main text, title and date of one HTML page, not yet validated; the page's own date wins over the fallback."""
    from trafilatura import bare_extraction

    doc = bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        raise InputError("no article text found in the HTML page", origin)
    day = date or _plausible_date(doc.get("date"), limits) or fallback_date
    if day is None:
        raise InputError("no article date in the page: pass --date YYYY-MM-DD", origin)
    return Article(
        id="",
        date=day,
        text=doc["text"],
        title=doc.get("title"),
        url=url or doc.get("url"),
        source=doc.get("sitename") or doc.get("hostname"),
        origin=origin,
    )


def _plausible_date(raw: object, limits: Limits) -> dt.date | None:
    """A page's or record's own date, if readable and plausible; else the caller's fallback is used."""
    if not raw:
        return None
    try:
        return check_date(parse_article_date(raw), limits.future_days)
    except InputError:
        return None


@reads_bytes
def read_html(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    if len(data) > limits.max_page_bytes:
        raise InputError(f"HTML page larger than {limits.max_page_bytes:,} bytes", origin)
    yield validate_article(article_from_html(data, origin, date, limits), limits)


def _entry_date(entry: dict) -> dt.date | None:  # type: ignore[type-arg]
    """The first of the entry's dates that is a real day ('0000-00-00' parses to year -1: not one)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(*time.struct_time(parsed)[:3])
            except (TypeError, ValueError, OverflowError):
                continue
    return None


@reads_bytes
def read_feed(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """One article per feed entry: its content (or summary), title, link and date."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise InputError(f"not a readable RSS/Atom feed ({feed.get('bozo_exception', 'parse error')})", origin)
    for n, entry in enumerate(feed.entries, start=1):
        try:
            body = " ".join(c.get("value", "") for c in entry["content"]) if entry.get("content") else ""
            body = body or entry.get("summary", "")
            if not body.strip():
                raise InputError("feed entry has no text", origin, n)
            day = _entry_date(entry) or date
            if day is None:
                raise InputError("feed entry has no valid date", origin, n)
            link = entry.get("link")
            yield validate_article(
                Article(id=str(entry.get("id") or link or ""), date=day, text=body, title=entry.get("title"), url=link,
                        source=feed.feed.get("title"), origin=f"{origin}#{n}"),  # fmt: skip
                limits,
            )
        except InputError as exc:
            yield Rejection(origin, n, exc.reason)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:  # one malformed entry, not the feed
            yield Rejection(origin, n, f"unreadable feed entry ({exc.__class__.__name__}: {str(exc)[:120]})")


@reads_bytes
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
            try:
                # Read no more than a page may hold: a compressed record can inflate a thousandfold.
                page = record.content_stream().read(limits.max_page_bytes + 1)
                if len(page) > limits.max_page_bytes:
                    raise InputError(f"HTML page larger than {limits.max_page_bytes:,} bytes")
                art = article_from_html(page, f"{origin}#{n}", date, limits, url, _plausible_date(warc_date, limits))
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or url or ""
                yield validate_article(replace(art, id=rec_id.strip("<>")), limits)
            except InputError as exc:
                yield Rejection(origin, n, exc.reason)
    except ArchiveLoadFailed as exc:
        raise InputError(f"not a readable WARC archive ({exc})", origin) from None
    if pages == 0:
        raise InputError("no HTML pages in the archive (not a WARC file, or no HTML responses in it)", origin)
