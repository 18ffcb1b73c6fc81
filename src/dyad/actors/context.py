"""Give a country to mentions that name only a sector ("the officials", "security
forces", "Attorney General Jane Doe"), from the article around them.

In order, the first that applies:

1. "the militants", "the rebel group": the armed group named last before it.
2. "his forces", "its army", "their troops": the country of whom the pronoun names.
3. "Iraqi officials ... The officials": the last mention of the same sector with a
   country, in this or the three sentences before.
4. The article's country: the one its names point to clearly (at least two
   mentions and twice as many as any other), as a dateline would. Only this one
   applies to a person named with no role and no nationality.

Nothing applies: the mention keeps its sector and no country, as before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from dyad.actors.coref import DocMemory, first_reason
from dyad.actors.entity import Cluster
from dyad.actors.entries import Country, Group, Organisation, Person
from dyad.actors.patterns import Hit
from dyad.lang import english
from dyad.records import Entity

_ARMED = frozenset(("REB", "UAF"))
_WINDOW_SENTENCES = 3


def find_article_country(hits: list[Hit], day: dt.date) -> str | None:
    """The country the article is about, when its names make that clear."""
    counts: Counter[str] = Counter()
    for hit in hits:
        entry = hit.surface.entry if hit.surface is not None else None
        if isinstance(entry, Country):
            counts[entry.code] += 1
        elif isinstance(entry, Group | Organisation) and entry.country and len(entry.country) == 3:
            counts[entry.country] += 1
        elif isinstance(entry, Person):
            roles = entry.roles_on(day)
            if roles and roles[0].country and roles[0].country not in ("IGO", "NGO"):
                counts[roles[0].country] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 2 and n >= 2 * second else None


def fill_country(
    doc: Doc, cluster: Cluster, entity: Entity, memory: DocMemory, article_country: str | None
) -> Entity:
    """``entity`` with a country from context (module doc), or unchanged."""
    if entity.code is None and entity.sector is None and entity.kind == "person" and article_country is not None:
        # "Chris Mhike, who represents Mhlanga": a person the knowledge base lacks, named with no
        # role or nationality, is most often of the country the article is about (step 4)
        return _of_article_country(entity, article_country)
    if entity.code is not None or entity.sector is None:
        return entity
    first = doc[cluster.start].lower_
    if entity.kind == "sector" and entity.sector in _ARMED and (first == "the" or first in english().pronouns.demonstrative):
        group = memory.last_group(cluster.start)
        if group is not None:
            return replace(
                group, entity_text=entity.entity_text, start=entity.start, end=entity.end,
                resolution=f"coreference: '{entity.entity_text}' → {group.entity_name} named before; " + first_reason(group),
            )
    owner = _possessor(doc, cluster, memory)
    if owner is not None:
        return _with_country(entity, owner, f"the possessive names {owner.entity_name or owner.entity_text}")
    window_start = _window_start(doc, cluster.start)
    same = memory.last_with_sector(entity.sector, window_start, cluster.start)
    if same is not None:
        return _with_country(entity, same, f"'{same.entity_text}' just before has this sector")
    if article_country is not None:
        return _of_article_country(entity, article_country)
    return entity


def _with_country(entity: Entity, source: Entity, why: str) -> Entity:
    return replace(entity, code=source.code, resolution=(entity.resolution or "") + f"; country {source.code}: {why}")


def _of_article_country(entity: Entity, code: str) -> Entity:
    """Step 4: ``entity`` of the article's country."""
    return replace(entity, code=code, resolution=(entity.resolution or "") + f"; country {code}: the article's country")


def _possessor(doc: Doc, cluster: Cluster, memory: DocMemory) -> Entity | None:
    head = doc[cluster.head]
    pronouns = english().pronouns
    for child in head.children:
        if child.dep_ != "poss" or child.lower_ not in pronouns.possessive:
            continue
        word = child.lower_
        if word in pronouns.person:  # his, her
            return memory.last_coded_person(child.i)
        if word in pronouns.thing | pronouns.group:  # its, their
            return memory.last_coded_actor(child.i)
    return None


def _window_start(doc: Doc, token: int) -> int:
    sent = doc[token].sent
    start = sent.start
    for _ in range(_WINDOW_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
