"""The user's example article: what a careful analyst codes, and nothing that did not happen."""

from __future__ import annotations

import pytest

from dyad.coding import EventCoder
from dyad.records import Candidate

pytestmark = pytest.mark.model


def split_seed(text: str) -> list[str]:
    """` date YYYY-MM-DD caption` then the body: the caption is coded like a paragraph."""
    first, body = text.split("\n", 1)
    caption = first.strip().split(" ", 2)[2]
    return [caption, *(p for p in body.split("\n") if p.strip())]


@pytest.fixture(scope="module")
def coded(nlp, to_mentions, seed_path) -> list[tuple[str, Candidate, list[str]]]:
    coder = EventCoder()
    out = []
    for para in split_seed(seed_path.read_text(encoding="utf-8")):
        doc = nlp(para)
        for c in coder.code_doc(doc, to_mentions(doc)):
            out.append((para, c, [doc[i].lower_ for i in c.trigger_tokens]))
    return out


def codes(ms) -> set[str]:
    return {e.code for m in ms for e in m.entities}


def find(coded, event, actor, recipient=None, word=None, blocked=False):
    return [
        c
        for _p, c, words in coded
        if c.event == event
        and (c.blocked is not None) == blocked
        and actor in codes(c.actor)
        and (recipient is None or recipient in codes(c.recipient))
        and (word is None or word in words)
    ]


def test_caption_welcome_is_consult_rus_chn(coded):
    assert find(coded, "CONSULT", "RUS", "CHN", "welcomes")


def test_wang_talks_and_meeting_putin(coded):
    assert find(coded, "CONSULT", "CHN", "RUS", "talks")
    met = find(coded, "CONSULT", "CHN", "RUS", "met")
    assert met and any(m.text.endswith("Putin") for m in met[0].recipient)


def test_meeting_with_patrushev(coded):
    hits = find(coded, "CONSULT", "CHN", "RUS", "meeting")
    assert any("Patrushev" in m.text for c in hits for m in c.recipient)


def test_treaty_suspension_and_announcement(coded):
    assert find(coded, "SANCTION", "RUS", "USA", "suspended")
    announced = find(coded, "SANCTION", "RUS", None, "suspend")
    assert any(c.reported_by and "future" in c.context for c in announced)


def test_kyrylenko_accuses_and_russian_assault(coded):
    assert find(coded, "ACCUSE", "UKR", "RUS", "accused")
    assert find(coded, "ASSAULT", "RUS", None, "pummelled")
    breakthrough = find(coded, "ASSAULT", "RUS", "UKR", "break")
    assert breakthrough and codes(breakthrough[0].reported_by) == {"UKR"}


def test_duma_endorsement_is_support(coded):
    assert find(coded, "SUPPORT", "RUS", "RUS", "endorsed")


def test_blinken_warning_is_threaten_china(coded):
    assert find(coded, "THREATEN", "USA", "CHN", "warn")


def test_no_aid_from_could_provide_arms(coded):
    assert not find(coded, "AID", "CHN")
    assert find(coded, "AID", "CHN", "RUS", blocked=True)[0].blocked == "modality: could"


def test_no_accusation_by_china_from_refused_to_criticise(coded):
    assert not find(coded, "ACCUSE", "CHN")
    assert find(coded, "ACCUSE", "CHN", None, "criticise", blocked=True)[0].blocked.startswith("refusal")


def test_state_of_relations_gives_no_event(coded):
    assert not [c for p, c, _ in coded if p.startswith("Relations between Russia and the West")]


def test_every_coded_event_has_an_actor_and_a_rule(coded):
    for _p, c, _w in coded:
        if c.blocked is None:
            assert c.actor and c.rule and 0 < c.confidence <= 1

