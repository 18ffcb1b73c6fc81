"""Explanations of coding decisions: the coder alone over a Doc (``explain_doc``,
for logic tests) and one sentence through the whole Pipeline (``explain_sentence``,
what ``dyad explain`` prints)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyad.coding.extract import EventCoder
from dyad.records import Candidate, Mention
from dyad.stages.trace import Trace, describe_candidate

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class TokenInfo:
    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int


@dataclass(frozen=True, slots=True)
class Explanation:
    text: str
    article_date: dt.date
    tokens: tuple[TokenInfo, ...]
    mentions: tuple[Mention, ...]
    coded: tuple[Candidate, ...]
    blocked: tuple[Candidate, ...]

    def words(self, indices: Sequence[int]) -> str:
        return " ".join(self.tokens[i].text for i in indices)

    def describe(self, cand: Candidate) -> str:
        """"CONSULT (040) Sergei Lavrov [RUS GOV] → Wang Yi [CHN GOV]" for display."""
        return describe_candidate(cand)


def explain_doc(doc: Doc, mentions: Sequence[Mention], article_date: dt.date, coder: EventCoder | None = None) -> Explanation:
    """The coder alone over a parsed Doc with given mentions (logic tests; ``dyad explain``
    runs the whole Pipeline instead: ``explain_sentence``)."""
    cands = (coder or EventCoder()).code_doc(doc, mentions)
    return Explanation(
        text=doc.text,
        article_date=article_date,
        tokens=tuple(TokenInfo(t.i, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i) for t in doc),
        mentions=tuple(mentions),
        coded=tuple(c for c in cands if c.blocked is None),
        blocked=tuple(c for c in cands if c.blocked is not None),
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
