"""Triggers in a clause that asserts no event of its own (docs/annotation_guide.md, section 2).

Each test returns why (a block reason, read by ``EventCoder`` in coding/extract.py) or None.
They were found by listing the out-of-fold false events of the VOA gold's train split
(bench/voa_false_events.py, docs/errors.md, sixth round):

* a purpose infinitive: "called a meeting *to discuss*", "held the exercise *to demonstrate*
  strength", "is crucial for Islamabad *to negotiate*": what is aimed at, not done;
* background over a period, a count of events: "*since 2009* hundreds have been killed",
  "*in the last 15 months* 1,250 were killed", "launched *504 attacks* in 2024" (the guide's
  vague background, "has received 23 bailout packages since 1947");
* a present participle that describes its noun: "rebels *fighting* the president", "tariffs
  *targeting* Canada", "an airstrike *targeting* his location";
* "meet" with no party met: "*was met with* brutality", "*met with* surprising success",
  "to meet warming *limits*";
* of one type only (``BY_TYPE``): a dismissed comment ("*dismissed concerns* that …", REJECT),
  a forecast ("warned of a *possible* resurgence", THREATEN), a facility's emergency ("declared
  at the *hospital*", COERCE); of a visit, people carried somewhere ("*were flown* to Louisiana").

``retaliates_by_measures`` is no block but a retyping: "retaliated with tariffs" is a SANCTION.
"""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Token

from dyad.lang import english

# "launched 504 attacks": a count this large is a tally, not an event told.
TALLY = 10
YEAR = re.compile(r"^(1[89]|20)\d\d$")


def purpose(tok: Token, event: str, control_verbs: frozenset[str], event_nouns: Container[str]) -> str | None:
    """An infinitive that says what the clause it modifies is for."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.tag_ == "TO"), None)
    if tok.dep_ not in ("advcl", "acl") or tok.tag_ != "VB" or to is None:
        return None
    head = tok.head
    if tok.dep_ == "acl":
        # "a meeting to discuss": what the meeting is for; "its decision to expel", "a commitment to
        # support" name the act itself (the intention and hypothetical rules read those)
        return f"purpose: to {tok.text}" if head.lemma_.lower() in event_nouns else None
    # "called a meeting to discuss", "held talks to negotiate": what the meeting is for
    for_an_event = any(c.dep_ == "dobj" and c.lemma_.lower() in event_nouns for c in head.children)
    if not for_an_event and head.lemma_.lower() in control_verbs:
        # "agreed on Friday to release", "urged Russia to withdraw" parsed as adverbial: the governing
        # verb's own complement (the intention, refusal and request rules read it)
        return None
    marked = any(c.dep_ == "mark" for c in tok.children)
    if marked and any(c.dep_ == "dobj" for c in head.children):
        return None  # "gave approval for the UN to deliver aid": leave to do, not an aim
    before = tok.doc[to.i - 1] if to.i > 0 else None
    if not for_an_event and before is not None and before.tag_ in ("NNP", "NNPS") and not marked:
        # "leading Antony Blinken to warn": a named party does it (object control), not an aim
        return None
    if event == "PROTEST" and (tok.lemma_.lower() == "protest" or head.lemma_.lower() in english().events.gathering_verbs):
        return None  # "gathered to protest", "began a hunger strike to protest": the protest itself
    return f"purpose: to {tok.text}"


def tally(tok: Token) -> str | None:
    """Background over a period told by a count ("since 2009, hundreds were killed", "in the last
    15 months, 1,250 were killed"), or a count of events ("504 attacks")."""
    cues = english().modality
    participants = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    # a period alone is no tally: "has accused Gulen since 2013", "stepped up attacks in recent months"
    numbered = any(numbers(p) for p in participants)
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            words = [t.lower_ for t in obj.subtree]
            if counted(obj):
                return f"background: {prep.text} {' '.join(words)}"
            if not numbered:
                continue
            if prep.lower_ == "since" and (any(YEAR.match(w) for w in words) or any(w in cues.period_adjectives for w in words)):
                return f"background: since {' '.join(words)}"
            if prep.lower_ in cues.period_prepositions and obj.lower_ in cues.period_units and any(
                c.lower_ in cues.period_adjectives for c in obj.children if c.dep_ == "amod"
            ):
                return f"background: {prep.text} {' '.join(words)}"
    tallied = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if tallied is not None and counted(tallied):
        return f"background: {' '.join(t.text for t in tallied.subtree)}"
    return None


def numbers(noun: Token) -> bool:
    """A participant told by a number: "1,250 terrorists", "hundreds of people", "nearly 400 people"."""
    return noun.lemma_.lower() in english().counts.scales or any(c.dep_ == "nummod" and c.tag_ == "CD" for c in noun.children)


def counted(noun: Token) -> bool:
    """A plural event noun with a count of at least ``TALLY`` ("504 attacks", "over 500 attacks")."""
    if noun.lower_ not in english().events.attack_nouns or noun.tag_ != "NNS":
        return False
    for c in noun.children:
        if c.dep_ == "nummod" and c.tag_ == "CD":
            try:
                return float(c.text.replace(",", "")) >= TALLY
            except ValueError:
                return False
    return False


def describes(tok: Token) -> str | None:
    """A present participle after a noun describes it ("rebels fighting the president")."""
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        return f"description: {tok.head.text} {tok.text}"
    return None


def meets_no_party(tok: Token) -> str | None:
    """"Meet" in a sense that is no meeting: passive with no agent, or what is met is a thing."""
    if tok.lemma_.lower() != "meet":
        return None
    things = english().events.not_met
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if passive and not any(c.dep_ == "agent" for c in tok.children):
        return f"not a meeting: {tok.text} (passive)"
    met = [c for c in tok.children if c.dep_ == "dobj"]
    met += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    if any(m.lemma_.lower() in things or m.lower_ in things for m in met):
        return f"not a meeting: {tok.text} {met[0].text}"
    return None


def retaliates_by_measures(tok: Token) -> str | None:
    """"Retaliated with its own tariffs", "retaliated by announcing tariffs": a sanction, no assault
    (a rewrite of the type, in coding/extract.py)."""
    words = english().events
    measures = words.measure_nouns
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in words.measure_prepositions):
        if any(t.lower_ in measures for t in prep.subtree):
            return f"measures, not force: {tok.text} {prep.text} …"
    return None


def dismisses_a_comment(tok: Token) -> str | None:
    """"Dismissed concerns that …", "rebuffed fears": a comment on a worry, no party's proposal rejected."""
    comments = english().events.dismissed_comments
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return f"comment: {tok.text} {obj.text}" if obj is not None and obj.lower_ in comments else None


def forecasts_a_possibility(tok: Token) -> str | None:
    """"Warned of a possible resurgence": what may come, no threat of the speaker's."""
    cues = english().modality
    # "warned in July of a possible …": the phrase may hang on the date
    heads = [tok, *(o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj")]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in cues.forecast_prepositions):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if any(a.dep_ == "amod" and a.lower_ in cues.forecast_adjectives for a in obj.children):
                return f"forecast: {tok.text} {prep.text} {obj.text}"
    return None


def at_a_facility(tok: Token) -> str | None:
    """"An emergency was declared at the hospital": a facility's emergency, no state of emergency."""
    facilities = english().events.facility_nouns
    if not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "emergency" for c in tok.children):
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"):
        if any(o.dep_ == "pobj" and o.lower_ in facilities for o in prep.children):
            return f"a facility's emergency: {tok.text} {prep.text} …"
    return None


def carried(tok: Token) -> str | None:
    """"40 detainees were flown to Louisiana": people carried somewhere make no visit."""
    return f"carried, not a visit: {tok.text}" if any(c.dep_ == "auxpass" for c in tok.children) else None


# The tests of one type, beside the ones every type takes.
BY_TYPE = {
    "ASSAULT": (describes,),
    "CONSULT": (meets_no_party,),
    "REJECT": (dismisses_a_comment,),
    "THREATEN": (forecasts_a_possibility,),
    "COERCE": (at_a_facility,),
}


def unasserted(tok: Token, event: str, mode: str | None, control_verbs: frozenset[str], event_nouns: Container[str]) -> str | None:
    """Why a verb trigger of ``event`` asserts no event (None: it may). ``control_verbs`` take an
    infinitive as their complement; ``event_nouns`` are the lexicon's."""
    reason = purpose(tok, event, control_verbs, event_nouns) or tally(tok)
    for test in BY_TYPE.get(event, ()):
        reason = reason or test(tok)
    if reason is None and mode == "visit":
        reason = carried(tok)
    return reason
