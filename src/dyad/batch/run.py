"""Code a stream of inputs into a store, one transaction per article.

Articles already stored with the same content hash are skipped (``force``
recodes them); every rejection is recorded and reported, never fatal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyad.pipeline import Pipeline
from dyad.records import Article, CodedArticle, Rejection
from dyad.store import EventFilter, Store

# Called for every finished item: the coded article (or the stored one when
# skipped), or the rejection.
Listener = Callable[[CodedArticle | Rejection, bool], None]


@dataclass(slots=True)
class CorpusReport:
    articles: int = 0
    coded: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 3 if self.rejections else 0


def _chunks(items: Iterable[Article | Rejection], size: int) -> Iterator[list[Article | Rejection]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def code_corpus(
    items: Iterable[Article | Rejection],
    pipeline: Pipeline,
    store: Store | None,
    force: bool = False,
    listener: Listener | None = None,
    chunk_size: int = 64,
) -> CorpusReport:
    """Code every article in ``items`` and save it; record every rejection."""
    report = CorpusReport()
    for chunk in _chunks(items, chunk_size):
        arts = [a for a in chunk if isinstance(a, Article)]
        known = store.coded_hashes(a.id for a in arts) if store is not None and not force else {}
        todo = []
        for item in chunk:
            if isinstance(item, Rejection):
                _reject(item, store, report, listener)
            elif known.get(item.id) == item.hash:
                report.articles += 1
                report.skipped += 1
                if listener and store is not None:
                    listener(_stored(store, item), True)
            else:
                todo.append(item)
        for result in pipeline.code_many(todo):
            if isinstance(result, Rejection):
                _reject(result, store, report, listener)
                continue
            if store is not None:
                store.save(result)
            report.articles += 1
            report.coded += 1
            report.events += len(result.events)
            report.quotes += len(result.quotes)
            if listener:
                listener(result, False)
    return report


def _reject(r: Rejection, store: Store | None, report: CorpusReport, listener: Listener | None) -> None:
    report.rejections.append(r)
    if store is not None:
        store.save_rejection(r)
    if listener:
        listener(r, False)


def _stored(store: Store, article: Article) -> CodedArticle:
    events = tuple(store.iter_events(EventFilter(article_id=article.id)))
    quotes = tuple(store.iter_quotes(article_id=article.id))
    return CodedArticle(article=article, events=events, quotes=quotes)
