"""``dyad explain``: show how one sentence is parsed, which actors were found,
which rules fired, and what blocked the events that were not coded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from dyad.coding.extract import EventCoder
from dyad.records import Candidate, Mention

Resolve = Callable[[Doc, dt.date], Sequence[Mention]]


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

        def side(ms: Sequence[Mention]) -> str:
            return ", ".join(f"{m.text} [{' '.join(filter(None, (e.code or '?', e.sector)))}]" for m in ms for e in m.entities[:1]) or "-"

        mode = f"/{cand.mode}" if cand.mode else ""
        line = f"{cand.event}{mode} ({cand.cameo}) {side(cand.actor)} → {side(cand.recipient)}"
        if cand.reported_by:
            line += f" (reported by {side(cand.reported_by)})"
        if cand.context:
            line += f" context={','.join(cand.context)}"
        return line


def resolve_with_knowledge_base(doc: Doc, article_date: dt.date) -> Sequence[Mention]:
    """The default resolver: dyad's actor knowledge base."""
    from dyad.actors import load_knowledge_base
    from dyad.actors.resolve import ActorResolver

    return ActorResolver(load_knowledge_base()).resolve(doc, article_date)


def explain_doc(doc: Doc, mentions: Sequence[Mention], article_date: dt.date, coder: EventCoder | None = None) -> Explanation:
    cands = (coder or EventCoder()).code_doc(doc, mentions)
    return Explanation(
        text=doc.text,
        article_date=article_date,
        tokens=tuple(TokenInfo(t.i, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i) for t in doc),
        mentions=tuple(mentions),
        coded=tuple(c for c in cands if c.blocked is None),
        blocked=tuple(c for c in cands if c.blocked is not None),
    )


def explain_sentence(text: str, article_date: dt.date, resolve: Resolve | None = None, coder: EventCoder | None = None) -> Explanation:
    """Parse ``text``, resolve its actors and code it, keeping what was blocked and why."""
    from dyad.nlp import load_model

    doc = load_model()(text)
    mentions = (resolve or resolve_with_knowledge_base)(doc, article_date)
    return explain_doc(doc, mentions, article_date, coder)
