"""Explain how a piece of text resolves: the entities, the KB entries that were
considered, and why each role was kept or dropped on the article date.

Backs ``dyad actors lookup``; usable from Python for debugging a dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from dyad.actors.entries import KbEntry, Person, describe_entry
from dyad.actors.fuzzy import fuzzy_names
from dyad.actors.kb import KnowledgeBase, load_knowledge_base
from dyad.actors.resolve import ActorResolver
from dyad.records import Entity, Mention


@dataclass(frozen=True, slots=True)
class RoleCheck:
    """One role of a person, and whether it counts on the article date."""

    title: str
    country: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None
    kept: bool
    reason: str


@dataclass(frozen=True, slots=True)
class ConsideredEntry:
    description: str  # "person Wang Yi (dyad:wang-yi) [people.yaml:123]"
    matched_as: str  # the words that brought it in, and how
    roles: tuple[RoleCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class LookupExplanation:
    mention_text: str
    article_date: dt.date
    entities: tuple[Entity, ...]
    considered: tuple[ConsideredEntry, ...]
    mentions: tuple[Mention, ...]  # every mention found in the text looked at


def explain_lookup(
    mention_text: str,
    article_date: dt.date,
    context_text: str | None = None,
    *,
    kb: KnowledgeBase | None = None,
    actor_files: Sequence[Path] = (),
    nlp: Language | None = None,
) -> LookupExplanation:
    """Resolve ``mention_text`` as it stands in ``context_text`` (or alone)."""
    if kb is None:
        kb = load_knowledge_base(actor_files)
    if nlp is None:
        from dyad.nlp import load_model

        nlp = load_model()
    text = context_text if context_text else mention_text
    doc = nlp(text)
    resolver = ActorResolver(kb)
    mentions = resolver.resolve(doc, article_date)
    at = text.rfind(mention_text) if context_text else 0
    lo, hi = (at, at + len(mention_text)) if at >= 0 else (0, len(text))
    chosen = [m for m in mentions if _overlaps(doc[m.start_token : m.end_token], lo, hi)]
    entities = tuple(e for m in chosen for e in m.entities if e.start is None or (e.start < hi and e.end > lo))
    considered: dict[str, ConsideredEntry] = {}
    for hit in resolver.matcher_for(doc).find_hits(doc):
        span = doc[hit.start : hit.end]
        if not _overlaps(span, lo, hi):
            continue
        entries: list[KbEntry] = list(hit.candidates)
        if hit.surface is not None:
            entries.append(hit.surface.entry)
        for entry in entries:
            considered.setdefault(describe_entry(entry), _consider(entry, f"'{span.text}' as {hit.kind}", article_date))
    for entity in entities:
        person = kb.people.get(entity.identifier_id or "")
        if person is not None:
            how = _fuzzy_note(kb, entity) or "named earlier in the text"
            considered.setdefault(describe_entry(person), _consider(person, how, article_date))
    return LookupExplanation(mention_text, article_date, entities, tuple(considered.values()), tuple(mentions))


def _fuzzy_note(kb: KnowledgeBase, entity: Entity) -> str:
    """How a name the KB does not know exactly matched (actors/fuzzy.py), or ""."""
    if "fuzzy: " not in (entity.resolution or ""):
        return ""
    match = fuzzy_names(kb).lookup(entity.entity_text)
    return "" if match is None else "fuzzy: " + match.describe()


def _overlaps(span, lo: int, hi: int) -> bool:  # noqa: ANN001 - a spaCy Span
    return span.start_char < hi and span.end_char > lo


def _consider(entry: KbEntry, matched_as: str, day: dt.date) -> ConsideredEntry:
    roles: tuple[RoleCheck, ...] = ()
    if isinstance(entry, Person):
        roles = tuple(_check(role, day) for role in entry.roles)
    return ConsideredEntry(describe_entry(entry), matched_as, roles)


def _check(role, day: dt.date) -> RoleCheck:  # noqa: ANN001 - a Role
    if role.start is not None and day < role.start:
        reason = f"starts {role.start.isoformat()}, after {day.isoformat()}: dropped"
    elif role.end is not None and day > role.end:
        reason = f"ended {role.end.isoformat()}, before {day.isoformat()}: dropped"
    else:
        reason = f"held on {day.isoformat()}: kept"
    return RoleCheck(role.title, role.country, role.sector, role.start, role.end, role.is_valid_on(day), reason)
