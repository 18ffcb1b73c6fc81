"""Generic actors: a common noun that names the doer ("Kismayo airport refused …").

When no actor mention covers the subject (or by-agent) of an event clause, the
coder asks ``find_unknown_actor`` (coding/unknown.py) for one; a common noun is
a doer only when ``lang/en/agents.yaml`` lists it (an airport, an office,
investigators, hackers …): "the report", "the move" name no one. Such a noun
becomes a **generic actor**: one entity with the noun phrase's words and
offsets, kind ``sector``, the sector the file gives, and a country only where
the text supports one:

1. a party or a place named inside the phrase ("Kismayo airport in southern
   Somalia" → SOM, "a delegation of Hamas officials" → Hamas's code);
2. the place the act happens in (``party_country.fill_party_countries``);
3. the article's country, when its named parties point to one clearly (as the
   actor resolver gives it to bare sector words, ``actors/context.py``);
4. otherwise none.

A collective noun ("a group of asylum-seekers") takes the sector of what it
collects; with nothing it collects that the file knows ("a delegation of
APML", "the group") it is the unknown actor with the phrase's words (sector
``UNK``), the representation of any doer the knowledge base lacks.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from dyad.coding.arguments import MentionIndex
from dyad.coding.mentions import PlaceFinder, codes_of
from dyad.coding.party_country import NON_STATE_CODES, fill_party_countries, with_country
from dyad.lang import english
from dyad.records import UNKNOWN_SECTOR, Entity, Mention

# How a generic actor's entity says what it is (its ``resolution`` starts so).
GENERIC = "generic agent:"
# Dependents that end the generic actor's phrase: a clause or an apposition is not its name.
_CLAUSE_DEPS = frozenset(("relcl", "acl", "appos", "advcl", "punct", "cc", "conj"))


def agent_sector(noun: Token) -> str | None:
    """The sector of a common noun that names a doer; ``UNK`` for a collective noun
    whose members the file does not know; None for a thing, a name or a pronoun."""
    if noun.pos_ != "NOUN":
        return None
    words = english().agents
    if _is(noun, words.collective_nouns):
        members = of_object(noun)
        if members is not None and members.pos_ == "NOUN" and (sector := _sector(members)) is not None:
            return sector
        return _sector(noun) or UNKNOWN_SECTOR
    return _sector(noun)


def of_object(noun: Token) -> Token | None:
    """"a group of asylum-seekers" → seekers."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def generic_actor(
    noun: Token, trigger: Token, index: MentionIndex | None = None, places: PlaceFinder | None = None
) -> Mention | None:
    """The generic actor named by ``noun`` (None if it names no doer); with ``index`` and
    ``places``, its country from the phrase or the place of the act."""
    sector = agent_sector(noun)
    if sector is None:
        return None
    doc = noun.doc
    start, end = noun.left_edge.i, noun.i + 1
    if (members := of_object(noun)) is not None and members.head.i == end:
        end = members.right_edge.i + 1  # "A delegation of APML"
    span = doc[start:end]
    why = f"{GENERIC} '{noun.lower_}' → {sector} (agents.yaml)"
    if sector == UNKNOWN_SECTOR:
        entity = Entity.unknown(why, span.text, span.start_char, span.end_char)
        return Mention(span.start, span.end, noun.i, (entity,), span.text)
    entity = Entity(entity_text=span.text, sector=sector, kind="sector", start=span.start_char, end=span.end_char, resolution=why)
    mention = Mention(span.start, span.end, noun.i, (entity,), span.text)
    if index is None or places is None:
        return mention
    found = phrase_country(noun, index, places)
    if found is not None:
        return with_country(mention, *found)
    (placed,) = fill_party_countries(trigger, ((mention,),), index, places)
    if placed[0] is mention and (code := article_country(index)) is not None:
        return with_country(mention, code, "the article's country")
    return placed[0]


def is_generic(m: Mention) -> bool:
    return any((e.resolution or "").startswith(GENERIC) for e in m.entities)


def phrase_country(noun: Token, index: MentionIndex, places: PlaceFinder) -> tuple[str, str] | None:
    """The one state a party or place inside the noun's phrase names (not its clauses)."""
    for t in _phrase_tokens(noun):
        m = index.covering(t)
        if m is not None and all(e.kind == "sector" for e in m.entities):
            continue  # "the military-led nations": a sector word's country is the article's guess, not the phrase's
        place = places.mention_for(t, unclaimed=True) if m is None else None
        codes = {c for c in codes_of([x for x in (m, place) if x is not None]) if c not in NON_STATE_CODES and len(c) == 3}
        if len(codes) == 1:
            return codes.pop(), f"named in the phrase, {t.text}"
    return None


def article_country(index: MentionIndex) -> str | None:
    """The state the article's named parties point to clearly (at least two mentions and
    twice as many as any other), as the actor resolver reads it for sector words."""
    counts = Counter(
        e.code for m in index.mentions for e in m.entities
        if e.kind != "sector" and e.code and len(e.code) == 3 and e.code not in NON_STATE_CODES
    )
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, n = ranked[0]
    return top if n >= 2 and n >= 2 * (ranked[1][1] if len(ranked) > 1 else 0) else None


def _phrase_tokens(noun: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in noun.children if c.dep_ not in _CLAUSE_DEPS]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def _sector(noun: Token) -> str | None:
    sectors = english().agents.sectors
    return sectors.get(noun.lemma_.lower()) or sectors.get(noun.lower_)


def _is(noun: Token, words: frozenset[str]) -> bool:
    return noun.lemma_.lower() in words or noun.lower_ in words
