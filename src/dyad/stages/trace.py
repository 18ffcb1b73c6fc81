"""What each stage decided on one article, for ``dyad explain``.

Built by ``Pipeline.explain`` from the Doc attributes the stages set, before
they are cleared, so the trace shows exactly what ``dyad code`` does: the
same prefilter, entities, lexicons, options and stages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.records import Article, Candidate, CodedArticle, Event, Mention, Quote
    from dyad.stages.base import Stage


@dataclass(frozen=True, slots=True)
class TokenInfo:
    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str  # entity label, "" outside


@dataclass(frozen=True, slots=True)
class StageNote:
    """Free-form lines a stage (a plugin's too) reports about its decisions."""

    stage: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trace:
    """The article's parse and each stage's decisions."""

    text: str
    article_date: dt.date
    tokens: tuple[TokenInfo, ...]
    mentions: tuple[Mention, ...]
    coded: tuple[Candidate, ...]
    blocked: tuple[Candidate, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    notes: tuple[StageNote, ...]
    stages: tuple[str, ...]

    def words(self, indices: Sequence[int]) -> str:
        return " ".join(self.tokens[i].text for i in indices)

    def describe(self, cand: Candidate) -> str:
        """"CONSULT (040) Sergei Lavrov [RUS GOV] → Wang Yi [CHN GOV]" for display."""
        return describe_candidate(cand)


def describe_candidate(cand: Candidate) -> str:
    def side(ms: Sequence[Mention]) -> str:
        return ", ".join(f"{m.text} [{' '.join(filter(None, (e.code or '?', e.sector)))}]" for m in ms for e in m.entities[:1]) or "-"

    mode = f"/{cand.mode}" if cand.mode else ""
    line = f"{cand.event}{mode} ({cand.cameo}) {side(cand.actor)} → {side(cand.recipient)}"
    if cand.reported_by:
        line += f" (reported by {side(cand.reported_by)})"
    if cand.context:
        line += f" context={','.join(cand.context)}"
    return line


def token_infos(doc: Doc) -> tuple[TokenInfo, ...]:
    return tuple(TokenInfo(t.i, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc)


def trace_doc(doc: Doc, article: Article, stages: Sequence[Stage], coded: CodedArticle) -> Trace:
    cands = tuple(doc._.candidates or ())
    return Trace(
        text=article.text,
        article_date=article.date,
        tokens=token_infos(doc),
        mentions=tuple(doc._.mentions or ()),
        coded=tuple(c for c in cands if c.blocked is None),
        blocked=tuple(c for c in cands if c.blocked is not None),
        events=coded.events,
        quotes=coded.quotes,
        notes=tuple(StageNote(s.name, tuple(lines)) for s in stages if (lines := s.describe(doc))),
        stages=tuple(s.name for s in stages),
    )
