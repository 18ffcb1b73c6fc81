"""A country for parties the text names only by a sector: "gunmen", "seven civilians".

The actor resolver already gives such a mention a country from a nationality
word, an apposition, a possessive or the article's main country
(``actors/context.py``). What it cannot see is the event: here a sector-only
actor or recipient takes, the first that applies,

1. the country of the place the act happens in ("gunmen killed five villagers
   in Zamfara state" → NGA), searched in the trigger's place phrases;
2. for the victims of an attack or a coercion, the one country their sentence
   names, as a place or an actor ("Ukraine's presidential office said seven
   civilians were killed" → UKR).

The event's own place (dateline, lead) is used later by the place stage
(``where/parties.py``). The unknown actor (``UNK``) keeps no country: nobody
knows whose it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from dyad.coding.arguments import MentionIndex, prep_objects
from dyad.coding.mentions import PlaceFinder, codes_of, entity_of
from dyad.lang import english
from dyad.records import UNKNOWN_SECTOR, Entity, Mention

# Codes that are not a state's: an organisation's or the world's.
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "WST"})
# How a country from the place of the act is explained (an entity's resolution): unknown.py looks for it.
PLACE_OF_ACT = "the place of the act"


def needs_country(e: Entity, sector: str | None = None) -> bool:
    """A sector-only entity with no country (``sector``: only of that sector, e.g. UNK)."""
    if sector is not None:
        return e.code is None and e.sector == sector
    return e.code is None and e.sector is not None and e.sector != UNKNOWN_SECTOR and e.kind == "sector"


def fill_party_countries(
    tok: Token,
    sides: Sequence[tuple[Mention, ...]],
    index: MentionIndex,
    places: PlaceFinder,
    sector: str | None = None,
    by_sentence: Sequence[int] = (),
) -> list[tuple[Mention, ...]]:
    """``sides`` (actor, recipient …) with their sector-only entities given a country.

    Only the sides listed in ``by_sentence`` may take the sentence's country: the
    victims of an attack, whom the sentence's reporter counts ("Ukraine's office said
    seven civilians were killed"); protesters in a sentence about French troops are
    not French."""
    if not any(needs_country(e, sector) for side in sides for m in side for e in m.entities):
        return list(sides)
    # the unknown actor is placed only where the act happened, not by its target ("fired at Israel")
    place = clause_country(tok, index, places, perpetrator=sector is not None)
    out = []
    for k, side in enumerate(sides):
        found = place
        if found is None and k in by_sentence:  # unless it is the other side's ("Russian shelling killed civilians")
            others = {c for j, o in enumerate(sides) if j != k for c in _state_codes(o)}
            found = sentence_country(tok, index, places, others)
        out.append(side if found is None else tuple(with_country(m, *found, sector) for m in side))
    return out


def clause_country(tok: Token, index: MentionIndex, places: PlaceFinder, perpetrator: bool = False) -> tuple[str, str] | None:
    """The country of a place phrase on the trigger or its object (two levels deep)."""
    found = clause_place(tok, index, places, perpetrator)
    return None if found is None else (found[0], found[1])


def clause_place(
    tok: Token, index: MentionIndex, places: PlaceFinder, perpetrator: bool = False
) -> tuple[str, str, Mention] | None:
    """``clause_country`` with the mention of the place that gives the country."""
    words = english().places
    preps = tuple(words.perpetrator_place_prepositions if perpetrator else words.setting_prepositions)
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    seen = prep_objects(heads, preps)
    for t in [*seen, *prep_objects(seen, (*preps, "of"))]:  # "in the town of Aungban"
        for cand in (t, *(c for c in t.children if c.dep_ in ("appos", "conj", "npadvmod"))):
            m = index.covering(cand)
            codes = _state_codes([m]) if m is not None else set()
            if m is not None and len(codes) == 1:
                return codes.pop(), f"{PLACE_OF_ACT}, {cand.text}", m
            place = places.mention_for(cand, unclaimed=m is None)
            if place is not None and (codes := _state_codes([place])):
                return codes.pop(), f"{PLACE_OF_ACT}, {place.text}", place
    return None


def sentence_country(tok: Token, index: MentionIndex, places: PlaceFinder, others: set[str]) -> tuple[str, str] | None:
    """The one state the sentence names, as an actor or a place, if only one and it
    is not the other side's."""
    sent = tok.sent
    codes: set[str] = set()
    for m in index.near(sent.start, sent.end):
        if sent.start <= m.head_token < sent.end:
            codes |= _state_codes([m])
    for ent in _entities_in(sent):
        if index.covering(ent.root) is None and (place := places.mention_for(ent.root)) is not None:
            codes |= _state_codes([place])
    return (codes.pop(), "the one country its sentence names") if len(codes) == 1 and not codes & others else None


def _state_codes(mentions: Sequence[Mention]) -> set[str]:
    return {c for c in codes_of(mentions) if c not in NON_STATE_CODES and len(c) == 3}


def with_country(m: Mention, code: str, why: str, sector: str | None = None) -> Mention:
    if not any(needs_country(e, sector) for e in m.entities):
        return m
    ents = tuple(
        replace(e, code=code, resolution=(e.resolution or "") + f"; country {code}: {why}") if needs_country(e, sector) else e
        for e in m.entities
    )
    return replace(m, entities=ents)


def _entities_in(sent: Span) -> Iterator[Span]:
    """The named entities of one sentence (``Span.ents`` reads the whole Doc's)."""
    return (entity_of(tok) for tok in sent if tok.ent_iob_ == "B")
