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
import importlib
from typing import TYPE_CHECKING, Any

from dyad.errors import DyadError

if TYPE_CHECKING:
    from dyad.ingest import read_articles
    from dyad.pipeline import Pipeline, PipelineOptions
    from dyad.records import Article, CodedArticle, Count, Entity, Event, EventDate, Place, Quote, Rejection

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

# Names loaded on first use, so `import dyad` (and the CLI's start) stays light:
# the pipeline imports spaCy, the readers their parsers.
_LAZY = {
    "Pipeline": "dyad.pipeline",
    "PipelineOptions": "dyad.pipeline",
    "read_articles": "dyad.ingest",
    **dict.fromkeys(("Article", "CodedArticle", "Count", "Entity", "Event", "EventDate", "Place", "Quote", "Rejection"), "dyad.records"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")


def code_text(text: str, date: dt.date | str, article_id: str | None = None) -> list[Event]:
    """Code one string as an article dated ``date``.

    The text passes the same validator as every reader's articles (cleaning,
    the future-date check, the ``DYAD_MAX_ARTICLE_BYTES`` limit); an InputError
    says why it was refused.
    """
    from dyad.ingest.validate import validate_article
    from dyad.records import Article
    from dyad.settings import Limits

    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    article = validate_article(Article(id=article_id or "", date=day, text=text, origin="code_text"), Limits.from_env())
    return _default_pipeline().code(article)


@functools.cache
def _default_pipeline() -> Pipeline:
    from dyad.pipeline import Pipeline

    return Pipeline()
