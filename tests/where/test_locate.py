from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.records import Entity, Mention
from dyad.where.gazetteer import MemoryGazetteer
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event

pytestmark = pytest.mark.model


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(min(1.0, c))


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder()  # the full offline gazetteer


@pytest.fixture(scope="module")
def seed_doc(nlp: Language, seed_path: Path) -> Doc:
    first, body = seed_path.read_text(encoding="utf-8").split("\n", 1)
    caption = first.strip().split(" ", 2)[2]  # " date YYYY-MM-DD caption"
    return nlp(caption + "\n\n" + body.strip())


def token_in(doc: Doc, sentence_has: str, word: str) -> int:
    for sent in doc.sents:
        if sentence_has in sent.text:
            return next(t.i for t in sent if t.text == word)
    raise AssertionError(f"no sentence with {sentence_has!r}")


def test_fighting_near_kreminna_is_placed_at_kreminna(seed_doc: Doc, geocoder: Geocoder) -> None:
    trigger = token_in(seed_doc, "near the city of Kreminna", "break")
    place = locate_event(seed_doc, trigger, (), geocoder)
    assert place is not None and place.extracted_place == "Kreminna"
    assert km(place.lat, place.lon, 49.05, 38.22) < 25  # type: ignore[arg-type]
    assert "Luhansk" in (place.province or "")
    assert (place.country_code, place.resolution, place.rule) == ("UKR", "populated_place", "clause")
    assert seed_doc.text[place.start : place.end] == "Kreminna"  # type: ignore[misc]


def test_talks_in_moscow(seed_doc: Doc, geocoder: Geocoder) -> None:
    trigger = token_in(seed_doc, "for their talks in Moscow", "talks")
    place = locate_event(seed_doc, trigger, (), geocoder)
    assert place is not None and place.resolved_place == "Moscow" and place.country_code == "RUS"


def test_moscow_as_actor_is_not_the_place(seed_doc: Doc, geocoder: Geocoder) -> None:
    trigger = token_in(seed_doc, "Moscow suspended its participation", "suspended")
    moscow = next(t for t in seed_doc[trigger].sent if t.text == "Moscow")
    actor = Mention(moscow.i, moscow.i + 1, moscow.i, (Entity("Moscow", "Russia", "RUS", "GOV", kind="country"),))
    for mentions in ([actor], []):  # with the actor's Mention, and from syntax alone
        place = locate_event(seed_doc, trigger, mentions, geocoder)
        assert place is None or place.start != moscow.idx


def test_fronted_setting_when_the_clause_has_none(nlp: Language, fake_gazetteer: MemoryGazetteer) -> None:
    doc = nlp("In the Donetsk region, soldiers tried to storm a school on Monday.")
    place = locate_event(doc, token_in(doc, "storm", "storm"), (), Geocoder(fake_gazetteer))
    assert place is not None and place.extracted_place == "Donetsk"
    assert place.resolution == "admin1" and place.rule == "governing"


def test_clause_place_beats_fronted_setting(nlp: Language, fake_gazetteer: MemoryGazetteer) -> None:
    doc = nlp("In the Luhansk region, troops attacked positions near the city of Kreminna on Sunday.")
    place = locate_event(doc, token_in(doc, "attacked", "attacked"), (), Geocoder(fake_gazetteer))
    assert place is not None and place.extracted_place == "Kreminna" and place.rule == "clause"


def test_specific_place_beats_its_container(nlp: Language, fake_gazetteer: MemoryGazetteer) -> None:
    doc = nlp("Gunmen shot a policeman in the Ukraine city of Odesa on Friday.")
    place = locate_event(doc, token_in(doc, "shot", "shot"), (), Geocoder(fake_gazetteer))
    assert place is not None and place.extracted_place == "Odesa"


def test_no_place_in_sentence_or_lead_gives_none(nlp: Language, fake_gazetteer: MemoryGazetteer) -> None:
    doc = nlp("Protesters marched on Tuesday. Police arrested ten of them.")
    assert locate_event(doc, token_in(doc, "arrested", "arrested"), (), Geocoder(fake_gazetteer)) is None


def test_later_sentence_falls_back_to_dateline(nlp: Language, fake_gazetteer: MemoryGazetteer) -> None:
    doc = nlp("KYIV, Ukraine — Officials met on Tuesday. Police later arrested ten people.")
    place = locate_event(doc, token_in(doc, "arrested", "arrested"), (), Geocoder(fake_gazetteer))
    assert place is not None and place.resolved_place == "Kyiv" and place.rule == "dateline"
