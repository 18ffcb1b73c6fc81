"""The event store: one transaction per article, queries with filters.

SQLite by default (WAL, busy timeout, ``BEGIN IMMEDIATE``), PostgreSQL when
given a ``postgresql://`` URL. Saving an article replaces its events and
quotes in the same transaction, so a re-run never duplicates anything and a
crash never leaves half an article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, func, select, text
from sqlalchemy.exc import OperationalError
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_incrementing

from dyad.batched import batched
from dyad.errors import NotFoundError, StoreError
from dyad.ingest.clean import escape_surrogates
from dyad.records import Article, ArticleCopy, CodedArticle, Event, Quote, Rejection, event_from_plover, quote_from_json
from dyad.store.columns import EVENT_TABLE
from dyad.store.engine import READ_ONLY, backend_name, normalise_url, open_engine, redact
from dyad.store.filters import EventFilter, build_where
from dyad.store.migrations import migrate
from dyad.store.schema import article_copies, articles, event_entities, events, fit_row, fit_value, quotes, rejections, stories_pending
from dyad.store.summaries import read_contributions, update_summaries

__all__ = ["EventFilter", "Store", "StoreCounts"]


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    events: int
    quotes: int
    rejections: int


LOCK_ATTEMPTS = 5  # writes tried in all when SQLite answers "database is locked"
ROWS_PER_INSERT = 2_000  # one executemany per this many rows of an article's events, entities, quotes


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


class Store:
    """A dyad database. Use ``with Store(url) as store:`` or call ``close()``."""

    def __init__(self, db: str, *, must_exist: bool = False):
        """``must_exist``: refuse a SQLite file that is not there rather than create
        an empty database (what read-only commands want)."""
        self.url = db
        if must_exist:
            check_database_exists(db)
        self.engine = open_engine(db)
        # Same pool; its connections read without taking SQLite's write lock.
        self.reader = self.engine.execution_options(**{READ_ONLY: True})
        self.backend = backend_name(db)

        def create(conn: Connection) -> None:
            if self.backend == "postgresql":
                # Two processes creating the schema at once would race.
                conn.execute(text("SELECT pg_advisory_xact_lock(4242)"))
            migrate(conn)

        # Many processes starting on one new SQLite file queue for its write lock; one still locked out retries.
        self._retry(create, action="open database")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def _begin(self):
        return self.engine.begin()

    # -- writing ---------------------------------------------------------
    def save(self, coded: CodedArticle, config: str | None = None) -> None:
        """Store an article with its events and quotes, replacing any earlier coding.

        ``config``: the fingerprint of the configuration that coded it (``batch.fingerprint``).
        """
        self.save_many([coded], config)

    def save_many(self, batch: Iterable[CodedArticle], config: str | None = None) -> None:
        """Several articles in one transaction (faster; all or none)."""
        items = list(batch)
        ids = list(dict.fromkeys(str(fit_value(articles.c.id, c.article.id)) for c in items))  # as stored

        def work(conn: Connection) -> None:
            # The summaries and the stories' queue change in the transaction that changes the events.
            before = read_contributions(conn, ids)
            for c in items:
                self._save(conn, c, config)
            update_summaries(conn, ids, before)
            if ids:
                conn.execute(stories_pending.insert(), [{"article_id": i} for i in ids])

        self._retry(work)

    def _retry(self, work, attempts: int = LOCK_ATTEMPTS, action: str = "write to") -> None:
        """Run ``work`` in one transaction; SQLite's "database is locked" (past the busy timeout) is tried again."""
        retrying = Retrying(retry=retry_if_exception(_is_locked), stop=stop_after_attempt(attempts),
                            wait=wait_incrementing(start=0.2, increment=0.2), reraise=True)  # fmt: skip
        try:
            for attempt in retrying:
                with attempt, self._begin() as conn:
                    work(conn)
        except OperationalError as exc:
            raise StoreError(f"cannot {action} {redact(self.url)}: {exc.orig}") from None

    def _save(self, conn: Connection, coded: CodedArticle, config: str | None = None) -> None:
        art = coded.article
        old_events = select(events.c.id).where(events.c.article_id == art.id)
        conn.execute(delete(event_entities).where(event_entities.c.event_id.in_(old_events)))
        conn.execute(delete(events).where(events.c.article_id == art.id))
        conn.execute(delete(quotes).where(quotes.c.article_id == art.id))
        conn.execute(delete(articles).where(articles.c.id == art.id))
        conn.execute(
            articles.insert(),
            fit_row(articles, dict(
                id=art.id,
                date=art.date.isoformat(),
                title=art.title,
                url=art.url,
                source=art.source,
                origin=art.origin,
                hash=art.hash,
                caption_end=art.caption_end,
                text=art.text,
                n_events=len(coded.events),
                n_quotes=len(coded.quotes),
                coded_at=_now(),
                config=config,
            )),
        )
        if coded.events:
            _insert_in_chunks(conn, events, (fit_row(events, EVENT_TABLE.store_row(e)) for e in coded.events))
            ent_rows = (
                {
                    "event_id": e.id,
                    "role": role,
                    "position": i,
                    "entity_text": ent.entity_text,
                    "entity_name": ent.entity_name,
                    "code": ent.code,
                    "sector": ent.sector,
                    "identifier_id": ent.identifier_id,
                }
                for e in coded.events
                for role, ents in (("actor", e.actor), ("recipient", e.recipient), ("reported_by", e.reported_by))
                for i, ent in enumerate(ents)
            )
            _insert_in_chunks(conn, event_entities, (fit_row(event_entities, r) for r in ent_rows))
        if coded.quotes:
            _insert_in_chunks(
                conn,
                quotes,
                (
                    fit_row(quotes, {
                        "id": q.id,
                        "article_id": q.article_id,
                        "event_id": q.event_id,
                        "speaker_name": q.speaker.entity_name or q.speaker.entity_text if q.speaker else None,
                        "speaker_code": q.speaker.code if q.speaker else None,
                        "speaker_sector": q.speaker.sector if q.speaker else None,
                        "speaker_identifier": q.speaker.identifier_id if q.speaker else None,
                        "record": _json(q.to_json()),
                    })
                    for q in coded.quotes
                ),
            )

    def save_copy(self, copy: ArticleCopy) -> None:
        """Record ``copy.article`` as a further report of an article already coded."""
        art = copy.article

        def work(conn: Connection) -> None:
            conn.execute(delete(article_copies).where(article_copies.c.id == art.id))
            conn.execute(
                article_copies.insert().values(
                    id=art.id,
                    article_id=copy.original_id,
                    date=art.date.isoformat(),
                    url=art.url,
                    source=art.source,
                    origin=art.origin,
                    similarity=copy.similarity,
                )
            )

        self._retry(work)

    def copies_of(self, article_id: str) -> list[dict[str, object]]:
        with self.reader.connect() as conn:
            rows = conn.execute(select(article_copies).where(article_copies.c.article_id == article_id).order_by(article_copies.c.id))
            return [dict(r) for r in rows.mappings()]

    def save_rejection(self, r: Rejection) -> None:
        key = hashlib.sha1(f"{r.origin}|{r.line}|{r.reason}".encode("utf-8", "replace")).hexdigest()

        def work(conn: Connection) -> None:
            exists = conn.execute(select(rejections.c.id).where(rejections.c.key == key)).first()
            if not exists:
                # A rejection names what could not be read: a file name or id that is not UTF-8 is shown escaped.
                aid = escape_surrogates(r.article_id) if r.article_id else r.article_id
                row = dict(origin=escape_surrogates(r.origin)[:2000], line=r.line, reason=escape_surrogates(r.reason)[:2000],
                           article_id=aid, key=key, created_at=_now())  # fmt: skip
                conn.execute(rejections.insert(), fit_row(rejections, row))

        self._retry(work)

    # -- reading ---------------------------------------------------------
    def coded_hashes(self, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """{article id: (content hash, configuration fingerprint)} for those of ``ids`` already stored."""
        ids = list(ids)
        out: dict[str, tuple[str, str | None]] = {}
        with self.reader.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                q = select(articles.c.id, articles.c.hash, articles.c.config).where(articles.c.id.in_(chunk))
                for aid, h, config in conn.execute(q):
                    out[aid] = (h, config)
        return out

    def counts(self) -> StoreCounts:
        with self.reader.connect() as conn:
            n = [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (articles, events, quotes, rejections)]
        return StoreCounts(*n)

    def iter_events(
        self, f: EventFilter = EventFilter(), limit: int | None = None, offset: int = 0, order: str = "date"
    ) -> Iterator[Event]:
        """Events matching ``f`` in a stable order (date, article, position)."""
        # Byte order on PostgreSQL too (its default collation follows the locale),
        # so both backends list, page and export events identically.
        aid: ColumnElement[Any] = events.c.article_id
        eid: ColumnElement[Any] = events.c.id
        if self.backend == "postgresql":
            aid, eid = aid.collate("C"), eid.collate("C")
        order_cols = {
            "date": (events.c.date, aid, events.c.sentence_start, events.c.trigger_start, eid),
            "-date": (events.c.date.desc(), aid, events.c.sentence_start, events.c.trigger_start, eid),
            "confidence": (events.c.confidence.desc(), eid),
        }[order]
        q = select(events.c.record).order_by(*order_cols)
        where = build_where(f)
        if where is not None:
            q = q.where(where)
        yield from self._records(_paged(q, limit, offset), event_from_plover)

    def count_events(self, f: EventFilter = EventFilter()) -> int:
        q = select(func.count()).select_from(events)
        where = build_where(f)
        if where is not None:
            q = q.where(where)
        with self.reader.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def get_event(self, event_id: str) -> Event:
        with self.reader.connect() as conn:
            row = conn.execute(select(events.c.record).where(events.c.id == event_id)).first()
        if row is None:
            raise NotFoundError(f"no event {event_id!r}")
        return event_from_plover(json.loads(row[0]))

    def get_article(self, article_id: str) -> Article:
        with self.reader.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no article {article_id!r}")
        return Article(
            id=row["id"],
            date=dt.date.fromisoformat(row["date"]),
            text=row["text"],
            title=row["title"],
            url=row["url"],
            source=row["source"],
            origin=row["origin"],
            caption_end=row["caption_end"],
        )

    def iter_quotes(self, speaker: str | None = None, article_id: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[Quote]:
        q = select(quotes.c.record).order_by(quotes.c.article_id, quotes.c.id)
        if speaker:
            like = f"%{speaker.lower()}%"
            q = q.where(
                func.lower(quotes.c.speaker_name).like(like)
                | (quotes.c.speaker_code == speaker)
                | (quotes.c.speaker_identifier == speaker)
            )
        if article_id:
            q = q.where(quotes.c.article_id == article_id)
        yield from self._records(_paged(q, limit, offset), quote_from_json)

    def _records(self, q, decode):
        """Stream the JSON records a query selects, decoded into records."""
        with self.reader.connect() as conn:
            for (rec,) in conn.execute(q):
                yield decode(json.loads(rec))

    def iter_rejections(self) -> Iterator[Rejection]:
        with self.reader.connect() as conn:
            for row in conn.execute(select(rejections).order_by(rejections.c.id)).mappings():
                yield Rejection(row["origin"], row["line"], row["reason"], row["article_id"])


def check_database_exists(db: str) -> None:
    """Raise NotFoundError when ``db`` names a SQLite file that does not exist."""
    url = normalise_url(db)
    if not url.startswith("sqlite:///"):
        return  # a server database: connecting says whether it is there
    path = url.removeprefix("sqlite:///")
    if path in ("", ":memory:") or Path(path).expanduser().is_file():
        return
    raise NotFoundError(f"no database at {path}: code articles into it first (dyad code FILES --db {path}), or give --db / DYAD_DB")


def _paged(q, limit: int | None, offset: int):
    if limit is not None:
        q = q.limit(limit)
    return q.offset(offset) if offset else q


def _insert_in_chunks(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Insert ``rows`` a chunk at a time: an article of 50,000 events never holds all its rows at once
    (they took 190 MB for 22,000 events, built whole)."""
    for chunk in batched(rows, ROWS_PER_INSERT):
        conn.execute(table.insert(), chunk)
