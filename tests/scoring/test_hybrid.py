"""Hybrid decisions on hand-built Docs: no spaCy model, no trained model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding.extract import EventCoder
from dyad.records import Candidate, Entity, Mention
from dyad.scoring.hybrid import decide, type_pattern
from dyad.scoring.model import Calibration, ScorerModel
from dyad.scoring.records import NO_EVENT, SentenceScores
from dyad.stages import extensions  # noqa: F401 - declares doc._.scores

VOCAB = spacy.blank("en").vocab
LABELS = ("ASSAULT", "CONSULT", "PROTEST", "REJECT", "REQUEST", NO_EVENT)


def doc_of(rows: list[tuple[str, str, int, str, str]]) -> Doc:
    """(word, lemma, head, dep, tag) rows; one sentence."""
    words, lemmas, heads, deps, tags = (list(x) for x in zip(*rows, strict=True))
    pos = ["VERB" if t.startswith("VB") else "PROPN" if t == "NNP" else "PART" if t == "RB" else "PUNCT" if t == "." else "NOUN" for t in tags]
    return Doc(VOCAB, words=words, lemmas=lemmas, heads=heads, deps=deps, tags=tags, pos=pos)


# "Kenya hosted Uganda ." (no lexicon trigger needed: the candidates are given)
HOSTED = [("Kenya", "Kenya", 1, "nsubj", "NNP"), ("hosted", "host", 1, "ROOT", "VBD"), ("Uganda", "Uganda", 1, "dobj", "NNP"), (".", ".", 1, "punct", ".")]
# "Kenya did not host Uganda ."
NOT_HOSTED = [("Kenya", "Kenya", 3, "nsubj", "NNP"), ("did", "do", 3, "aux", "VBD"), ("not", "not", 3, "neg", "RB"),
              ("host", "host", 3, "ROOT", "VB"), ("Uganda", "Uganda", 3, "dobj", "NNP"), (".", ".", 3, "punct", ".")]




def reported(modal: list[tuple[str, str, str]]) -> list[tuple[str, str, int, str, str]]:
    """ "Kenya said it <modal words> host Uganda ." with the modal words (word, dep, tag) before "host"."""
    host = 3 + len(modal)
    return [("Kenya", "Kenya", 1, "nsubj", "NNP"), ("said", "say", 1, "ROOT", "VBD"), ("it", "it", host, "nsubj", "PRP"),
            *((w, w, host, dep, tag) for w, dep, tag in modal),
            ("host", "host", 1, "ccomp", "VB"), ("Uganda", "Uganda", host, "dobj", "NNP"), (".", ".", 1, "punct", ".")]


def mention(doc: Doc, i: int, code: str) -> Mention:
    t = doc[i]
    return Mention(i, i + 1, i, (Entity(t.text, t.text, code, "GOV", "country", t.idx, t.idx + len(t)),), t.text)


def scores(doc: Doc, probs: dict[str, float]) -> tuple[SentenceScores, ...]:
    return (SentenceScores(0, len(doc), LABELS, tuple(probs.get(label, 0.0) for label in LABELS)),)


def rule(head: int, event: str, blocked: str | None = None, actor: tuple[Mention, ...] = ()) -> Candidate:
    return Candidate(head, (head,), event, None, "040", actor, (), f"verb 'x' (test); {event}", 0.8, blocked=blocked)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def model(**kw: float) -> ScorerModel:
    return ScorerModel(estimator=None, labels=LABELS, default_threshold=0.5, override=0.9, override_rule_max=0.05, calibration=Calibration(), **kw)


def test_a_rule_event_keeps_its_type_unless_the_scorer_strongly_disagrees(coder: EventCoder) -> None:
    doc = doc_of(HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.3, "ASSAULT": 0.6, NO_EVENT: 0.1})
    (kept,) = decide(doc, [rule(1, "CONSULT", actor=(ms[0],))], model(veto=0.1), coder, ms)
    assert (kept.event, kept.blocked) == ("CONSULT", None)
    assert kept.confidence == 0.3  # the identity calibration: the scorer's probability of the rule's type

    doc._.scores = scores(doc, {"CONSULT": 0.01, "ASSAULT": 0.95, NO_EVENT: 0.04})
    (changed,) = decide(doc, [rule(1, "CONSULT", actor=(ms[0],))], model(), coder, ms)
    assert changed.event == "ASSAULT"
    assert changed.rule.startswith("scorer:ASSAULT over CONSULT")
    assert changed.cameo == coder.ontology.default_cameo("ASSAULT")
    # the mode the lexicon's ASSAULT patterns give most (the modes stage reads the instrument later)
    assert changed.mode == type_pattern(coder.lexicon, "ASSAULT", "190").mode


def test_where_no_pattern_fires_the_scorer_codes_the_predicate_with_parse_arguments(coder: EventCoder) -> None:
    doc = doc_of(HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.8, NO_EVENT: 0.2})
    (made,) = decide(doc, [], model(), coder, ms)
    assert made.rule.startswith("scorer:CONSULT")
    assert made.trigger_head == 1 and made.blocked is None
    assert [m.entities[0].code for m in made.actor] == ["KEN"]
    assert [m.entities[0].code for m in made.recipient] == ["UGA"]


def test_below_its_threshold_or_under_no_event_the_scorer_codes_nothing(coder: EventCoder) -> None:
    doc = doc_of(HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.6, NO_EVENT: 0.4})
    assert decide(doc, [], model(thresholds={"CONSULT": 0.7}), coder, ms) == []
    assert len(decide(doc, [], model(thresholds={"CONSULT": 0.5}), coder, ms)) == 1
    doc._.scores = scores(doc, {"CONSULT": 0.45, NO_EVENT: 0.55})
    assert decide(doc, [], model(thresholds={"CONSULT": 0.3}), coder, ms) == []


def test_no_actor_no_scorer_event_unless_the_type_allows_it(coder: EventCoder) -> None:
    doc = doc_of([("They", "they", 1, "nsubj", "PRP"), *HOSTED[1:]])  # an unresolved pronoun names no one
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, []) == []
    doc._.scores = scores(doc, {"ASSAULT": 0.9, NO_EVENT: 0.1})  # "… were killed": the attacker may be unknown
    assert [c.event for c in decide(doc, [], model(), coder, [])] == ["ASSAULT"]


def test_a_named_subject_the_knowledge_base_lacks_is_the_unknown_actor(coder: EventCoder) -> None:
    doc = doc_of(HOSTED)  # no mention of "Kenya": as for the rules, the unknown actor with its words
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    (made,) = decide(doc, [], model(), coder, [])
    (actor,) = made.actor
    assert actor.text == "Kenya" and actor.entities[0].sector == "UNK"
    assert "actor: unknown, not in the knowledge base" in made.rule


def test_a_stated_intention_is_coded_with_the_future_mode(coder: EventCoder) -> None:
    # "Kenya said it would host Uganda": the manual codes cooperation said of the future as AGREE
    doc = doc_of(reported([("would", "aux", "MD")]))
    ms = [mention(doc, 0, "KEN"), mention(doc, 5, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    (made,) = decide(doc, [], model(), coder, ms)
    intended = coder.kind("CONSULT").intention
    assert intended is not None
    assert (made.event, made.cameo, made.context) == (intended.event, intended.cameo, ("future",))
    assert [m.entities[0].code for m in made.actor] == ["KEN"]  # "it": the speaker
    assert "stated intention (modality: would)" in made.rule
    # a speaker the knowledge base lacks: the unknown actor with the speaker's words
    (made,) = decide(doc, [], model(), coder, [ms[1]])
    assert [(m.text, m.entities[0].sector) for m in made.actor] == [("Kenya", "UNK")]


def test_hypothetical_clauses_still_give_no_scorer_event(coder: EventCoder) -> None:
    for modal in ([("could", "aux", "MD")], [("would", "aux", "MD"), ("not", "neg", "RB")]):
        doc = doc_of(reported(modal))
        ms = [mention(doc, 0, "KEN"), mention(doc, len(doc) - 2, "UGA")]
        doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
        assert decide(doc, [], model(), coder, ms) == []
    # unreported, "would" is hypothetical: "Kenya would host Uganda"
    doc = doc_of([HOSTED[0], ("would", "would", 2, "aux", "MD"), ("host", "host", 2, "ROOT", "VB"), ("Uganda", "Uganda", 2, "dobj", "NNP")])
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, [mention(doc, 0, "KEN"), mention(doc, 3, "UGA")]) == []


def test_a_refusal_allows_only_reject_and_a_demand_only_request(coder: EventCoder) -> None:
    # "Kenya said it will not host Uganda": a refusal (REJECT), never the refused act
    doc = doc_of(reported([("will", "aux", "MD"), ("not", "neg", "RB")]))
    ms = [mention(doc, 0, "KEN"), mention(doc, 6, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, ms) == []
    doc._.scores = scores(doc, {"REJECT": 0.9, NO_EVENT: 0.1})
    (made,) = decide(doc, [], model(), coder, ms)
    assert made.event == "REJECT" and [m.entities[0].code for m in made.actor] == ["KEN"]
    # unreported, "Kenya will not host Uganda" is a plain negation: nothing
    doc = doc_of([HOSTED[0], ("will", "will", 3, "aux", "MD"), ("not", "not", 3, "neg", "RB"), ("host", "host", 3, "ROOT", "VB"),
                  ("Uganda", "Uganda", 3, "dobj", "NNP")])
    doc._.scores = scores(doc, {"REJECT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, [mention(doc, 0, "KEN"), mention(doc, 4, "UGA")]) == []
    # "Kenya failed to host Uganda": a failure to act is a REJECT (the manual, the annotation guide), never the failed act
    doc = doc_of([HOSTED[0], ("failed", "fail", 1, "ROOT", "VBD"), ("to", "to", 3, "aux", "TO"), ("host", "host", 1, "xcomp", "VB"),
                  ("Uganda", "Uganda", 3, "dobj", "NNP")])
    ms = [mention(doc, 0, "KEN"), mention(doc, 4, "UGA")]
    failed = rule(3, "CONSULT", blocked="failure: failed", actor=(ms[0],))
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [failed], model(), coder, ms) == [failed]
    doc._.scores = scores(doc, {"REJECT": 0.9, NO_EVENT: 0.1})
    made, kept = decide(doc, [failed], model(), coder, ms)  # sorted by trigger: the REJECT sits on "failed"
    assert kept == failed and made.event == "REJECT" and [m.entities[0].code for m in made.actor] == ["KEN"]
    # "Kenya said Uganda must host …": Kenya asks it of Uganda
    doc = doc_of([HOSTED[0], ("said", "say", 1, "ROOT", "VBD"), ("Uganda", "Uganda", 4, "nsubj", "NNP"), ("must", "must", 4, "aux", "MD"),
                  ("host", "host", 1, "ccomp", "VB"), ("talks", "talk", 4, "dobj", "NNS")])
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, ms) == []
    doc._.scores = scores(doc, {"REQUEST": 0.9, NO_EVENT: 0.1})
    (made,) = decide(doc, [], model(), coder, ms)
    assert (made.event, made.actor[0].entities[0].code, made.recipient[0].entities[0].code) == ("REQUEST", "KEN", "UGA")


def test_a_negated_clause_gives_no_scorer_event(coder: EventCoder) -> None:
    doc = doc_of(NOT_HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 4, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    assert decide(doc, [], model(), coder, ms) == []


def test_a_pattern_blocked_for_negation_stops_the_scorer_too(coder: EventCoder) -> None:
    doc = doc_of(NOT_HOSTED)
    doc._.scores = scores(doc, {"CONSULT": 0.9, NO_EVENT: 0.1})
    blocked = rule(3, "CONSULT", blocked="negation: not")
    assert decide(doc, [blocked], model(), coder, []) == [blocked]


def test_scores_records_rank_labels() -> None:
    s = SentenceScores(0, 3, LABELS, (0.2, 0.1, 0.1, 0.0, 0.0, 0.6))
    assert s.top(2) == [(NO_EVENT, 0.6), ("ASSAULT", 0.2)]
    assert s.top(1, events_only=True) == [("ASSAULT", 0.2)]
    assert s.no_event == 0.6 and s.p("AID") == 0.0
    assert s.covers(2) and not s.covers(3)


def test_no_override_beside_another_pattern_of_the_sentence(coder: EventCoder) -> None:
    # "China refused to criticise Russia but Putin met Wang Yi": the sentence's REJECT is the refusal's
    doc = doc_of(HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.01, "ASSAULT": 0.95, NO_EVENT: 0.04})
    met = rule(2, "CONSULT", actor=(ms[0],))  # not on the predicate (token 1)
    out = decide(doc, [met, rule(0, "PROTEST", blocked="refusal: refused")], model(), coder, ms)
    assert [(c.event, c.blocked) for c in out] == [("PROTEST", "refusal: refused"), ("CONSULT", None)]
    # on the predicate, the same pattern is overridden
    out = decide(doc, [rule(1, "CONSULT", actor=(ms[0],)), rule(0, "PROTEST", blocked="refusal: refused")], model(), coder, ms)
    assert [c.event for c in out if c.blocked is None] == ["ASSAULT"]


def test_a_rule_event_the_scorer_finds_unlikely_where_it_sees_no_event_is_vetoed(coder: EventCoder) -> None:
    doc = doc_of(HOSTED)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.05, "ASSAULT": 0.1, NO_EVENT: 0.85})
    (vetoed,) = decide(doc, [rule(1, "CONSULT", actor=(ms[0],))], model(veto=0.1), coder, ms)
    assert vetoed.blocked is not None and vetoed.blocked.startswith("scorer veto")
    # where the scorer sees another event, a second type it finds unlikely stays
    doc._.scores = scores(doc, {"CONSULT": 0.05, "ASSAULT": 0.8, NO_EVENT: 0.15})
    (kept,) = decide(doc, [rule(1, "CONSULT", actor=(ms[0],))], model(veto=0.1), coder, ms)
    assert kept.blocked is None and kept.event == "CONSULT"


def test_a_scorer_event_takes_the_cameo_code_of_its_predicates_own_wording(coder: EventCoder) -> None:
    # "Kenya urged Uganda .": REQUEST, an appeal (CAMEO 020) by the lexicon's "urge", not the type's default (100)
    doc = doc_of([HOSTED[0], ("urged", "urge", 1, "ROOT", "VBD"), *HOSTED[2:]])
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"REQUEST": 0.8, NO_EVENT: 0.2})
    (made,) = decide(doc, [], model(), coder, ms)
    assert (made.event, made.cameo) == ("REQUEST", "020")
    assert coder.ontology.default_cameo("REQUEST") == "100"
    doc._.scores = scores(doc, {"CONSULT": 0.8, NO_EVENT: 0.2})  # no CONSULT pattern on "urge": the default
    (made,) = decide(doc, [], model(), coder, ms)
    assert made.cameo == coder.ontology.default_cameo("CONSULT")

