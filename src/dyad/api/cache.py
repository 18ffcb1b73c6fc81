"""Counts the API repeats on every page (``total`` of /events) and the aggregate answers
(network, actors, places …), cached until the store changes.

Paging through a filter asks the same count again and again; counting can
cost more than reading the page. Each request first asks the database a
tiny question whose answer changes whenever anyone commits:

- SQLite: ``PRAGMA data_version`` on one connection kept for it. Its value
  changes when *another* connection commits (this one never writes), so
  writes by ``dyad code``, another worker or POST /articles all show.
- PostgreSQL: the current snapshot (``xmin:xmax:xip``), which moves on
  every commit in the cluster: conservative, never stale.

When the answer differs from the last one, every cached count is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import LRUCache
from sqlalchemy import text

from dyad.store import EventFilter, Store
from dyad.store.queries import count_matching

MAX_ENTRIES = 4096  # distinct filters remembered (least recently used dropped first)
MAX_RESULTS = 512  # aggregate answers remembered
T = TypeVar("T")


class ChangeWatch:
    """Reads a stamp that changes whenever the database changes."""

    def __init__(self, store: Store):
        self._store = store
        self._lock = threading.Lock()
        self._raw: Any = None  # the DBAPI connection kept for PRAGMA data_version (SQLite)

    def read_stamp(self) -> object:
        if self._store.backend == "sqlite":
            with self._lock:
                if self._raw is None:
                    self._raw = self._store.engine.raw_connection()
                cur = self._raw.cursor()
                try:
                    return cur.execute("PRAGMA data_version").fetchone()[0]
                finally:
                    cur.close()
        with self._store.reader.connect() as conn:
            return conn.execute(text("SELECT pg_current_snapshot()::text")).scalar_one()

    def close(self) -> None:
        with self._lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None


class CountCache:
    """``count(f)``: events matching ``f``, from memory while the store is unchanged."""

    def __init__(self, store: Store, max_entries: int = MAX_ENTRIES):
        self._store = store
        self._watch = ChangeWatch(store)
        self._lock = threading.Lock()
        self._stamp: object = None
        self._counts: LRUCache[EventFilter, int] = LRUCache(maxsize=max_entries)

    def refresh(self) -> None:
        """Drop every cached count if the store changed since the last call."""
        stamp = self._watch.read_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._counts.clear()
                self._stamp = stamp

    @property
    def stamp(self) -> object:
        """The store's change stamp as last read by ``refresh``."""
        with self._lock:
            return self._stamp

    def invalidate(self) -> None:
        """Forget every count (after a write through this process, which the watch may not see)."""
        with self._lock:
            self._counts.clear()

    def peek(self, f: EventFilter) -> int | None:
        """The cached count, or None; call ``refresh`` first in each request."""
        with self._lock:
            return self._counts.get(f)  # a hit counts as a use

    def count(self, f: EventFilter) -> int:
        """The count, from the cache or the database (call ``refresh`` first in each request)."""
        n = self.peek(f)
        if n is None:
            with self._lock:
                stamp = self._stamp
            n = count_matching(self._store, f)
            with self._lock:
                # A change seen while counting makes this count suspect: keep it out.
                if stamp == self._stamp:
                    self._counts[f] = n
        return n

    def close(self) -> None:
        self._watch.close()


class ResultCache:
    """Aggregate answers (the network, actor lists, places …) for the store as it is now.

    Each is computed once per store state and query, however many clients ask
    at once (the others wait for the first): at 100k events one aggregate costs
    about a second of one core, and ten clients asking it together took ten.
    An answer is stale once the store's change stamp (``CountCache.refresh``) moves.
    """

    def __init__(self, counts: CountCache, max_entries: int = MAX_RESULTS):
        self._counts = counts
        self._lock = threading.Lock()
        self._values: LRUCache[Hashable, tuple[object, Any]] = LRUCache(maxsize=max_entries)
        self._computing: dict[Hashable, threading.Lock] = {}

    def _fresh(self, key: Hashable, stamp: object) -> tuple[bool, Any]:
        with self._lock:
            hit = self._values.get(key)
        return (True, hit[1]) if hit is not None and hit[0] == stamp else (False, None)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        self._counts.refresh()
        stamp = self._counts.stamp
        found, value = self._fresh(key, stamp)
        if found:
            return value
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            found, value = self._fresh(key, stamp)  # computed while this one waited
            if found:
                return value
            result = compute()
            with self._lock:
                self._values[key] = (stamp, result)
                self._computing.pop(key, None)
        return result
