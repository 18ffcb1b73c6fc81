"""dyad: political event data (PLOVER, with CAMEO codes) from dated news articles.

The public API::

    Pipeline, PipelineOptions      load once, code articles
    code_text(text, date)          one-off coding of a string
    read_articles(paths)           readers for seed text, plain text, JSONL, JSON, CSV …
    Article, Event, Entity, Place, Count, EventDate, Quote, Rejection, CodedArticle   records
    DyadError                      base of every dyad exception
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from dyad.errors import DyadError
from dyad.ingest import read_articles
from dyad.records import Article, CodedArticle, Count, Entity, Event, EventDate, Place, Quote, Rejection, content_hash

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline, PipelineOptions

__all__ = [
    "Article",
    "CodedArticle",
    "Count",
    "DyadError",
    "Entity",
    "Event",
    "EventDate",
    "Pipeline",
    "PipelineOptions",
    "Place",
    "Quote",
    "Rejection",
    "code_text",
    "read_articles",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline imports spaCy; load it only when asked for, so readers and
    # the store stay light to import.
    if name in {"Pipeline", "PipelineOptions"}:
        from dyad import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


def code_text(text: str, date: dt.date | str, article_id: str | None = None) -> list[Event]:
    """Code one string as an article dated ``date``."""
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    article = Article(id=article_id or content_hash(text), date=day, text=text)
    return _default_pipeline().code(article)


@functools.cache
def _default_pipeline() -> "Pipeline":
    from dyad.pipeline import Pipeline

    return Pipeline()
