"""Code a stream of inputs into a store through one writer.

The coding itself is done by a ``Coder``: the in-process ``Pipeline``, a
process pool (``pool.ProcessPoolCoder``) or a Dask cluster
(``dask_runner.DaskCoder``). Whatever codes, this loop is the only writer:
one transaction per article, articles already stored with the same content
hash and the same configuration fingerprint (``batch.fingerprint``) skipped
(``force`` recodes; a changed configuration recodes), near-duplicate copies recorded instead of
coded, every rejection recorded and reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.exc import SQLAlchemyError

from dyad.batch.dedup import NearDuplicateIndex
from dyad.batched import batched
from dyad.errors import StoreError
from dyad.records import Article, ArticleCopy, CodedArticle, Rejection
from dyad.store import EventFilter, Store

if TYPE_CHECKING:
    from dyad.pipeline import PipelineOptions

# Called for every finished item: the coded article (or the stored one when
# skipped), a copy of an earlier article, or a rejection; and whether it was skipped.
Listener = Callable[[CodedArticle | ArticleCopy | Rejection, bool], None]


class Coder(Protocol):
    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle | Rejection]: ...


@dataclass(slots=True)
class CorpusReport:
    articles: int = 0
    coded: int = 0
    skipped: int = 0  # stored before with the same text and configuration
    recoded: int = 0  # stored before with the same text, coded again: the configuration changed
    copies: int = 0
    events: int = 0
    quotes: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 3 if self.rejections else 0


def code_corpus(
    items: Iterable[Article | Rejection],
    coder: Coder,
    store: Store | None,
    force: bool = False,
    listener: Listener | None = None,
    chunk_size: int = 64,
    dedup: NearDuplicateIndex | None = None,
    config: str | None = None,
) -> CorpusReport:
    """Code every article in ``items`` and save it; record every rejection.

    ``config``: the configuration fingerprint stored with each article; an
    article stored with the same text but another fingerprint is coded again.
    """
    report = CorpusReport()
    emit = listener or (lambda item, skipped: None)

    def todo_of(chunk: list[Article | Rejection]) -> Iterator[Article]:
        arts = [a for a in chunk if isinstance(a, Article)]
        known, refused = _known_hashes(store, arts) if store is not None and not force else ({}, {})
        for item in chunk:
            if isinstance(item, Article) and item.id in refused:
                item = Rejection(item.origin or item.id, None, f"cannot look up its id: {refused[item.id]}", item.id)
            if isinstance(item, Rejection):
                _reject(item, store, report, emit)
                continue
            stored_hash, stored_config = known.get(item.id, (None, None))
            if stored_hash == item.hash and stored_config != config:
                report.recoded += 1
            elif stored_hash == item.hash:
                report.articles += 1
                report.skipped += 1
                if dedup is not None:
                    dedup.check(item)  # later copies of it are still recognised
                if store is not None:
                    emit(_stored(store, item), True)
                continue
            copy = dedup.check(item) if dedup is not None else None
            if copy is not None:
                report.articles += 1
                report.copies += 1
                if store is not None:
                    store.save_copy(copy)
                emit(copy, False)
                continue
            yield item

    todo = (a for chunk in batched(items, chunk_size) for a in todo_of(chunk))
    for result in coder.code_many(todo):
        if isinstance(result, Rejection):
            _reject(result, store, report, emit)
            continue
        if store is not None:
            try:
                store.save(result, config)
            except (StoreError, ValueError) as exc:
                # The article's data does not fit the database: reject it, go on.
                art = result.article
                _reject(Rejection(art.origin or art.id, None, f"cannot store: {exc}", art.id), store, report, emit)
                continue
        report.articles += 1
        report.coded += 1
        report.events += len(result.events)
        report.quotes += len(result.quotes)
        emit(result, False)
    return report


def run_coding(
    items: Iterable[Article | Rejection],
    options: PipelineOptions,
    db: str | None,
    workers: int = 0,
    dask: str | None = None,
    force: bool = False,
    dedup: bool = True,
    listener: Listener | None = None,
) -> CorpusReport:
    """Code ``items`` into the database ``db`` (None: store nothing) on ``workers``
    local processes (0: all cores) or on the Dask cluster ``dask``."""
    from dyad.batch.fingerprint import configuration_fingerprint
    from dyad.batch.pool import ProcessPoolCoder

    store = None if db is None else Store(db)
    config = configuration_fingerprint(options)
    try:
        index = NearDuplicateIndex() if dedup else None
        if dask:
            from dyad.batch.dask_runner import DaskCoder

            with DaskCoder(dask, options) as coder:
                return code_corpus(items, coder, store, force, listener, dedup=index, config=config)
        return code_corpus(items, ProcessPoolCoder(options, workers or None), store, force, listener, dedup=index, config=config)
    finally:
        if store is not None:
            store.close()


def _known_hashes(store: Store, arts: list[Article]) -> tuple[dict[str, tuple[str, str | None]], dict[str, str]]:
    """{id: stored hash} for the chunk's articles, in one query; if that fails,
    one query per article, so one bad id is one rejection ({id: reason})."""
    try:
        return store.coded_hashes(a.id for a in arts), {}
    except (StoreError, ValueError, SQLAlchemyError):
        pass
    known: dict[str, tuple[str, str | None]] = {}
    refused: dict[str, str] = {}
    for a in arts:
        try:
            known.update(store.coded_hashes([a.id]))
        except (StoreError, ValueError, SQLAlchemyError) as exc:
            refused[a.id] = f"{exc.__class__.__name__}: {str(exc)[:200]}"
    return known, refused


def _reject(r: Rejection, store: Store | None, report: CorpusReport, emit: Listener) -> None:
    report.rejections.append(r)
    if store is not None:
        store.save_rejection(r)
    emit(r, False)


def _stored(store: Store, article: Article) -> CodedArticle:
    events = tuple(store.iter_events(EventFilter(article_id=article.id)))
    quotes = tuple(store.iter_quotes(article_id=article.id))
    return CodedArticle(article=article, events=events, quotes=quotes)
