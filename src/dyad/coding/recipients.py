"""Recipients the object slot does not hold: inside a complement, or implied.

* ``recipient_in_complement``: "agreed to lend $1 billion to Indonesia", "is
  willing to withdraw its troops from South Vietnam": the party the complement
  verb acts on or towards is the recipient of the main event.
* ``recipient_in_clause``: the last resort before the setting: the nearest known
  party anywhere in the trigger's clause, below it in the parse ("agreed to allow
  the deployment of South African troops", "demanded that Dbeibeh step down",
  "imposed tariffs on exports from 35 countries, including the EU"), never in the
  subject's phrase, an agent's or a source's ("according to").
* ``unnamed_recipient``: when no slot names a party at all, the common noun in the
  pattern's first recipient slot ("freed a former presidential candidate", "pressured
  lecturers", "condemned the attacks") is an unnamed party: the unknown recipient
  with its words, no code (the knowledge base cannot say whose it is).
* ``called_party``: "called Lavrov to discuss Syria": the party called, not what the
  call's purpose names.
* ``own_state_recipient``: a domestic act on no named party, "the opposition
  rejected the budget", "he denied the charges", "militants attacked a train":
  the thing acted on stands for the actor's own state (the annotation guide's
  reading of the manual). When the thing is the trigger's own event noun ("began
  an investigation into the fund", "lifted its ban on TikTok"), the words are
  what that noun is about. Said only of non-state actors; a government rejecting
  "the allegations" answers someone else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from dyad.coding.arguments import NOTHING, Found, MentionIndex, is_infinitive, mentions_for, prep_objects
from dyad.coding.mentions import PlaceFinder, codes_of, is_known
from dyad.coding.party_country import clause_country, sentence_country
from dyad.coding.triggers import TriggerMatch
from dyad.lang import english
from dyad.records import Entity, Mention

# Sectors of the state itself: its acts on "the allegations" answer someone else.
STATE_SECTORS = frozenset(("GOV", "MIL", "SPY"))
# Codes that are no state.
NON_STATES = frozenset(("IGO", "NGO", "MNC", "WST"))


def recipient_in_complement(tok: Token, index: MentionIndex, actor: tuple[Mention, ...], places: PlaceFinder) -> Found:
    """A known party or a place the trigger's infinitive or clause complement acts on."""
    comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    comps += [c for a in tok.children if a.dep_ == "acomp" for c in a.children if c.dep_ == "xcomp"]
    if tok.dep_ == "acomp":  # "is willing to withdraw": the adjective's own complement
        comps += [c for c in tok.children if c.dep_ == "xcomp"]
    own = _keys(actor)
    preps = tuple(english().events.complement_prepositions)
    for comp in comps:
        # "lend $1 billion to Indonesia": the parser's dative "to" holds its object like a preposition
        datives = [p for c in comp.children if c.dep_ == "dative" for p in c.children if p.dep_ == "pobj"]
        found = [
            kept
            for t in [*(c for c in comp.children if c.dep_ in ("dobj", "dative")), *datives, *prep_objects([comp], preps)]
            if (kept := tuple(x for x in mentions_for(t, index, "").mentions if x not in actor and is_known(x) and not _own(x, actor, own)))
        ]
        # "offered to send troops to Uganda": people of no country are what is sent; a party with one comes first
        kept = next((k for k in found if codes_of(k)), found[0] if found else ())
        if kept:
            return Found(kept, f"in the complement '{comp.text}'")
        objects = [c for c in comp.children if c.dep_ == "dobj"]
        for t in [*datives, *prep_objects([comp, *objects], preps)]:
            for cand in (t, *(c for c in t.children if c.dep_ == "compound")):  # "the West Bank cities"
                place = places.mention_for(cand, unclaimed=index.covering(cand) is None)
                if place is not None and not codes_of([place]) <= codes_of(actor):
                    return Found((place,), f"in the complement '{comp.text}' (place)")
    return NOTHING


def called_party(tok: Token, index: MentionIndex, actor: tuple[Mention, ...]) -> Found:
    """"called Lavrov to discuss Syria", "phoned King Salman, discussing oil": the party
    called is the one the call's purpose is done with (the caller is the actor, by subject
    control), before any party the purpose's own words name ("Syria")."""
    purpose = tok.head if tok.dep_ == "dobj" else tok  # "called Erdogan to convey Pakistan's support"
    head = purpose.head
    if head is purpose or head.lemma_.lower() not in english().events.calling_verbs:
        return NOTHING
    if not (purpose.dep_ == "xcomp" or (purpose.dep_ == "advcl" and (is_infinitive(purpose) or purpose.tag_ == "VBG"))):
        return NOTHING
    for obj in (c for c in head.children if c.dep_ == "dobj" and c.i < purpose.i):
        kept = tuple(x for x in mentions_for(obj, index, "").mentions if x not in actor)
        if kept:
            return Found(kept, f"the party called ('{head.text}')")
    return NOTHING


# Dependents that name the doer, not whom the act is done to (the trigger's own subject:
# a complement's subject may be the recipient, "demanded that Dbeibeh step down").
_DOER_DEPS = frozenset(("nsubj", "csubj", "agent", "expl"))
_NOT_TARGET_DEPS = frozenset(("punct", "cc", "aux", "auxpass", "neg", "mark", "det"))
# Clauses that tell another act or a circumstance: "the embargo it has imposed on the
# island", "…, calling on the media", "before Britain is set to leave".
_OTHER_CLAUSES = frozenset(("relcl", "parataxis", "advcl", "conj", "pcomp"))
# How deep below the trigger a party may sit ("agreed > to allow > the deployment > of > troops").
CLAUSE_DEPTH = 5


def recipient_in_clause(
    tok: Token, m: TriggerMatch, index: MentionIndex, actor: tuple[Mention, ...], purposes: bool = True
) -> Found:
    """The known party nearest the trigger in its own subtree (breadth first, left to
    right): not the actor (nor only its countries), not the trigger's own words or
    object ("mobilized troops"), not inside a clause that tells another act.
    ``purposes``: a purpose clause may hold it ("donated ventilators to help Kenya")."""
    own = _keys(actor)
    objects = [m.object] if m.object is not None else []
    skip = {*m.words, *(o.i for o in objects), *(c.i for o in objects for c in o.children if c.dep_ == "conj")}
    level = [c for c in _below(tok, purposes) if c.dep_ not in _DOER_DEPS]
    for depth in range(CLAUSE_DEPTH):
        for t in level:
            found = index.covering(t)
            if t.i in skip or found is None or found in actor or not is_known(found) or _own(found, actor, own):
                continue
            return Found((found,), f"in the clause ('{t.text}', depth {depth + 1})")
        level = [c for t in level for c in _below(t, purposes)]
    return NOTHING


# Entity labels of a slot noun that is a time or an amount, not a party.
_NOT_PARTY_LABELS = frozenset(("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"))


def unnamed_recipient(slots: Iterable[Token], m: TriggerMatch, index: MentionIndex, places: PlaceFinder) -> Found:
    """The first common noun in a recipient slot that no mention covers: the unknown
    recipient with the words of its phrase up to the noun. Not the trigger's own words
    ("expelled +inspectors" names the act), a place, a time or an amount."""
    for t in slots:
        if t.i in m.words or t.pos_ != "NOUN" or index.covering(t) is not None or t.ent_type_ in _NOT_PARTY_LABELS:
            continue
        if places.mention_for(t, unclaimed=True) is not None:
            continue
        span = t.doc[t.left_edge.i : t.i + 1]
        entity = Entity.unknown("an unnamed party: the common noun in the recipient slot", span.text, span.start_char, span.end_char)
        return Found((Mention(span.start, span.end, t.i, (entity,), span.text),), "unknown: an unnamed party")
    return NOTHING


def _below(t: Token, purposes: bool = True) -> list[Token]:
    """The dependents of ``t`` a recipient may sit under."""
    sources = english().events.source_prepositions
    means = english().events.means_prepositions
    out: list[Token] = []
    for c in t.children:
        clause = [p for p in c.children if p.dep_ == "pcomp"] if c.dep_ == "prep" and c.lower_ in means else []
        if clause:  # "retaliated by announcing tariffs on U.S. exports": the means is the same act, no deeper
            out += clause
        elif c.dep_ not in _NOT_TARGET_DEPS and c.lower_ not in sources and not (
            c.dep_ in _OTHER_CLAUSES and c.pos_ in ("VERB", "AUX") and not _aims_at(c, purposes)
        ):
            out.append(c)
    return out


def _aims_at(clause: Token, purposes: bool) -> bool:
    """An adverbial clause that says whom the act is for or waits on, not another act:
    a purpose ("donated ventilators to help Kenya") or a condition ("will not lift the
    embargo until Cuba releases its prisoners")."""
    if clause.dep_ != "advcl":
        return False
    marks = english().events.condition_marks
    return (purposes and is_infinitive(clause)) or any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _own(m: Mention, actor: tuple[Mention, ...], own: set) -> bool:
    """The actor again ("its troops" after "Israel"): same entity, or only the actor's
    countries. Another named person of the actor's country is someone else: "the attorney
    general rejected Netanyahu's request" acts on Netanyahu."""
    if _keys([m]) <= own:
        return True
    if m.entities and all(e.kind == "person" and e.identifier_id for e in m.entities):
        return False
    mine = codes_of(actor)
    return bool(mine) and bool(codes_of([m])) and codes_of([m]) <= mine


def _keys(mentions: tuple[Mention, ...] | list[Mention]) -> set[tuple[str | None, str | None, str | None]]:
    """Who a mention names, so "its troops" after "Israel" is Israel again."""
    return {(e.code, e.sector, e.identifier_id or e.entity_name) for m in mentions for e in m.entities}


def own_state_recipient(tok: Token, m: TriggerMatch, index: MentionIndex, actor: tuple[Mention, ...]) -> Found:
    """The actor's own state, written as the thing acted on ("the charges"), for a
    non-state actor of one country whose act names no party."""
    ents = [e for a in actor for e in a.entities]
    codes = {c for c in codes_of(actor) if c not in NON_STATES}
    if not ents or len(codes) != 1 or any(e.sector is None or e.sector in STATE_SECTORS or e.sector == "UNK" for e in ents):
        return NOTHING
    thing = m.object if m.object is not None and m.object.i != tok.i else None
    if thing is not None and thing.i in m.words:
        # the trigger's own noun ("began an investigation into the fund") is no thing acted
        # on: what it is about is
        inner = prep_objects([thing, tok], tuple(english().events.about_prepositions), after=thing.i)
        thing = next((t for t in inner if index.covering(t) is None and t.pos_ in ("NOUN", "PROPN")), thing)
    if thing is None:
        thing = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if thing is None:
        thing = next(iter(prep_objects([tok], tuple(english().events.target_prepositions))), None)
    if thing is None or index.covering(thing) is not None or thing.pos_ not in ("NOUN", "PROPN"):
        return NOTHING
    if thing.ent_type_ in _NOT_PARTY_LABELS:  # "rejected … on Thursday": a time is nothing acted on
        return NOTHING
    (code,) = codes
    span = thing.doc[thing.left_edge.i : thing.i + 1]
    entity = Entity(
        entity_text=span.text,
        code=code,
        kind="country",
        start=span.start_char,
        end=span.end_char,
        resolution=f"'{span.text}' of no named party: the actor's own state, {code} (domestic act)",
    )
    return Found((Mention(span.start, span.end, thing.i, (entity,), span.text),), "the actor's own state")


def thing_recipient(
    tok: Token, m: TriggerMatch, index: MentionIndex, actor: tuple[Mention, ...], places: PlaceFinder
) -> Found:
    """The thing a material act hits when it names no party: "stormed the hotel", "a
    strike on a school bus". An unknown party with the thing's words, and the country
    of the place of the act or the one its sentence names (not the actor's own)."""
    heads = [tok, *([m.object] if m.object is not None and m.object.i != tok.i else [])]
    patients = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    patients += prep_objects(heads, tuple(english().events.hit_prepositions))
    things = english().events.not_people
    for t in patients:
        if t.i in m.words or t.pos_ != "NOUN" or index.covering(t) is not None or t.ent_type_ in _NOT_PARTY_LABELS:
            continue
        if t.lower_ in things or t.lemma_.lower() in things or places.mention_for(t, unclaimed=True) is not None:
            continue
        span = t.doc[t.left_edge.i : t.i + 1]
        entity = Entity.unknown("the thing acted on, of no named party", span.text, span.start_char, span.end_char)
        # a state's forces hit things abroad; an armed group hits things at home
        states = {e.code for a in actor for e in a.entities if e.code and (e.sector is None or e.sector in STATE_SECTORS)}
        found = clause_country(tok, index, places) or sentence_country(tok, index, places, states)
        if found is not None:
            code, why = found
            entity = replace(entity, code=code, resolution=f"{entity.resolution}; country {code}: {why}")
        return Found((Mention(span.start, span.end, t.i, (entity,), span.text),), "the thing acted on")
    return NOTHING
