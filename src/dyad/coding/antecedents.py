"""Who made the thing an event reacts to: "Beijing denies the allegations" answers
whoever made the accusation the article told before.

A reaction's recipient is often a definite noun for a speech act ("the allegations",
"the charges", "the call", "the offer") whose author was named in an earlier
sentence. When the coder found no party for such an event, or only that noun as an
unnamed party, the author is the actor of the nearest earlier coded event of the
type that makes the thing (``lang/en/events.yaml`` ``authored_nouns``: an allegation
is made by an ACCUSE, a call by a REQUEST …), if that actor is not the reacting one.
A relative clause on such a noun reacts to it though it is not definite ("accusing it of
aiding militants, a charge New Delhi rejected": the charge just told).
The recipient keeps the noun's words and offsets and takes the author's code and
sector, as a definite description takes its antecedent's (actors/anaphora.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyad.coding.mentions import codes_of
from dyad.lang import english
from dyad.records import Candidate, Mention


def with_authors(doc: Doc, candidates: Sequence[Candidate]) -> list[Candidate]:
    """``candidates`` (in text order) with reactions to an authored noun given its author."""
    out: list[Candidate] = []
    for cand in candidates:
        noun = _reacted_noun(doc, cand)
        author = _author(cand, noun, out) if noun is not None else None
        if author is None or noun is None:
            out.append(cand)
            continue
        source, made = author
        span = doc[noun.left_edge.i : noun.i + 1]
        first = made.entities[0]
        entity = replace(
            first,
            entity_text=span.text,
            start=span.start_char,
            end=span.end_char,
            resolution=f"'{span.text}' made by {first.entity_name or first.entity_text} (the {source.event} told before)",
        )
        mention = Mention(span.start, span.end, noun.i, (entity,), span.text)
        out.append(replace(cand, recipient=(mention,), rule=f"{cand.rule}; recipient: author of '{span.text}'"))
    return out


def _reacted_noun(doc: Doc, cand: Candidate) -> Token | None:
    """The authored noun the event reacts to, when the coder named no party for it."""
    if cand.blocked is not None or any(not e.is_unknown for m in cand.recipient for e in m.entities):
        return None
    nouns = english().events.authored_nouns
    trigger = doc[cand.trigger_head]
    if not cand.recipient and trigger.dep_ == "relcl" and trigger.head.pos_ == "NOUN" and trigger.head.lemma_.lower() in nouns:
        if not any(c.dep_ == "dobj" for c in trigger.children):  # "…, a charge New Delhi quickly rejected"
            return trigger.head
    if cand.recipient:
        heads = [doc[m.head_token] for m in cand.recipient]
    else:  # a scorer event takes no unnamed party: its object is read here
        heads = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    back = english().pronouns.demonstrative | {"the"}  # a thing told before: "the allegations", "those claims"
    for t in heads:
        told = any(c.dep_ == "det" and c.lower_ in back for c in t.children)
        if t.pos_ == "NOUN" and told and t.lemma_.lower() in nouns:
            return t
    return None


def _author(cand: Candidate, noun: Token, before: Sequence[Candidate]) -> tuple[Candidate, Mention] | None:
    """The nearest earlier event of the type that makes ``noun``, and its first named actor."""
    made_by = english().events.authored_nouns[noun.lemma_.lower()]
    reacting = codes_of(cand.actor)
    for source in reversed(before):
        if source.event != made_by or source.blocked is not None or source.trigger_head >= cand.trigger_head:
            continue
        named = [m for m in source.actor if any(e.code for e in m.entities)]
        if named and not codes_of(named) <= reacting:
            return source, named[0]
    return None

