"""Small mention-level helpers for the coder: places as recipients, military attackers.

The actor resolver names actors; a place name ("arrived in Tel Aviv", "rockets
at southern Israel") is not an actor, but the country it lies in is the
recipient of a visit or an attack. ``PlaceFinder`` turns such a token into a
``Mention`` of that country through dyad's offline gazetteer, loaded lazily
and only when a recipient slot holds an unresolved place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from dyad.lang import english
from dyad.records import Entity, Mention

if TYPE_CHECKING:
    from dyad.where.geocoder import Geocoder

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class PlaceFinder:
    """Place token → a Mention of the country it is in (or None)."""

    def __init__(self, geocoder: Geocoder | None = None, enabled: bool = True):
        self._geocoder = geocoder
        # False with a dictionary used alone (KnowledgeBase.alone): only its names are parties.
        self.enabled = enabled

    @property
    def geocoder(self) -> Geocoder:
        if self._geocoder is None:
            from dyad.where.geocoder import Geocoder

            self._geocoder = Geocoder()
        return self._geocoder

    def mention_for(self, tok: Token, unclaimed: bool = False) -> Mention | None:
        """``unclaimed``: no actor mention covers ``tok``, so a name the tagger took for a
        person ("Kharkiv", a village from the user's places file) counts when the
        gazetteer knows it as a settlement or region — the actor resolver's own
        place check (actors/places.py) already dropped it as an actor."""
        span = place_span(tok, PLACE_LABELS | ({"PERSON"} if unclaimed else set())) if self.enabled else None
        if span is None:
            return None
        entry = self.geocoder.resolve(span.text)
        if entry is None or not entry.country:
            return None
        if span.root.ent_type_ == "PERSON" and entry.feature not in ("populated_place", "admin1", "admin2"):
            return None
        entity = Entity(
            entity_text=span.text,
            entity_name=entry.name,
            code=entry.country,
            kind="country",
            start=span.start_char,
            end=span.end_char,
            resolution=f"place: {span.text} is in {entry.country}",
        )
        return Mention(span.start, span.end, tok.i, (entity,), span.text)


    def hyphenated_parties(self, noun: Token) -> tuple[Mention, ...]:
        """"U.S.-Ukraine talks": two countries joined by a hyphen just before an event noun."""
        if noun.i == 0 or not self.enabled:
            return ()
        tok = noun.doc[noun.i - 1]
        parts = tok.text.split("-")
        if len(parts) != 2 or not all(parts) or tok.dep_ in ("nsubj", "dobj") or not tok.text[0].isupper():
            return ()
        found = []
        for part, start in ((parts[0], tok.idx), (parts[1], tok.idx + len(parts[0]) + 1)):
            entry = self.geocoder.resolve(part)
            if entry is None or entry.feature != "country" or not entry.country:
                return ()
            entity = Entity(
                entity_text=part,
                entity_name=entry.name,
                code=entry.country,
                kind="country",
                start=start,
                end=start + len(part),
                resolution=f"place: {part} in '{tok.text}'",
            )
            found.append(Mention(tok.i, tok.i + 1, tok.i, (entity,), part))
        return tuple(found) if found[0].entities[0].code != found[1].entities[0].code else ()


def place_span(tok: Token, labels: frozenset[str] | set[str] = PLACE_LABELS) -> Span | None:
    """The named place ``tok`` heads, without "the" or "southern": "Tel Aviv", "Gaza City"."""
    if tok.ent_type_ not in labels:
        return None
    ent = entity_of(tok)
    start, end = ent.start, ent.end
    modifiers = english().places.leading_place_modifiers
    while start < end and tok.doc[start].lower_ in modifiers:
        start += 1
    return tok.doc[start:end] if start < end else None


def entity_of(tok: Token) -> Span:
    """The named entity ``tok`` is in, from the tokens' IOB tags (``doc.ents`` builds every entity of the Doc)."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def codes_of(mentions: Sequence[Mention]) -> set[str]:
    return {e.code for m in mentions for e in m.entities if e.code}


def abroad_for(actor: Sequence[Mention], recipient: Sequence[Mention]) -> bool | None:
    """Whether a trip goes abroad: None when either side's country is unknown."""
    mine, theirs = codes_of(actor), codes_of(recipient)
    if not mine or not theirs:
        return None
    return not theirs <= mine


def is_known(m: Mention) -> bool:
    """A mention the resolver gave a country or a sector ("Rafah" alone is neither)."""
    return any(e.code or e.sector for e in m.entities)


def as_military(mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """"Israeli air strikes": a country that strikes is its military."""
    out = []
    for m in mentions:
        ents = tuple(
            replace(e, sector="MIL", resolution=(e.resolution or "") + "; attacker of a weapon → MIL")
            if e.sector is None and e.kind == "country"
            else e
            for e in m.entities
        )
        out.append(replace(m, entities=ents))
    return tuple(out)
