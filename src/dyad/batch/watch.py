"""Watch RSS/Atom feeds: fetch each on a schedule and code the items not yet stored.

Items already stored with the same content are skipped by ``code_corpus``, so
a feed can be polled forever without coding anything twice. Feed items are
read by the feed reader, so they pass the same validator as every other input.

Polite to the servers it polls: a feed is asked for with its last ETag and
Last-Modified (an unchanged feed answers 304 and costs nothing), and a feed
that fails is left alone for longer after each failure in a row. An item that
carries only a teaser is replaced by its full page (trafilatura) when the page
can be fetched.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import InputError
from dyad.records import Article, Rejection
from dyad.settings import Limits

if TYPE_CHECKING:
    import httpx

    from dyad.batch.run import Coder, Listener
    from dyad.store import Store

log = logging.getLogger(__name__)
USER_AGENT = "dyad-watch/0.1"
TEASER_CHARS = 600  # a feed text shorter than this is a teaser: fetch the page
MAX_BACKOFF = 24 * 3600.0


def parse_period(text: str) -> float:
    """'15m', '5 minutes', '1h', '2h30m', '45' (seconds) → seconds, by pytimeparse."""
    from pytimeparse import parse

    text = (text or "").strip()
    try:
        seconds: float | None = float(text)  # a bare number is seconds
    except ValueError:
        seconds = parse(text) if text else None
    if seconds is None or not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"{text!r} is not a period like 30s, 15m, '5 minutes', 1h, 2h30m")
    return float(seconds)


@dataclass(frozen=True, slots=True)
class PollResult:
    feed: str
    new_articles: int
    events: int
    rejected: int
    status: str = "fetched"  # fetched, not modified, backing off …, failed …


@dataclass(slots=True)
class FeedState:
    """What one feed's last answers told us."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # in a row
    retry_at: float = 0.0  # clock time before which the feed is not asked again


class NotModified(Exception):
    """The feed answered 304: nothing new since the last poll."""


@dataclass
class FeedFetcher:
    """Fetches feeds (conditionally) and article pages; remembers each feed's state between polls.

    ``backoff`` is the wait after the first failure; it doubles with each
    failure in a row, up to a day.
    """

    backoff: float = 60.0
    timeout: float = 30.0
    clock: Callable[[], float] = time.monotonic
    states: dict[str, FeedState] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx

            self._client = httpx.Client(timeout=self.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def waiting(self, feed: str) -> float:
        """Seconds until a failing feed may be asked again (0: now)."""
        return max(0.0, self.states.get(feed, FeedState()).retry_at - self.clock())

    def fetch_feed(self, feed: str) -> bytes:
        """The feed's bytes; NotModified on a 304; httpx/OS errors as they come."""
        if not feed.startswith(("http://", "https://")):
            return Path(feed).read_bytes()
        state = self.states.setdefault(feed, FeedState())
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        resp = self.client().get(feed, headers=headers)
        if resp.status_code == 304:
            raise NotModified(feed)
        resp.raise_for_status()
        state.etag = resp.headers.get("ETag")
        state.last_modified = resp.headers.get("Last-Modified")
        return resp.content

    def failed(self, feed: str) -> float:
        """Record a failure; return how long the feed is now left alone."""
        state = self.states.setdefault(feed, FeedState())
        state.failures += 1
        delay = min(MAX_BACKOFF, self.backoff * 2 ** (state.failures - 1))
        state.retry_at = self.clock() + delay
        return delay

    def succeeded(self, feed: str) -> None:
        state = self.states.setdefault(feed, FeedState())
        state.failures, state.retry_at = 0, 0.0

    def fetch_page(self, url: str, limits: Limits) -> bytes:
        resp = self.client().get(url)
        resp.raise_for_status()
        if len(resp.content) > limits.max_page_bytes:
            raise InputError(f"page larger than {limits.max_page_bytes:,} bytes", url)
        return resp.content


def with_full_text(article: Article, fetcher: FeedFetcher, limits: Limits) -> Article:
    """``article`` with its page's text when the feed gave only a teaser and the page reads;
    otherwise ``article`` as it is (the teaser is still worth coding)."""
    import httpx

    from dyad.ingest.validate import validate_article
    from dyad.ingest.web import article_from_html

    if len(article.text) >= TEASER_CHARS or not (article.url or "").startswith(("http://", "https://")):
        return article
    try:
        page = fetcher.fetch_page(article.url, limits)  # type: ignore[arg-type]
        full = validate_article(article_from_html(page, article.url, article.date, limits, url=article.url), limits)  # type: ignore[arg-type]
    except (httpx.HTTPError, InputError) as exc:
        log.info("%s: keeping the feed's teaser: %s", article.url, exc)
        return article
    if len(full.text) <= len(article.text):
        return article
    return dataclasses.replace(article, text=full.text, caption_end=full.caption_end)


def poll_feeds(
    feeds: Sequence[str],
    coder: Coder,
    store: Store,
    listener: Listener | None = None,
    limits: Limits | None = None,
    fetcher: FeedFetcher | None = None,
    config: str | None = None,
) -> list[PollResult]:
    """Fetch every feed once (unless it is backing off) and code its new items."""
    import httpx

    from dyad.batch.run import code_corpus

    limits = limits or Limits()
    fetcher = fetcher or FeedFetcher()
    out = []
    for feed in feeds:
        wait = fetcher.waiting(feed)
        if wait > 0:
            out.append(PollResult(feed, 0, 0, 0, f"backing off after {fetcher.states[feed].failures} failure(s); next try in {wait:.0f}s"))
            continue
        try:
            data = fetcher.fetch_feed(feed)
        except NotModified:
            fetcher.succeeded(feed)
            out.append(PollResult(feed, 0, 0, 0, "not modified"))
            continue
        except (httpx.HTTPError, OSError) as exc:
            delay = fetcher.failed(feed)
            reason = f"cannot fetch feed: {exc.__class__.__name__}: {exc}"
            code_corpus([Rejection(feed, None, reason)], coder, store, listener=listener)
            out.append(PollResult(feed, 0, 0, 1, f"failed; next try in {delay:.0f}s"))
            continue
        fetcher.succeeded(feed)
        report = code_corpus(_read_fetched(feed, data, fetcher, limits), coder, store, listener=listener, config=config)
        out.append(PollResult(feed, report.coded, report.events, len(report.rejections)))
    return out


def _read_fetched(feed: str, data: bytes, fetcher: FeedFetcher, limits: Limits) -> Iterator[Article | Rejection]:
    from dyad.ingest import read_feed_bytes

    try:
        for item in read_feed_bytes(data, feed, None, limits):
            yield with_full_text(item, fetcher, limits) if isinstance(item, Article) else item
    except Exception as exc:  # noqa: BLE001 - a broken feed is a rejection, the watch goes on
        yield Rejection(feed, None, f"cannot read feed: {exc}")


def watch_feeds(
    feeds: Sequence[str],
    coder: Coder,
    store: Store,
    every: float,
    iterations: int | None = None,
    on_poll: Callable[[list[PollResult]], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: Limits | None = None,
    listener: Listener | None = None,
    fetcher: FeedFetcher | None = None,
    config: str | None = None,
) -> None:
    """Poll ``feeds`` every ``every`` seconds, ``iterations`` times (None: forever).

    ``listener`` sees every coded article and rejection; a failing feed waits
    ``max(every, 30 s)`` after its first failure, twice that after the second …
    """
    fetcher = fetcher or FeedFetcher(backoff=max(every, 30.0))
    n = 0
    try:
        while iterations is None or n < iterations:
            started = time.monotonic()
            results = poll_feeds(feeds, coder, store, listener=listener, limits=limits, fetcher=fetcher, config=config)
            if on_poll:
                on_poll(results)
            n += 1
            if iterations is not None and n >= iterations:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        fetcher.close()
