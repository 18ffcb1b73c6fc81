"""Rule candidates and scorer probabilities combined into coded events.

Per sentence (``doc._.scores``):

* a rule event whose type the scorer finds very unlikely (below the model's
  ``veto``) in a sentence it thinks holds no event at all is vetoed, and the
  sentence is decided as if no pattern fired (with dyad's own lexicon only:
  the scorer never saw what a user's patterns code);
* a rule event keeps its type unless the scorer strongly disagrees: the
  scorer gives the rule's type at most ``model.override_rule_max`` and its own
  top type at least ``model.override``, and the pattern is the sentence's only
  one or sits on its predicate (else the top type may be another clause's);
  then the event takes the scorer's type (``rule`` says "scorer:TYPE over OLD");
* where no pattern coded an event, the scorer's top type is coded when its
  probability reaches the type's threshold and beats "no event", with the
  trigger at the clause's predicate and the actor and recipient the coder
  finds there (``rule`` = "scorer:TYPE"); a subject the knowledge base lacks
  is the unknown actor, as for the rules, and no actor at all gives none
  unless the type allows it; its CAMEO code is the one the lexicon gives the
  predicate's own word for that type, if any ("urged": an appeal, 020);
* what did not happen stays uncoded, but what was said of it may be an event
  (``said_kind``, the manual's auxiliary modes): where the predicate or a
  pattern of the sentence is negated, hypothetical or conditional, nothing is
  coded; a refusal ("said it will not accept", "refused to", "failed to") allows only
  REJECT, a demand ("must withdraw") only REQUEST, and a stated intention
  ("said it would recognise", "plans to sanction") the scorer's type with the
  context ``future`` (cooperation said of the future is AGREE, as the manual
  and the rules code it);
* the event gate (``gate.py``, where the package ships one) blocks an event
  its path, score and sentence make likely false (comment, a state, an event re-told);
* every event's ``confidence`` becomes a probability that its type is right
  (the model's calibration, fitted on the dev split, per path), so a
  sentence's most confident event is its main event.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.records import Candidate
from dyad.scoring.records import SentenceScores

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dyad.coding.arguments import MentionIndex
    from dyad.coding.extract import EventCoder
    from dyad.coding.lexicon import Lexicon, Pattern
    from dyad.coding.negation import Blocking
    from dyad.records import Mention
    from dyad.scoring.gate import Gate
    from dyad.scoring.model import ScorerModel

# The decision paths, each with its own confidence calibration.
RULE = "rule"
OVERRIDE = "override"
SCORER = "scorer"

# What a blocked clause says (``said_kind``): the types the scorer may still code there.
REFUSAL = "refusal"  # "said it will not accept", "refused to": REJECT
DEMAND = "demand"  # "X said Y must withdraw": REQUEST
INTENTION = "intention"  # "said it would recognise", "plans to": the type, context future
NOT_REAL = "not real"  # negated, hypothetical, conditional, a question: nothing
SAID_TYPES = {REFUSAL: frozenset({"REJECT"}), DEMAND: frozenset({"REQUEST"}), NOT_REAL: frozenset()}
FUTURE = "future"


def allows(kinds: Sequence[str], event: str) -> bool:
    """Whether the scorer may code ``event`` in a sentence whose blocked clauses say ``kinds``."""
    return all(event in SAID_TYPES[k] for k in kinds if k != INTENTION)


@functools.cache
def intended_types() -> dict[str, str]:
    """Type → the type it is when said of the future (the ontology's ``intention``: AGREE)."""
    from dyad.coding.ontology import load_ontology

    return {name: t.intention.event for name, t in load_ontology().types.items() if t.intention is not None}


def said_kind(blocking: Blocking, lexicon: Lexicon, reported: bool, negated: bool = False) -> str | None:
    """What a clause the negation rules block says (None: it is not blocked).

    ``reported``: the clause is what a reporting verb reports, where "would" states an
    intention ("Syria said it would recognise"); elsewhere it is hypothetical.
    ``negated``: the clause also has a negation ("said it would not"): a refusal. Unreported,
    "X will not clash" is a plain negation."""
    from dyad.coding.extract import demands_by_modal, refuses_by_negation
    from dyad.lang import english

    reason = blocking.reason
    if reason is None or reason.startswith("awaited:"):
        # what a clause waits on ("will not end the strike until its demands are met") says
        # nothing of its own: the clause that waits says it (here a refusal)
        return None
    if reason.startswith(("refusal:", "failure:")) or (reported and refuses_by_negation(reason)):
        # "refused to", said of one's own future ("said it will not accept"), or a failure to act
        # ("failed to reach agreement": the manual's and the annotation guide's REJECT; PLV train labels
        # its 5 such sentences REJECT); the act itself stays uncoded
        return REFUSAL
    if demands_by_modal(reason):
        return DEMAND
    if reason.startswith("intent:") and blocking.negator is not None:
        predicting = blocking.negator.lemma_.lower() in english().modality.predicting_verbs
        return NOT_REAL if predicting else INTENTION
    if reported and reason.startswith("modality: ") and reason[len("modality: ") :].lower() in english().modality.stating_modals:
        return REFUSAL if negated else INTENTION
    return NOT_REAL


def decide(
    doc: Doc,
    candidates: Sequence[Candidate],
    model: ScorerModel,
    coder: EventCoder,
    mentions: Sequence[Mention],
    gate: Gate | None = None,
) -> list[Candidate]:
    """The candidates after the hybrid decisions (blocked ones are passed through), then
    ``gate``'s (the pipeline passes the shipped one, ``gate.packaged_gate``)."""
    from dyad.scoring.gate import position_of, sentence_positions

    scores: tuple[SentenceScores, ...] = doc._.scores or ()
    out: list[Candidate] = []
    placed: set[int] = set()
    starts = sentence_positions(doc._.article.text if doc._.article is not None else doc.text) if gate is not None else []
    # Candidates by trigger, so each sentence finds its own without a scan of the article's.
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].trigger_head)
    heads = [candidates[i].trigger_head for i in order]
    for s in scores:
        inside = [candidates[i] for i in sorted(order[bisect.bisect_left(heads, s.start) : bisect.bisect_left(heads, s.end)])]
        placed.update(id(c) for c in inside)
        paths: dict[int, tuple[str, float]] = {}
        decided = decide_sentence(doc, s, inside, model, coder, mentions, paths)
        if gate is not None:
            position = position_of(starts, doc[s.start].idx)
            decided = gate_sentence(doc, s, position, decided, paths, coder, mentions, gate)
        out.extend(decided)
    out.extend(c for c in candidates if id(c) not in placed)
    return sorted(out, key=lambda c: (c.trigger_head, c.blocked is not None, c.event))


def gate_sentence(
    doc: Doc,
    s: SentenceScores,
    position: int,
    decided: list[Candidate],
    paths: dict[int, tuple[str, float]],
    coder: EventCoder,
    mentions: Sequence[Mention],
    gate: Gate,
) -> list[Candidate]:
    """The event gate (``gate.py``) on the events this sentence's decisions coded: one it finds
    likely false (comment, a state, an event re-told) is blocked, with its inputs as the reason.
    As the veto, it leaves a user's lexicon's rule events alone (it learned dyad's)."""
    from dyad.coding.lexicon import default_lexicon
    from dyad.scoring.gate import gate_cues

    if not paths:
        return decided
    cues = gate_cues(doc[s.start : s.end], position, coder.lexicon, mentions)
    own_lexicon = coder.lexicon is default_lexicon()
    out = []
    for c in decided:
        path, score = paths.get(id(c), (None, 0.0))
        if c.blocked is None and path is not None and (own_lexicon or path != RULE):
            reason = gate.blocks(cues, path, score, s.no_event)
            if reason is not None:
                c = replace(c, blocked=reason)
        out.append(c)
    return out


def decide_sentence(
    doc: Doc,
    s: SentenceScores,
    inside: list[Candidate],
    model: ScorerModel,
    coder: EventCoder,
    mentions: Sequence[Mention],
    paths: dict[int, tuple[str, float]] | None = None,
) -> list[Candidate]:
    """The sentence's candidates after the hybrid decisions; ``paths`` receives, for each event
    coded here, id → (decision path, score) for the gate."""
    paths = {} if paths is None else paths
    coded = [c for c in inside if c.blocked is None]
    top = s.top(1, events_only=True)
    if not top:
        return inside
    best, p_best = top[0]
    if coded:
        from dyad.coding.lexicon import default_lexicon
        from dyad.scoring.features import predicate

        pred = predicate(doc[s.start : s.end], coder.lexicon)
        types = {c.event for c in coded}
        # the scorer learned what dyad's own patterns code; a user's lexicon (PETRARCH's dictionaries
        # through the importer) codes what it never saw, and it vetoes none of that
        own_lexicon = coder.lexicon is default_lexicon()
        out = []
        for c in inside:
            if c.blocked is not None:
                out.append(c)
                continue
            p_rule = s.p(c.event)
            # the sentence's top type is the predicate's: a pattern elsewhere beside others
            # ("refused to criticise X but Putin met Wang Yi") may be another clause's event
            alone = len(inside) == 1 or c.trigger_head == pred.i
            if alone and p_rule <= model.override_rule_max and p_best >= model.override and best not in types:
                pattern = type_pattern(coder.lexicon, best, coder.ontology.default_cameo(best))
                c = replace(
                    c,
                    event=best,
                    mode=pattern.mode,
                    cameo=pattern.cameo,
                    rule=f"scorer:{best} over {c.event}; {c.rule}",
                    confidence=round(model.calibration(OVERRIDE, p_best), 3),
                )
                paths[id(c)] = (OVERRIDE, p_best)
            # "Everybody knows somebody who has been arrested": the scorer sees no event at all here
            # (the model's veto level is tuned with the other decisions: scoring/train.py)
            elif p_rule < model.veto and s.no_event > p_best and own_lexicon:
                c = replace(c, blocked=f"scorer veto: P({c.event}) = {p_rule:.2f}")
            else:
                c = replace(c, confidence=round(model.calibration(RULE, p_rule), 3))
                paths[id(c)] = (RULE, p_rule)
            out.append(c)
        if any(c.blocked is None for c in out):
            return out
        inside = out  # every rule event vetoed: the scorer's own type may stand in
    if p_best < model.threshold(best) or p_best <= s.no_event or not allows(blocked_kinds(doc, doc[s.start : s.end], inside, coder.lexicon), best):
        return inside  # too unsure, or a pattern here was negated or hypothetical: no event
    made = scorer_candidate(doc, doc[s.start : s.end], best, p_best, model, coder, mentions)
    if made is None:
        return inside
    paths[id(made)] = (SCORER, p_best)
    return [*inside, made]


def blocked_kinds(doc: Doc, sent: Span, candidates: Sequence[Candidate], lexicon: Lexicon) -> tuple[str, ...]:
    """What the sentence's predicate and its blocked patterns say (``said_kind``), sorted;
    a pattern blocked only for want of an actor says nothing."""
    from dyad.scoring.features import predicate

    heads = [predicate(sent, lexicon), *(doc[c.trigger_head] for c in candidates if c.blocked is not None)]
    return tuple(sorted({k for k in (clause_kind(t, lexicon) for t in heads) if k is not None}))


def clause_kind(tok: Token, lexicon: Lexicon) -> str | None:
    from dyad.coding.negation import find_blocker
    from dyad.coding.unasserted import at_a_facility, tally
    from dyad.scoring.features import is_reported

    kind = said_kind(find_blocker(tok, lexicon), lexicon, is_reported(tok, lexicon), is_negated(tok))
    if kind is not None or tok.pos_ not in ("VERB", "AUX"):
        return kind
    # "since 2009 hundreds have been killed", "an emergency was declared at the hospital": no
    # political event, whichever type the scorer finds
    return NOT_REAL if tally(tok) or at_a_facility(tok) else None


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def scorer_candidate(
    doc: Doc, sent: Span, event: str, p: float, model: ScorerModel, coder: EventCoder, mentions: Sequence[Mention]
) -> Candidate | None:
    """An event of the scorer's type at the clause's predicate, arguments from the parse."""
    from dyad.coding.arguments import Found, MentionIndex
    from dyad.coding.generic import is_generic
    from dyad.coding.negation import find_blocker
    from dyad.coding.party_country import fill_party_countries
    from dyad.coding.triggers import TriggerMatch
    from dyad.coding.unknown import find_unknown_actor, unnamed_actor
    from dyad.records import UNKNOWN_SECTOR
    from dyad.scoring.features import is_reported, predicate

    pred = predicate(sent, coder.lexicon)
    blocking = find_blocker(pred, coder.lexicon)
    said = said_kind(blocking, coder.lexicon, is_reported(pred, coder.lexicon), is_negated(pred))
    if said is not None and not allows((said,), event):
        return None  # negated or hypothetical: what did not happen is not coded
    context = blocking.context
    rule = f"scorer:{event} (p={p:.2f})"
    index = MentionIndex(doc, mentions)
    pattern = type_pattern(coder.lexicon, event, coder.ontology.default_cameo(event))
    if (cameo := wording_cameo(coder.lexicon, pred, event)) is not None:
        pattern = replace(pattern, cameo=cameo)
    if said == INTENTION:  # "said it would recognise": an intention, coded with the manual's future mode
        context = tuple(sorted({*context, FUTURE}))
        rule += f"; stated intention ({blocking.reason})"
        intended = coder.kind(event).intention
        if intended is not None:  # cooperation said of the future is AGREE (the manual, as the rules)
            pattern = replace(pattern, event=intended.event, mode=intended.mode, cameo=intended.cameo)
            rule += f" → {intended.event}"
    # a clause's root the tagger took for a noun but that has a subject is its verb ("Germany and UNICEF hand/NN over")
    is_verb = pred.tag_.startswith("VB") or (pred.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in pred.children))
    actor = coder.find_actor(pred, pattern, index, is_verb)
    # the predicate's object holds the recipient's phrase as a pattern's object would ("ordered an investigation against X")
    obj = next((c for c in pred.children if c.dep_ == "dobj"), None)
    match = TriggerMatch(head=pred, patterns=(pattern,), words=(pred.i,), object=obj)
    recipient = coder.find_recipient(pred, pattern, match, index, is_verb, actor.mentions)
    actor, recipient = coder.complete_parties(pred, pattern, match, index, is_verb or pred.pos_ == "ADJ", actor, recipient)
    speaker = coder.find_reporter(pred, index).mentions  # who says it ("X said …"), found once
    by_speaker = said == DEMAND  # the speaker is the actor, not a reporter
    if said == DEMAND:  # "the EU said Russia must withdraw": the speaker asks it of the one who must act
        if not speaker:
            return None
        actor, recipient = Found(speaker, "the speaker"), Found(actor.mentions, "the one who must act")
        rule += f"; demand ({blocking.reason}) by the speaker"
    elif coder.kind(event).speakers_act and wording_cameo(coder.lexicon, pred, event) is None and is_reported(pred, coder.lexicon):
        # "the government said Taliban militants were responsible": the clause names no
        # accusation of its own; saying it is the speaker's accusation of its subject
        if speaker and not set(speaker) & set(actor.mentions):
            actor, recipient = Found(speaker, "the speaker"), Found(actor.mentions or recipient.mentions, "the subject of what was said")
            by_speaker = True
    elif (said in (INTENTION, REFUSAL) or any(c.tag_ == "MD" for c in pred.children)) and actor.mentions and is_reported(pred, coder.lexicon):
        # "Taliban leaders said the fighters will lay down their arms": a commitment (or a
        # refusal) stated for the speaker's own side is the speaker's act
        if speaker and speaks_for(speaker, actor.mentions):
            actor = Found(speaker, f"the speaker, for its own side ({', '.join(m.text for m in actor.mentions)})")
            by_speaker = True
    if not actor.mentions and is_reported(pred, coder.lexicon) and (pronoun := pronoun_speaker(pred, coder, index)):
        actor = Found(pronoun, "pronoun → the speaker")  # "Obama said he will not lift the embargo"
    if not actor.mentions:
        # "the ACLU filed a lawsuit": the unknown ACLU; "Kismayo airport refused": a generic actor, as for the rules
        unknown = find_unknown_actor(pred, is_verb, index=index, places=coder.places)
        if (named := unknown.named) is not None:
            how = unknown.how.removeprefix("actor: ") if is_generic(named) else "unknown, not in the knowledge base"
            actor = Found((named,), how)
    if not actor.mentions and not coder.kind(event).no_actor_allowed:
        return None  # as the rules: no actor, no event (but "seven civilians were killed")
    if not actor.mentions:
        # The agentless unknown actor with the country of the place of the act: the scorer's
        # event stands, its doer is unknown.
        actor = Found((unnamed_actor(pred),), "unknown, agentless")
        (placed,) = fill_party_countries(pred, (actor.mentions,), index, coder.places, sector=UNKNOWN_SECTOR)
        actor = Found(placed, actor.how)
    if actor.how:
        rule += f"; actor: {actor.how}"
    if recipient.how:
        rule += f"; recipient: {recipient.how}"
    # a scorer event's object is as often the thing given ("provided funding") as a party:
    # only a name there is the unknown recipient, not a common noun (one after "to" is)
    if not recipient.mentions and (unnamed := coder.unknown_recipient(pred, pattern, match, index, is_verb, objects=False)).mentions:
        recipient = unnamed
        rule += f"; recipient {unnamed.how}"
    return Candidate(
        trigger_head=pred.i,
        trigger_tokens=(pred.i,),
        event=pattern.event,
        mode=pattern.mode,
        cameo=pattern.cameo,
        actor=actor.mentions,
        recipient=tuple(r for r in recipient.mentions if r not in actor.mentions),
        rule=rule,
        confidence=round(model.calibration(SCORER, p), 3),
        context=context,
        reported_by=() if by_speaker else tuple(r for r in speaker if r not in actor.mentions),
    )


def speaks_for(speaker: Sequence[Mention], side: Sequence[Mention]) -> bool:
    """Whether the speaker names a state and ``side`` is only common nouns of its own state or
    of none ("Taliban leaders said the fighters will lay down their arms"). A named party keeps
    its act ("The U.S. will move a Patriot battery, the Pentagon said"), as does a person or a
    name of no known country ("officials said Mhlanga will appeal")."""
    from dyad.coding.mentions import codes_of

    said = codes_of(speaker)
    if not said or set(speaker) & set(side):
        return False
    # "the fighters" the resolver took for the Taliban is a definite description, not a name
    common = all(m.text.lower().startswith("the ") or all(e.kind == "sector" for e in m.entities) for m in side)
    return common and all(e.kind in ("sector", "group") and (e.code is None or e.code in said) for m in side for e in m.entities)


def pronoun_speaker(pred: Token, coder: EventCoder, index: MentionIndex) -> tuple[Mention, ...]:
    """The speaker, when the reported clause's subject is a third-person pronoun the
    parse could not resolve ("the rebels said they will release …"); a named speaker
    the knowledge base lacks is the unknown actor, as for the rules."""
    from dyad.coding.arguments import subject_of
    from dyad.coding.unknown import find_unknown_actor
    from dyad.lang import english
    from dyad.scoring.features import reporting_head

    subj, _how = subject_of(pred)
    pronouns = english().pronouns
    if subj is None or subj.lower_ not in pronouns.person | pronouns.thing | pronouns.group:
        return ()
    speaker = coder.find_reporter(pred, index).mentions
    head = reporting_head(pred, coder.lexicon)
    if not speaker and head is not None and head.pos_ == "VERB":
        unknown = find_unknown_actor(head, True, index=index, places=coder.places)
        speaker = (unknown.named,) if unknown.named is not None else ()
    return speaker


def wording_cameo(lexicon: Lexicon, pred: Token, event: str) -> str | None:
    """The CAMEO code the lexicon gives the predicate's own word for ``event``, when it has a
    pattern of that type there that did not fire ("urged …" is an appeal, 020; "demanded …" a
    demand, 100; both REQUEST): finer than the type's default code."""
    table = lexicon.verbs if pred.pos_ in ("VERB", "AUX") else lexicon.nouns
    return next((p.cameo for p in table.get(pred.lemma_.lower(), ()) if p.event == event), None)


_PATTERNS: dict[tuple[int, str], Pattern] = {}
# How many of a type's most common recipient slots a scorer event tries ("returned X to Peru").
SCORER_SLOTS = 6


def type_pattern(lexicon: Lexicon, event: str, cameo: str) -> Pattern:
    """A pattern for a type no trigger named: the recipient slots the lexicon's
    own patterns of that type use most (object, "with", "against" …), and their most common mode."""
    from dyad.coding.lexicon import Pattern

    key = (id(lexicon), event)
    if key in _PATTERNS:
        return _PATTERNS[key]

    counts: dict[str, int] = {}
    modes: dict[str | None, int] = {}
    for table in (lexicon.verbs, lexicon.nouns):
        for patterns in table.values():
            for p in patterns:
                if p.event == event:
                    modes[p.mode] = modes.get(p.mode, 0) + 1
                    for slot in p.recipient:
                        counts[slot] = counts.get(slot, 0) + 1
    slots = tuple(sorted(counts, key=lambda k: (-counts[k], k))[:SCORER_SLOTS])
    if "dobj" in counts and "dobj" not in slots:  # "freed X", "returned X": the object is a party the type takes
        slots += ("dobj",)
    mode = min(modes, key=lambda m: (-modes[m], m or ""), default=None)
    made = _PATTERNS[key] = Pattern(kind="verb", lemma="", event=event, mode=mode, cameo=cameo, recipient=slots, origin="scorer")
    return made
