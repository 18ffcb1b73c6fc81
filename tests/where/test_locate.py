from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from test_place_eval import write

from dyad.evaluation.place import evaluate_places
from dyad.records import Entity, Mention
from dyad.where.gazetteer import MemoryGazetteer
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event, picker_scores, sentence_candidates
from dyad.where.picker import candidate_features, none_features
from dyad.where.rules import load_place_rules

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


@pytest.mark.model
def test_evaluate_places_scores_a_small_file(tmp_path: Path) -> None:
    scores = evaluate_places(write(tmp_path))
    assert (scores.n, scores.n_located, scores.n_no_verb) == (3, 2, 0)
    assert scores.accuracy == 1.0 and scores.unlocated_accuracy == 1.0


def _candidates(nlp: Language, geo: Geocoder, text: str, word: str):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    cands, choice = sentence_candidates(doc, trigger, set(), geo, False, load_place_rules())
    return doc, trigger, cands, choice


@pytest.mark.model
def test_features_see_preposition_actor_modifier_and_rule_choice(nlp: Language, geocoder: Geocoder) -> None:
    text = "Russian forces shelled the town of Kreminna in the Luhansk region on Monday."
    doc, trigger, cands, choice = _candidates(nlp, geocoder, text, "shelled")
    names = [doc[c.span.start : c.span.end].text for c in cands]
    assert "Kreminna" in names and choice is not None
    feats = {n: candidate_features(doc, trigger, c, i, len(cands), False) for i, (n, c) in enumerate(zip(names, cands, strict=True))}
    assert names == ["Kreminna", "Luhansk"]
    assert {"rule_choice", "tier=clause", "cdep=dobj", "under_trigger", "after"} <= set(feats["Kreminna"])
    assert {"prev=of", "next=in", "trig=shell", "trig=shell|cdep=dobj", "freq=1"} <= set(feats["Kreminna"])
    assert {"gprep=in", "site_modifier", "gaz=admin1", "last"} <= set(feats["Luhansk"])
    assert "rule_choice" not in feats["Luhansk"]


@pytest.mark.model
def test_a_place_modifying_an_actor_is_marked(nlp: Language, geocoder: Geocoder) -> None:
    doc, trigger, cands, _ = _candidates(nlp, geocoder, "The Kharkiv governor accused Moscow of shelling the city.", "accused")
    kharkiv = next(i for i, c in enumerate(cands) if doc[c.span.start].text == "Kharkiv")
    feats = candidate_features(doc, trigger, cands[kharkiv], kharkiv, len(cands), False)
    assert "modifies_noun" in feats and "site_modifier" not in feats


@pytest.mark.model
def test_locate_event_keeps_the_picker_scores_for_explain(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("Rebels attacked a checkpoint near the town of Kreminna on Monday.")
    trigger = next(t.i for t in doc if t.text == "attacked")
    place = locate_event(doc, trigger, (), geocoder)
    assert place is not None and place.extracted_place == "Kreminna"
    scores = picker_scores(doc, trigger)
    assert scores is not None
    assert [doc[s.candidate.span.start : s.candidate.span.end].text for s in scores.candidates] == ["Kreminna"]
    # the candidates and "none" share one distribution
    assert scores.candidates[0].probability + scores.none_probability == pytest.approx(1.0)
    assert scores.candidates[0].probability > scores.none_probability


@pytest.mark.model
def test_none_features_see_the_trigger_and_what_the_sentence_offers(nlp: Language, geocoder: Geocoder) -> None:
    doc, trigger, cands, _ = _candidates(nlp, geocoder, "Soldiers will not patrol the streets in the capital near Kharkiv.", "patrol")
    feats = none_features(doc, trigger, cands)
    assert {"none|bias", "none|trig_tag=VB", "none|trig_modal", "none|trig_negated", "none|has_locative"} <= set(feats)
    assert "none|unnamed_setting" not in feats  # "in the capital near Kharkiv" names Kharkiv
    doc, trigger, cands, _ = _candidates(nlp, geocoder, "Soldiers patrolled in the capital after the coup in Mali.", "patrolled")
    assert "none|unnamed_setting" in none_features(doc, trigger, cands)


@pytest.mark.model
def test_rules_alone_when_the_picker_is_off(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("Rebels attacked a checkpoint near the town of Kreminna on Monday.")
    trigger = next(t.i for t in doc if t.text == "attacked")
    place = locate_event(doc, trigger, (), geocoder, picker=False)
    assert place is not None and place.extracted_place == "Kreminna" and place.rule == "clause"
    assert picker_scores(doc, trigger) is None
