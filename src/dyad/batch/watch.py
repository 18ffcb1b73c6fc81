"""Watch RSS/Atom feeds: fetch each on a schedule and code the items not yet stored.

Items already stored with the same content are skipped by ``code_corpus``, so
a feed can be polled forever without coding anything twice. Feed items are
read by the feed reader, so they pass the same validator as every other input.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.records import Article, Rejection
from dyad.settings import Limits

if TYPE_CHECKING:
    from dyad.batch.run import Coder, Listener
    from dyad.store import Store

log = logging.getLogger(__name__)
_PERIOD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_period(text: str) -> float:
    """'15m' → 900.0 seconds; '30s', '2h', '1d'; a bare number is seconds."""
    m = _PERIOD.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a period like 30s, 15m, 2h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@dataclass(frozen=True, slots=True)
class PollResult:
    feed: str
    new_articles: int
    events: int
    rejected: int


def fetch_feed(feed: str, timeout: float = 30.0) -> bytes:
    if feed.startswith(("http://", "https://")):
        import httpx

        resp = httpx.get(feed, timeout=timeout, follow_redirects=True, headers={"User-Agent": "dyad-watch/0.1"})
        resp.raise_for_status()
        return resp.content
    return Path(feed).read_bytes()


def _items(feed: str, limits: Limits) -> Iterator[Article | Rejection]:
    import httpx

    from dyad.ingest import read_feed_bytes

    try:
        data = fetch_feed(feed)
    except (httpx.HTTPError, OSError) as exc:
        yield Rejection(feed, None, f"cannot fetch feed: {exc.__class__.__name__}: {exc}")
        return
    try:
        yield from read_feed_bytes(data, feed, None, limits)
    except Exception as exc:  # noqa: BLE001 - a broken feed is a rejection, the watch goes on
        yield Rejection(feed, None, f"cannot read feed: {exc}")


def poll_feeds(feeds: Sequence[str], coder: Coder, store: Store, listener: Listener | None = None, limits: Limits | None = None) -> list[PollResult]:
    """Fetch every feed once and code its new items."""
    from dyad.batch.run import code_corpus

    limits = limits or Limits()
    out = []
    for feed in feeds:
        report = code_corpus(_items(feed, limits), coder, store, listener=listener)
        out.append(PollResult(feed, report.coded, report.events, len(report.rejections)))
    return out


def watch_feeds(
    feeds: Sequence[str],
    coder: Coder,
    store: Store,
    every: float,
    iterations: int | None = None,
    on_poll: Callable[[list[PollResult]], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: Limits | None = None,
) -> None:
    """Poll ``feeds`` every ``every`` seconds, ``iterations`` times (None: forever)."""
    n = 0
    while iterations is None or n < iterations:
        started = time.monotonic()
        results = poll_feeds(feeds, coder, store, limits=limits)
        if on_poll:
            on_poll(results)
        n += 1
        if iterations is not None and n >= iterations:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
