"""Explanations of coding decisions: the coder alone over a Doc (``explain_doc``,
for logic tests) and one sentence through the whole Pipeline (``explain_sentence``,
what ``dyad explain`` prints)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyad.coding.extract import EventCoder
from dyad.records import Mention
from dyad.stages.trace import Trace, token_infos

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


def explain_doc(doc: Doc, mentions: Sequence[Mention], article_date: dt.date, coder: EventCoder | None = None) -> Trace:
    """The coder alone over a parsed Doc with given mentions (logic tests; ``dyad explain``
    runs the whole Pipeline instead: ``explain_sentence``)."""
    cands = (coder or EventCoder()).code_doc(doc, mentions)
    return Trace(
        text=doc.text,
        article_date=article_date,
        tokens=token_infos(doc),
        mentions=tuple(mentions),
        coded=tuple(c for c in cands if c.blocked is None),
        blocked=tuple(c for c in cands if c.blocked is not None),
        events=(),
        quotes=(),
        notes=(),
        stages=("coder",),
    )


def explain_sentence(text: str, article_date: dt.date, pipeline: Pipeline | None = None) -> Trace:
    """Code ``text`` as a one-paragraph article through the Pipeline and trace every stage.

    The same stages, prefilter, entities, lexicons and options as ``dyad code``
    (pass the Pipeline built with them), so the two never disagree.
    """
    from dyad.pipeline import Pipeline
    from dyad.records import Article, content_hash

    pipe = pipeline or Pipeline()
    return pipe.explain(Article(id=content_hash(text), date=article_date, text=text))
