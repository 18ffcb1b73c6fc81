"""What did not happen is not coded; what did is, with the right actor and recipient."""

from __future__ import annotations

import pytest

from dyad.coding import EventCoder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(nlp, to_mentions):
    coder = EventCoder()

    def run(text: str):
        doc = nlp(text)
        return [
            (c.event, codes(c.actor), codes(c.recipient), c.blocked, codes(c.reported_by), c.context)
            for c in coder.code_doc(doc, to_mentions(doc))
        ]

    return run


def codes(ms) -> str:
    """Country codes; the unknown actor (sector UNK, no country) is "UNK"."""
    return ",".join(sorted({e.code or ("UNK" if e.sector == "UNK" else "") for m in ms for e in m.entities}))


def coded(results, event=None):
    return [r for r in results if r[3] is None and (event is None or r[0] == event)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Russian forces did not attack Kyiv on Monday.", "negation: did not"),
        ("Israel never attacked Iran.", "negation: never"),
        ("Russia denied sending troops to Ukraine.", "denial: denied"),
        ("China has refused to criticise Russia.", "refusal: refused"),
    ],
)
def test_negated_events_are_blocked(code, text, reason):
    results = code(text)
    assert not coded(results), results
    assert any(r[3] == reason for r in results), results


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("China could provide weapons to Russia.", "could"),
        ("Russia may impose sanctions on France.", "may"),
        ("Israel might attack Iran.", "might"),
        ("An attack on Ukraine would be a disaster, Macron said.", None),
    ],
)
def test_modal_events_are_blocked(code, text, word):
    results = code(text)
    assert not coded(results), results
    if word:
        assert any(r[3] == f"modality: {word}" for r in results), results


def test_conditionals_and_questions_are_blocked(code):
    assert not coded(code("If Russia attacks Ukraine, Germany will send weapons."))
    assert not coded(code("Will China send weapons to Russia?"))


def test_intent_is_not_the_event(code):
    assert not coded(code("Russia plans to attack Ukraine."), "ASSAULT")


def test_modality_gives_the_manuals_own_types(code):
    """The manual's modality as types: a failure is a REJECT (the act itself stays uncoded),
    a conditional harm its own side states is a THREATEN, what one must do said by
    another is that one's REQUEST."""
    failed = code("Iran failed to release the prisoners.")
    assert [(r[0], r[1]) for r in coded(failed)] == [("REJECT", "IRN")]
    assert any(r[0] == "RETREAT" and r[3] == "failure: failed" for r in failed)
    threat = code("Russia will attack Ukraine if NATO expands further, the Kremlin said.")
    assert [(r[0], r[1], r[2]) for r in coded(threat)] == [("THREATEN", "RUS", "UKR")]
    demand = code("Germany said Russia must withdraw its troops.")
    assert [(r[0], r[1], r[2]) for r in coded(demand)] == [("REQUEST", "DEU", "RUS")]
    assert not coded(code("Analysts said Russia could attack Kyiv if talks fail."))
    assert not coded(code("Russia said it must defend its borders."))


def test_threats_and_demands_are_their_own_type(code):
    threat = code("Russia threatened to attack Ukraine.")
    assert coded(threat) and all(r[0] == "THREATEN" for r in coded(threat))
    demand = code("China urged Russia to hold talks with Ukraine.")
    assert [(r[0], r[1], r[2]) for r in coded(demand)] == [("REQUEST", "CHN", "RUS")]


def test_passive_with_by(code):
    assert coded(code("Ukraine was attacked by Russia on Friday.")) == [("ASSAULT", "RUS", "UKR", None, "", ())]


def test_passive_without_agent_has_the_unknown_actor(code):
    # Issue 14: an event is never dropped for want of a named actor; a state is not its own critic.
    assert coded(code("Ukraine was criticised on Friday.")) == [("ACCUSE", "UNK", "UKR", None, "", ())]
    assert coded(code("Ukraine was attacked on Friday.")) == [("ASSAULT", "UNK", "UKR", None, "", ())]


def test_an_incident_or_a_thing_is_no_actor(code):
    assert code("Five passengers were killed in a plane crash.")[0][3] == "no actor: an incident"
    assert not coded(code("The new tariffs pressured Mexico."))


def test_conjoined_predicates_share_the_subject(code):
    results = coded(code("Putin met Macron and held talks with Wang Yi."))
    assert [(r[0], r[1], r[2]) for r in results] == [("CONSULT", "RUS", "FRA"), ("CONSULT", "RUS", "CHN")]


def test_conjoined_bare_verb_shares_negation(code):
    assert not coded(code("Russia did not attack Ukraine or bomb Kyiv."), "ASSAULT")


def test_reported_speech_codes_the_reported_event(code):
    results = code("France said Russia attacked Ukraine.")
    assert coded(results) == [("ASSAULT", "RUS", "UKR", None, "FRA", ())]


def test_future_cooperation_is_an_intention(code):
    results = coded(code("Macron will visit China next week."))
    assert [(r[0], r[1], r[2], r[5]) for r in results] == [("AGREE", "FRA", "CHN", ("future",))]


def test_refusal_to_meet_is_a_rejection(code):
    results = coded(code("Russia refused to meet Ukraine."))
    assert [(r[0], r[1], r[2]) for r in results] == [("REJECT", "RUS", "UKR")]


def test_light_verb_and_nominal_events(code):
    assert coded(code("Israel launched an attack on Iran.")) == [("ASSAULT", "ISR", "IRN", None, "", ())]
    assert [(r[0], r[1]) for r in coded(code("The visit by Macron ended on Friday."))] == [("CONSULT", "FRA")]


def test_statement_of_affairs_gives_no_event(code):
    assert not code("Relations between Japan and China are at their lowest point in decades.")


@pytest.fixture(scope="module")
def modes(nlp, to_mentions):
    coder = EventCoder()

    def run(text: str):
        doc = nlp(text)
        return [(c.event, c.mode) for c in coder.code_doc(doc, to_mentions(doc)) if c.blocked is None]

    return run


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Germany called for his immediate release.", ("REQUEST", "yield")),  # a word of asks.yaml
        ("China urged Russia to hold talks with Ukraine.", ("REQUEST", "meet")),  # a trigger in the content
        ("Pakistan called for an investigation.", ("REQUEST", "change")),
        ("Japan's prime minister resigned on Monday.", ("RETREAT", "resign")),  # the manual's resignations
    ],
)
def test_the_manuals_modes_come_from_what_is_asked_and_done(modes, text, coded):
    assert coded in modes(text), modes(text)
