"""Rule candidates and scorer probabilities combined into coded events.

Per sentence (``doc._.scores``):

* a rule event whose type the scorer finds very unlikely (calibrated below
  ``VETO``) in a sentence it thinks holds no event at all is vetoed, and the
  sentence is decided as if no pattern fired (with dyad's own lexicon only:
  the scorer never saw what a user's patterns code);
* a rule event keeps its type unless the scorer strongly disagrees: the
  scorer gives the rule's type at most ``model.override_rule_max`` and its own
  top type at least ``model.override``, and the pattern is the sentence's only
  one or sits on its predicate (else the top type may be another clause's);
  then the event takes the scorer's type (``rule`` says "scorer:TYPE over OLD");
* where no pattern coded an event and none was blocked (negation, modality,
  a condition: what did not happen stays uncoded), the scorer's top type is
  coded when its probability reaches the type's threshold and beats "no
  event", with the trigger at the clause's predicate and the actor and
  recipient the coder finds there (``rule`` = "scorer:TYPE"); a predicate the
  negation rules block gives none, and, as for the rules, no actor gives none
  unless the type allows it;
* every event's ``confidence`` becomes a probability that its type is right
  (the model's calibration, fitted on the dev split, per path), so a
  sentence's most confident event is its main event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.records import Candidate
from dyad.scoring.records import SentenceScores

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from dyad.coding.extract import EventCoder
    from dyad.coding.lexicon import Lexicon, Pattern
    from dyad.records import Mention
    from dyad.scoring.model import ScorerModel

# A rule event whose type the scorer gives so little that, calibrated, it is right less
# often than this, in a sentence whose likeliest label is "no event", is vetoed (blocked):
# measured on the VOA train split's dev part with a scorer that had not seen it (docs/errors.md).
VETO = 0.1
# The decision paths, each with its own confidence calibration.
RULE = "rule"
OVERRIDE = "override"
SCORER = "scorer"


def decide(
    doc: Doc,
    candidates: Sequence[Candidate],
    model: ScorerModel,
    coder: EventCoder,
    mentions: Sequence[Mention],
) -> list[Candidate]:
    """The candidates after the hybrid decisions (blocked ones are passed through)."""
    scores: tuple[SentenceScores, ...] = doc._.scores or ()
    out: list[Candidate] = []
    placed: set[int] = set()
    for s in scores:
        inside = [c for c in candidates if s.covers(c.trigger_head)]
        placed.update(id(c) for c in inside)
        out.extend(decide_sentence(doc, s, inside, model, coder, mentions))
    out.extend(c for c in candidates if id(c) not in placed)
    return sorted(out, key=lambda c: (c.trigger_head, c.blocked is not None, c.event))


def decide_sentence(
    doc: Doc, s: SentenceScores, inside: list[Candidate], model: ScorerModel, coder: EventCoder, mentions: Sequence[Mention]
) -> list[Candidate]:
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
            else:
                confidence = model.calibration(RULE, p_rule)
                # "Everybody knows somebody who has been arrested": the scorer sees no event at all here
                if confidence < VETO and s.no_event > p_best and own_lexicon:
                    c = replace(c, blocked=f"scorer veto: P({c.event}) = {p_rule:.2f}")
                else:
                    c = replace(c, confidence=round(confidence, 3))
            out.append(c)
        if any(c.blocked is None for c in out):
            return out
        inside = out  # every rule event vetoed: the scorer's own type may stand in
    if p_best < model.threshold(best) or p_best <= s.no_event or did_not_happen(doc, inside, coder.lexicon):
        return inside  # too unsure, or a pattern here was negated or hypothetical: no event
    made = scorer_candidate(doc, doc[s.start : s.end], best, p_best, model, coder, mentions)
    return [*inside, made] if made is not None else inside


def did_not_happen(doc: Doc, candidates: Sequence[Candidate], lexicon: Lexicon) -> bool:
    """A pattern in the sentence sits in a negated, modal or conditional clause
    (blocked for that, not merely for want of an actor)."""
    from dyad.coding.negation import find_blocker

    return any(c.blocked is not None and find_blocker(doc[c.trigger_head], lexicon).reason is not None for c in candidates)


def scorer_candidate(
    doc: Doc, sent: Span, event: str, p: float, model: ScorerModel, coder: EventCoder, mentions: Sequence[Mention]
) -> Candidate | None:
    """An event of the scorer's type at the clause's predicate, arguments from the parse."""
    from dyad.coding.arguments import MentionIndex
    from dyad.coding.negation import find_blocker
    from dyad.coding.triggers import TriggerMatch
    from dyad.scoring.features import predicate

    pred = predicate(sent, coder.lexicon)
    blocking = find_blocker(pred, coder.lexicon)
    if blocking.reason is not None:
        return None  # negated or hypothetical: what did not happen is not coded
    index = MentionIndex(doc, mentions)
    pattern = type_pattern(coder.lexicon, event, coder.ontology.default_cameo(event))
    is_verb = pred.tag_.startswith("VB")
    actor = coder.find_actor(pred, pattern, index, is_verb)
    match = TriggerMatch(head=pred, patterns=(pattern,), words=(pred.i,), object=None)
    recipient = coder.find_recipient(pred, pattern, match, index, is_verb, actor.mentions)
    if not actor.mentions and not coder.kind(event).no_actor_allowed:
        return None  # as the rules: no actor, no event (but "seven civilians were killed")
    rule = f"scorer:{event} (p={p:.2f})"
    if actor.how:
        rule += f"; actor: {actor.how}"
    if recipient.how:
        rule += f"; recipient: {recipient.how}"
    return Candidate(
        trigger_head=pred.i,
        trigger_tokens=(pred.i,),
        event=event,
        mode=pattern.mode,
        cameo=pattern.cameo,
        actor=actor.mentions,
        recipient=tuple(r for r in recipient.mentions if r not in actor.mentions),
        rule=rule,
        confidence=round(model.calibration(SCORER, p), 3),
        context=blocking.context,
        reported_by=tuple(r for r in coder.find_reporter(pred, index).mentions if r not in actor.mentions),
    )


_PATTERNS: dict[tuple[int, str], Pattern] = {}


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
    slots = tuple(sorted(counts, key=lambda k: (-counts[k], k))[:4])
    mode = min(modes, key=lambda m: (-modes[m], m or ""), default=None)
    made = _PATTERNS[key] = Pattern(kind="verb", lemma="", event=event, mode=mode, cameo=cameo, recipient=slots, origin="scorer")
    return made
