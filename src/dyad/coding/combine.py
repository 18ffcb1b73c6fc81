"""Rules between candidates of one sentence, applied after each trigger is coded.

* A participle that adds a consequence ("attacked a post, killing 12 soldiers")
  belongs to the main event: one ASSAULT, not two; so does a conjoined verb of
  the same type ("shot and killed", "ambushed a bus and killed 18"), and an
  infinitive of purpose of the same type and actor ("met Assad to discuss the
  war" is one meeting).
* A threat, demand or promise takes its recipient from the event it speaks of
  ("threatened to attack Ukraine" → Ukraine).
* A promise of harm is a threat ("vowed to retaliate", "ready to strike").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from dyad.coding.arguments import is_infinitive
from dyad.coding.ontology import Ontology, load_ontology
from dyad.lang import english
from dyad.records import UNKNOWN_KIND, Candidate, Mention

COMPLEMENT_DEPS = ("xcomp", "ccomp")


def combine_candidates(doc: Doc, cands: list[Candidate], ontology: Ontology | None = None) -> list[Candidate]:
    """Apply the cross-candidate rules, in text order. What a threat threatens and
    which types borrow a recipient is the ontology's (coding/data/plover.yaml)."""
    onto = ontology or load_ontology()
    cands = fold_consequences(doc, cands)
    cands = fold_conjuncts(doc, cands)
    cands = drop_weapon_nouns(doc, cands)
    cands = [promise_of_harm(doc, c, cands, onto) for c in cands]
    return [borrow_recipient(doc, c, cands, onto) for c in cands]


def complements_of(doc: Doc, cand: Candidate, cands: list[Candidate]) -> list[Candidate]:
    """Candidates whose trigger is a complement of ``cand``'s trigger ("threatened to *attack*")."""
    head = doc[cand.trigger_head]
    return [c for c in cands if c is not cand and governs(head, doc[c.trigger_head])]


def governs(head: Token, tok: Token) -> bool:
    if tok.head.i == head.i and tok.dep_ in COMPLEMENT_DEPS:
        return True
    # "ready to attack": the adjective's own complement; "said it was ready" climbs no further
    return tok.dep_ == "xcomp" and tok.head.dep_ == "xcomp" and tok.head.head.i == head.i


def fold_consequences(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Drop an event told by a participle of a same-type event, or by its infinitive of
    purpose with the same (or no) actor, handing over its recipient."""
    by_head = {c.trigger_head: c for c in cands if c.blocked is None}
    folded: dict[int, Candidate] = {}
    dropped: set[int] = set()
    for c in cands:
        tok = doc[c.trigger_head]
        purpose = is_purpose(tok)
        if c.blocked is not None or not (purpose or (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj", "xcomp"))):
            continue
        main = folded.get(tok.head.i) or by_head.get(tok.head.i)
        if main is None or main.event != c.event:
            continue
        if purpose and c.actor and main.actor and spans(c.actor) != spans(main.actor):
            continue  # "urged Europe to press Myanmar": Europe's own request
        recipient = main.recipient or c.recipient
        folded[main.trigger_head] = replace(
            main,
            recipient=recipient,
            actor=main.actor or c.actor,
            trigger_tokens=main.trigger_tokens,
            rule=main.rule + f"; {'purpose' if purpose else 'consequence'}: {tok.text}",
        )
        dropped.add(id(c))
    if not dropped:
        return cands
    return [folded.get(c.trigger_head, c) if c.blocked is None else c for c in cands if id(c) not in dropped]


def is_purpose(tok: Token) -> bool:
    """An infinitive of purpose or a controlled infinitive: "met Assad *to discuss* the war"."""
    return tok.tag_ == "VB" and tok.dep_ in ("advcl", "xcomp") and is_infinitive(tok)


def fold_conjuncts(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Drop a verb conjoined to a verb of the same event type and mode, the same (or no
    named) actor and no other recipient, handing over its recipient: "shot and killed", "were killed, and five others
    were injured" tell one event, and the gold has one record per event per sentence."""
    by_head = {c.trigger_head: c for c in cands if c.blocked is None}
    folded: dict[int, Candidate] = {}
    dropped: set[int] = set()
    for c in cands:
        tok = doc[c.trigger_head]
        if c.blocked is not None or tok.dep_ != "conj" or not tok.tag_.startswith("VB"):
            continue
        main = folded.get(tok.head.i) or by_head.get(tok.head.i)
        if main is None or main.event != c.event or (c.actor and main.actor and spans(c.actor) != spans(main.actor)):
            continue
        if c.mode and main.mode and c.mode != main.mode:
            continue  # "arrested Zamora and froze the newspaper's assets": two coercions
        if c.recipient and main.recipient and spans(c.recipient) != spans(main.recipient) and (named(c.recipient) or named(main.recipient)):
            continue  # "held talks with Lavrov and met Putin": two meetings; "killed 25 people and injured 60 others": one attack
        folded[main.trigger_head] = replace(
            main, recipient=main.recipient or c.recipient, actor=main.actor or c.actor, rule=main.rule + f"; and {tok.text}"
        )
        dropped.add(id(c))
    if not dropped:
        return cands
    return [folded.get(c.trigger_head, c) if c.blocked is None else c for c in cands if id(c) not in dropped]


def named(mentions: tuple[Mention, ...]) -> bool:
    """Whether a side names a party (a person, state, organisation or group), not only people
    counted or described ("25 people", "60 others", "civilians")."""
    return any(e.kind not in (None, "sector", UNKNOWN_KIND) for m in mentions for e in m.entities)


def spans(mentions: tuple[Mention, ...]) -> set[tuple[int, int]]:
    """The words of mentions (each candidate resolves its own copy of a mention)."""
    return {(m.start_token, m.end_token) for m in mentions}


def drop_weapon_nouns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"Israeli air strikes killed 30": the strikes are the killing's subject, not a second event."""
    verbs = [c for c in cands if c.blocked is None and doc[c.trigger_head].tag_.startswith("VB")]

    def restates(noun: Candidate) -> bool:
        tok = doc[noun.trigger_head]
        for v in verbs:
            vt = doc[v.trigger_head]
            if v.event != noun.event:
                continue
            if tok.head.i == vt.i and tok.dep_ in ("nsubj", "nsubjpass"):
                return True
            if vt.head.i == tok.i and vt.dep_ == "acl":  # "strikes killed" parsed as a participle
                return True
            if tok.dep_ == "pobj" and tok.head.head.i == vt.i:  # "killed in Israeli shelling"
                return True
        return False

    return [c for c in cands if doc[c.trigger_head].tag_.startswith("VB") or not restates(c)]


def promise_of_harm(doc: Doc, cand: Candidate, cands: list[Candidate], onto: Ontology) -> Candidate:
    """"Iran vowed to retaliate", "said it was ready to strike": AGREE to harm is THREATEN."""
    if cand.blocked is not None or cand.event != "AGREE" or doc[cand.trigger_head].lemma_.lower() in english().events.not_threats:
        return cand
    for inner in complements_of(doc, cand, cands):
        threat = onto.kind(inner.event).threat
        if threat is not None:
            return replace(cand, event=threat.event, mode=threat.mode, cameo=threat.cameo, rule=cand.rule + f"; promise of {inner.event} → THREATEN")
    return cand


def borrow_recipient(doc: Doc, cand: Candidate, cands: list[Candidate], onto: Ontology) -> Candidate:
    """A threat, demand or promise with no recipient of its own: the recipient of what it speaks of."""
    if cand.blocked is not None or cand.recipient or not onto.kind(cand.event).borrows_recipient:
        return cand
    for inner in complements_of(doc, cand, cands):
        kept = tuple(m for m in inner.recipient if m not in cand.actor)
        if kept:
            return replace(cand, recipient=kept, rule=cand.rule + f"; recipient: from '{doc[inner.trigger_head].text}'")
    return cand
