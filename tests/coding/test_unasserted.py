"""Clauses that assert no event of their own (coding/unasserted.py; docs/errors.md, sixth
round): a purpose infinitive, background over a period or a tally, a participle that
describes its noun, "meet" with no party met, a negative determiner on a participant,
and "declined" as a number's fall. Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding.unasserted import counted, describes, meets_no_party, purpose, tally

VOCAB = spacy.blank("en").vocab


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str] | None = None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas or [w.lower() for w in words])


def test_a_purpose_infinitive_is_no_event_but_a_control_verbs_complement_is() -> None:
    # "Gondor held talks to discuss trade": "discuss" is what the talks were for
    doc = parsed(["Gondor", "held", "talks", "to", "discuss", "trade"], [1, 1, 1, 4, 1, 4],
                 ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj"], ["NNP", "VBD", "NNS", "TO", "VB", "NN"],
                 ["Gondor", "hold", "talk", "to", "discuss", "trade"])
    assert purpose(doc[4], "CONSULT", frozenset(), {"talks"}) == "purpose: to discuss"
    # "Gondor vowed Monday to retaliate" parsed as adverbial: the vow's own complement
    doc = parsed(["Gondor", "vowed", "Monday", "to", "retaliate"], [1, 1, 1, 4, 1],
                 ["nsubj", "ROOT", "npadvmod", "aux", "advcl"], ["NNP", "VBD", "NNP", "TO", "VB"],
                 ["Gondor", "vow", "Monday", "to", "retaliate"])
    assert purpose(doc[4], "ASSAULT", frozenset({"vow"}), set()) is None
    # "thousands gathered to protest": the gathering is the protest
    doc = parsed(["Thousands", "gathered", "to", "protest"], [1, 1, 3, 1], ["nsubj", "ROOT", "aux", "advcl"],
                 ["NNS", "VBD", "TO", "VB"], ["thousand", "gather", "to", "protest"])
    assert purpose(doc[3], "PROTEST", frozenset(), set()) is None
    assert purpose(doc[3], "CONSULT", frozenset(), set()) == "purpose: to protest"


def test_a_period_since_a_year_or_in_the_last_months_is_background() -> None:
    since = parsed(["Since", "2009", "hundreds", "were", "killed"], [4, 0, 4, 4, 4],
                   ["prep", "pobj", "nsubjpass", "auxpass", "ROOT"], ["IN", "CD", "NNS", "VBD", "VBN"],
                   ["since", "2009", "hundred", "be", "kill"])
    assert tally(since[4]) == "background: since 2009"
    monday = parsed(["Since", "Monday", "police", "arrested", "fifty"], [3, 0, 3, 3, 3],
                    ["prep", "pobj", "nsubj", "ROOT", "dobj"], ["IN", "NNP", "NNS", "VBD", "CD"])
    assert tally(monday[3]) is None  # a report of days, not background
    months = parsed(["In", "the", "last", "15", "months", "troops", "killed", "hundreds"], [6, 4, 4, 4, 0, 6, 6, 6],
                    ["prep", "det", "amod", "nummod", "pobj", "nsubj", "ROOT", "dobj"],
                    ["IN", "DT", "JJ", "CD", "NNS", "NNS", "VBD", "NNS"],
                    ["in", "the", "last", "15", "month", "troop", "kill", "hundred"])
    assert tally(months[6]) == "background: In the last 15 months"
    # a period alone, with no count, is no tally: "Gondor has accused Rohan since 2013"
    accused = parsed(["Since", "2013", "Gondor", "has", "accused", "Rohan"], [4, 0, 4, 4, 4, 4],
                     ["prep", "pobj", "nsubj", "aux", "ROOT", "dobj"], ["IN", "CD", "NNP", "VBZ", "VBN", "NNP"],
                     ["since", "2013", "Gondor", "have", "accuse", "Rohan"])
    assert tally(accused[4]) is None


def test_a_tally_of_attacks_is_background_and_a_few_attacks_are_events() -> None:
    doc = parsed(["rebels", "launched", "504", "attacks"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"],
                 ["NNS", "VBD", "CD", "NNS"], ["rebel", "launch", "504", "attack"])
    assert counted(doc[3]) and tally(doc[1]) == "background: 504 attacks"
    two = parsed(["rebels", "launched", "2", "attacks"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"],
                 ["NNS", "VBD", "CD", "NNS"], ["rebel", "launch", "2", "attack"])
    assert tally(two[1]) is None


def test_a_participle_after_a_noun_describes_it() -> None:
    doc = parsed(["tariffs", "targeting", "Gondor"], [0, 0, 1], ["ROOT", "acl", "dobj"], ["NNS", "VBG", "NNP"])
    assert describes(doc[1]) == "description: tariffs targeting"
    doc = parsed(["rebels", "are", "targeting", "Gondor"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"], ["NNS", "VBP", "VBG", "NNP"])
    assert describes(doc[2]) is None


def test_meeting_success_or_being_met_with_no_agent_is_no_meeting() -> None:
    doc = parsed(["offensive", "met", "with", "success"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                 ["NN", "VBD", "IN", "NN"], ["offensive", "meet", "with", "success"])
    assert meets_no_party(doc[1]) == "not a meeting: met success"
    doc = parsed(["plea", "was", "met", "with", "brutality"], [2, 2, 2, 2, 3], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
                 ["NN", "VBD", "VBN", "IN", "NN"], ["plea", "be", "meet", "with", "brutality"])
    assert meets_no_party(doc[2]) == "not a meeting: met (passive)"
    doc = parsed(["Gondor", "met", "with", "Rohan"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                 ["NNP", "VBD", "IN", "NNP"], ["Gondor", "meet", "with", "Rohan"])
    assert meets_no_party(doc[1]) is None


@pytest.fixture(scope="module")
def code(nlp):
    from dyad.actors.resolve import ActorResolver
    from dyad.coding import EventCoder

    coder, resolver = EventCoder(), ActorResolver()

    def run(text: str) -> list[str]:
        doc = nlp(text)
        return [c.event for c in coder.code_doc(doc, resolver.resolve(doc, dt.date(2025, 3, 14))) if c.blocked is None]

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The United States called a meeting of the Security Council to discuss Iran's missile program.", "CONSULT"),
        ("Japan held a naval exercise with India to demonstrate its strength.", "PROTEST"),
        ("The agency doubts the government's ability to meet these targets.", "CONSULT"),
        ("Since 2009, hundreds of people have been killed in bombings in Mogadishu.", "ASSAULT"),
        ("In the last 15 months, 1,250 militants have been killed in Pakistan, the army said.", "ASSAULT"),
        ("The rebels launched 504 attacks in 2024, compared with 116 in 2023.", "ASSAULT"),
        ("The minister said Washington's tariffs targeting Canada are aimed at cutting drug deaths.", "ASSAULT"),
        ("France was accused of aiding rebels fighting the president.", "ASSAULT"),
        ("The offensive launched by Puntland forces has met with surprising success.", "CONSULT"),
        ("The army spokesperson said no passengers were killed during the operation.", "ASSAULT"),
        ("The number of refugees in the camp declined to 230,000 after an agreement supporting refugees returning to Somalia.", "REJECT"),
        ("The commerce secretary rebuffed fears that the tariffs would cause a recession.", "REJECT"),
        ("U.S. officials warned in July of a possible Islamic State resurgence in the region.", "THREATEN"),
        ("An emergency was declared at the government hospital in Quetta to receive the injured.", "COERCE"),
        ("Officials said 40 detainees were flown to Louisiana on Tuesday.", "CONSULT"),
        ("Canada retaliated with its own tariffs on U.S. steel.", "ASSAULT"),
    ],
)
def test_no_event_is_coded_from_a_clause_that_asserts_none(code, text: str, absent: str) -> None:
    assert absent not in code(text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Thousands gathered in Belgrade on Sunday to protest the government's decision.", "PROTEST"),
        ("Russia urged Ukraine to withdraw its troops from the region.", "REQUEST"),
        ("Since Monday, police have arrested 50 protesters in the capital.", "COERCE"),
        ("The army launched two attacks on the town on Monday.", "ASSAULT"),
        ("Putin met with Xi in Beijing on Tuesday.", "CONSULT"),
        ("Since 2013, Erdogan has accused Gulen of plotting a coup.", "ACCUSE"),
        ("Taliban militants have stepped up attacks on Afghan security forces in recent months.", "ASSAULT"),
        ("The activist began a hunger strike to protest his detention.", "PROTEST"),
        ("The government gave approval for the United Nations to deliver aid to the camp.", "AID"),
        ("Germany welcomed Britain's decision to expel 23 Russian diplomats.", "SUPPORT"),
        ("The minister traveled to Moscow on Monday to meet Putin.", "CONSULT"),
        ("Canada retaliated with its own tariffs on U.S. steel.", "SANCTION"),
        ("Russia rejected the accusations on Monday.", "REJECT"),
        ("Iran warned that it would strike U.S. bases if attacked.", "THREATEN"),
        ("Peru's government declared an emergency in three provinces on Monday.", "COERCE"),
    ],
)
def test_events_beside_those_clauses_are_still_coded(code, text: str, event: str) -> None:
    assert event in code(text)


@pytest.mark.model
def test_killed_and_injured_unnamed_people_is_one_attack(code) -> None:
    # the guide's one record per event per sentence (coding/combine.fold_conjuncts)
    assert code("The bombing in Mogadishu killed 25 people and injured 60 others.") == ["ASSAULT"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Since 2009, hundreds of people have been killed in suicide bombings in Mogadishu.",
        "An emergency was declared at the government hospital in Quetta to receive the injured.",
    ],
)
def test_the_scorer_codes_nothing_in_its_stead(pipeline, text: str) -> None:
    # the rule is blocked and the clause says "not real" (scoring/hybrid.clause_kind): no scorer event either
    from dyad.records import Article

    assert pipeline.code(Article(id="own", date=dt.date(2025, 3, 12), text=text)) == []
