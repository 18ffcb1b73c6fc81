"""In-document coreference: "Mr Wang" → Wang Yi, "he" → the last man named,
"the two nations" → the two countries just named.

``DocMemory`` records each resolved entity with the token where it was named;
every lookup only looks backwards from the mention.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from dyad.actors.entries import Person
from dyad.actors.kb import KnowledgeBase, normalise, surname_keys
from dyad.records import Entity

if TYPE_CHECKING:
    from dyad.actors.entity import Cluster


@dataclass(slots=True)
class DocMemory:
    """Entities named so far in one document, in order."""

    kb: KnowledgeBase | None = None
    people: list[tuple[int, Entity, str | None]] = field(default_factory=list)  # (token, entity, gender)
    countries: list[tuple[int, Entity, bool]] = field(default_factory=list)  # (token, entity, core role)
    actors: list[tuple[int, Entity]] = field(default_factory=list)  # coded countries, organisations, groups
    # Per sector, the coded entities ``last_with_sector`` may return, sorted by
    # (token, actors before people, earlier first): a lookup is a bisection, not a scan.
    _by_sector: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    _entities: list[Entity] = field(default_factory=list)

    def remember(self, entity: Entity, token: int, core: bool = True) -> None:
        """``core``: named as subject or object, not inside a prepositional phrase."""
        if entity.kind == "person":
            self.people.append((token, entity, self._gender(entity)))
            if entity.code:
                self._index(entity, token, person=True)
        elif entity.kind == "country" and entity.code:
            self.countries.append((token, entity, core))
        if entity.code and entity.kind != "person":
            self.actors.append((token, entity))
            if entity.kind != "group":
                self._index(entity, token, person=False)

    def _index(self, entity: Entity, token: int, person: bool) -> None:
        if entity.sector is None:
            return
        self._entities.append(entity)
        seq = len(self._entities) - 1
        bisect.insort(self._by_sector.setdefault(entity.sector, []), (token, -int(person), -seq))

    def last_group(self, before: int) -> Entity | None:
        """The armed group named last before token ``before``."""
        for token, entity in reversed(self.actors):
            if token < before and entity.kind == "group" and entity.sector in ("REB", "PRM"):
                return entity
        return None

    def last_with_sector(self, sector: str, lo: int, hi: int) -> Entity | None:
        """The last coded entity of ``sector`` named between tokens ``lo`` and ``hi``."""
        keys = self._by_sector.get(sector, ())
        i = bisect.bisect_left(keys, (hi,)) - 1  # the greatest key named before ``hi``
        if i < 0 or keys[i][0] < lo:
            return None
        return self._entities[-keys[i][2]]

    def last_coded_person(self, before: int) -> Entity | None:
        for token, entity, _ in reversed(self.people):
            if token < before and entity.code:
                return entity
        return None

    def last_coded_actor(self, before: int) -> Entity | None:
        for token, entity in reversed(self.actors):
            if token < before:
                return entity
        return None

    def _gender(self, entity: Entity) -> str | None:
        if self.kb is None or entity.identifier_id is None:
            return None
        person = self.kb.people.get(entity.identifier_id)
        return None if person is None else person.gender

    def person_by_surname(self, key: str, before: int) -> Entity | None:
        """The last person named before ``before`` whose name ends with ``key``."""
        for token, entity, _ in reversed(self.people):
            if token >= before or not entity.entity_name:
                continue
            names = [entity.entity_name]
            if self.kb is not None and entity.identifier_id in self.kb.people:
                person = self.kb.people[entity.identifier_id]
                names += [person.surname, *person.aliases]
            for name in names:
                lowered = normalise(name)
                if lowered == key or lowered.endswith(" " + key) or key in surname_keys(name.split()[-1]):
                    return entity
        return None

    def unknown_person(self, text: str, before: int) -> Entity | None:
        """An earlier mention of a person we do not know, by the last word of the name."""
        key = normalise(text).split()[-1] if text.strip() else ""
        for token, entity, _ in reversed(self.people):
            if token < before and entity.identifier_id is None and entity.entity_name:
                if normalise(entity.entity_name).split()[-1] == key and normalise(entity.entity_name) != normalise(text):
                    return entity
        return None


def lookup_surname(
    text: str, candidates: tuple[Person, ...], start: int, memory: DocMemory, day: dt.date
) -> tuple[Entity | None, Person | None, str]:
    """Who a bare surname names: someone named earlier, else the one KB person
    of that surname in office on ``day``. Returns (earlier entity, person, note)."""
    key = normalise(text)
    earlier = memory.person_by_surname(key, start)
    if earlier is not None:
        return earlier, None, ""
    in_office = [p for p in candidates if p.roles_on(day)]
    if len(in_office) == 1:
        return None, in_office[0], f"surname '{text}': the only one of that name in office on {day.isoformat()}"
    return None, None, ""


def _last_two(memory: DocMemory, before: int, core_only: bool) -> list[Entity]:
    found: list[Entity] = []
    for head, entity, core in reversed(memory.countries):
        if head < before and (core or not core_only) and all(e.code != entity.code for e in found):
            found.append(entity)
        if len(found) == 2:
            return found
    return []


def first_reason(entity: Entity) -> str:
    """The knowledge-base reason behind a chain of coreferences."""
    parts = (entity.resolution or "").split("; ")
    kept = [p for p in parts if not p.startswith("coreference")]
    return "; ".join(kept)


def resolve_pronoun(token: Token, gender: str, memory: DocMemory) -> Entity | None:
    """he/she → the person nearest the subject earlier in the same sentence
    ("Mr Wang's talks with Mr Lavrov followed his meeting" → Wang), else the
    last person named before it whose gender fits."""
    fits = [(h, e) for h, e, known in memory.people if h < token.i and (known is None or known == gender)]
    if not fits:
        return None
    sent_start = token.sent.start
    in_subject = [(d, h, e) for h, e in fits if h >= sent_start and (d := _subject_depth(token.doc[h])) is not None]
    previous = _previous_subject(token, fits) if token.dep_ in ("nsubj", "nsubjpass") else None
    if in_subject:
        _, _, entity = min(in_subject, key=lambda t: (t[0], -t[1]))
        how = "person in the subject of the same sentence"
    elif previous is not None:
        entity, how = previous, "subject of the sentence before"
    else:
        entity = fits[-1][1]
        how = "last compatible person named before"
    return replace(
        entity,
        entity_text=token.text,
        start=token.idx,
        end=token.idx + len(token.text),
        resolution=f"coreference: '{token.text}' → {entity.entity_name} ({how}); " + first_reason(entity),
    )


def _previous_subject(token: Token, fits: list[tuple[int, Entity]]) -> Entity | None:
    """A subject pronoun's first choice: the person who was the previous sentence's subject."""
    sent = token.sent
    if sent.start == 0:
        return None
    prev = token.doc[sent.start - 1].sent
    for head, entity in fits:
        if prev.start <= head < prev.end and _subject_depth(token.doc[head]) == 0:
            return entity
    return None


def _subject_depth(token: Token) -> int | None:
    """How many steps up from ``token`` to a clause subject, or None if it is not in one."""
    depth = 0
    while token.head is not token and depth < 6:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return depth
        token, depth = token.head, depth + 1
    return None


def resolve_pair(doc: Doc, cluster: Cluster, memory: DocMemory) -> list[Entity]:
    """"the two nations" → the last two different countries named before it."""
    span = doc[cluster.start : cluster.end]
    # Prefer countries named as subject or object: in "Russia supported China amid
    # tensions with the US over Taiwan. The two nations ...", Russia and China.
    found = _last_two(memory, cluster.start, core_only=True) or _last_two(memory, cluster.start, core_only=False)
    if not found:
        return []
    found.reverse()
    return [
        replace(
            e,
            entity_text=span.text,
            start=span.start_char,
            end=span.end_char,
            resolution=f"coreference: '{span.text}' → {found[0].entity_name} and {found[1].entity_name}",
        )
        for e in found
    ]
