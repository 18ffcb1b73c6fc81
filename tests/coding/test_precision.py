"""False events on wire copy (issue 13, docs/errors.md): event nouns that only refer
back, forecasts worded as warnings, one event told by two conjoined verbs, the
content of a demand, and hopes. Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest
from sides import codes_and_sectors_of as side

from dyad.actors.resolve import ActorResolver
from dyad.coding import EventCoder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(nlp):
    coder, resolver = EventCoder(), ActorResolver()

    def run(text: str) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        mentions = resolver.resolve(doc, dt.date(2025, 3, 14))
        return [(c.event, side(c.actor), side(c.recipient)) for c in coder.code_doc(doc, mentions) if c.blocked is None]

    return run


def events(coded: list[tuple[str, str, str]]) -> list[str]:
    return [e for e, _, _ in coded]


@pytest.mark.parametrize(
    "text",
    [
        "Reporters Without Borders condemned the journalist's arrest.",
        "His lawyer said the arrest could be unconstitutional.",
        "Analysts said Suga's visit was aimed at boosting trade.",
        "The minister spoke of his talks with the lender.",
    ],
)
def test_an_event_noun_that_refers_back_is_no_event(code, text):
    assert not {"COERCE", "CONSULT"} & set(events(code(text)))


@pytest.mark.parametrize(
    "text, event",
    [
        ("Talks between Iran and Oman were held in Muscat.", "CONSULT"),
        ("Israeli airstrikes hit a market in Gaza.", "ASSAULT"),
        ("Russia used its veto at the Security Council.", "REJECT"),
        ("Sergei Lavrov's meeting with the Iranian envoy on Tuesday was cordial.", "CONSULT"),
    ],
)
def test_an_event_noun_the_sentence_asserts_is_an_event(code, text, event):
    assert event in events(code(text))


def test_a_warning_of_what_may_be_is_a_forecast(code):
    assert "THREATEN" not in events(code("The UN envoy warned that the situation in Sudan could get worse."))
    assert "THREATEN" not in events(code("Officials warn that the fire is too big to put out."))


def test_a_warning_of_what_one_will_do_is_a_threat(code):
    assert "THREATEN" in events(code("Turkey warned that it would close the Incirlik base."))
    assert "THREATEN" in events(code("Cavusoglu warned that U.S. bases are at risk if Turkey is sanctioned."))


def test_two_conjoined_verbs_of_one_attack_are_one_event(code):
    assert events(code("Gunmen shot and killed five villagers in Zamfara.")) == ["ASSAULT"]


def test_two_conjoined_meetings_stay_two(code):
    assert events(code("Wang Yi held talks with Sergei Lavrov and met Vladimir Putin.")) == ["CONSULT", "CONSULT"]


def test_a_conjoined_demand_is_not_done(code):
    coded = events(code("The EU called on China to limit or cease its support for Russia."))
    assert "REQUEST" in coded and "SANCTION" not in coded


def test_a_hope_is_no_promise(code):
    assert "AGREE" not in events(code("Britain is seeking to finalize a deal with Mauritius."))
    assert "AGREE" not in events(code("Japan wants to strengthen ties with India."))


def test_a_thing_released_or_an_animal_killed_is_no_event(code):
    assert "RETREAT" not in events(code("The OECD report was released in Paris this month."))
    assert "ASSAULT" not in events(code("Millions of dogs are killed in Indonesia for their meat."))
    assert "RETREAT" in events(code("Myanmar's junta released 23 journalists on Friday."))


def test_travel_of_tourists_is_no_visit(code):
    assert "CONSULT" not in events(code("More than two million Chinese tourists visited Vietnam last year."))
    assert "CONSULT" in events(code("Chinese Foreign Minister Wang Yi visited Vietnam last year."))


def test_leaving_a_body_is_a_sanction(code):
    assert "SANCTION" in events(code("Mali and Niger withdrew from ECOWAS in January."))
    assert "RETREAT" in events(code("Russia withdrew its troops from Kherson."))
