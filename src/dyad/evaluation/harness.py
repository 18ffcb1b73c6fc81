"""Run the pipeline over gold articles: one shared Pipeline, batched through
``nlp.pipe``, with rejected articles counted rather than dropped silently."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.records import Article, Event, Rejection

if TYPE_CHECKING:  # the pipeline pulls in spaCy; import it only when coding
    from dyad.pipeline import Pipeline


@functools.cache
def load_pipeline() -> Pipeline:
    """One Pipeline per process: loading the model dominates small runs."""
    from dyad.pipeline import Pipeline

    return Pipeline()


@dataclass(frozen=True, slots=True)
class CodedSet:
    """Events per article id, and the articles the pipeline rejected."""

    events: dict[str, tuple[Event, ...]]
    rejected: tuple[Rejection, ...]

    def of(self, article_id: str) -> tuple[Event, ...]:
        return self.events.get(article_id, ())


def code_articles(articles: Iterable[Article], pipeline: Pipeline | None = None, batch_size: int = 64) -> CodedSet:
    """Code articles in input order; a rejected article has no events."""
    pipe = pipeline or load_pipeline()
    events: dict[str, tuple[Event, ...]] = {}
    rejected: list[Rejection] = []
    for item in pipe.code_many(articles, batch_size=batch_size):
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            events[item.article.id] = item.events
    return CodedSet(events, tuple(rejected))
