"""The seed article end to end: schema-valid records, the caption's meeting, evidence offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.ingest import read_articles
from dyad.schema import validate_record

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_coded(pipeline, seed_path):
    (article,) = list(read_articles([seed_path]))
    return pipeline.code_article(article)


def codes(entities):
    return {e.code for e in entities}


def test_every_record_validates_against_the_schema(seed_coded):
    assert seed_coded.events, "the seed must give events"
    for e in seed_coded.events:
        validate_record(e.to_plover())


def test_caption_meeting_is_consult_russia_to_china_on_the_article_date(seed_coded):
    caption_end = seed_coded.article.caption_end
    caption = [e for e in seed_coded.events if e.offsets.trigger_start < caption_end]
    consult = [e for e in caption if e.event == "CONSULT" and "RUS" in codes(e.actor) and "CHN" in codes(e.recipient)]
    assert consult, [(e.event, codes(e.actor), codes(e.recipient)) for e in caption]
    assert consult[0].date == dt.date(2023, 2, 22)


def test_offsets_point_at_the_evidence(seed_coded):
    text = seed_coded.article.text
    for e in seed_coded.events:
        o = e.offsets
        assert text[o.sentence_start : o.sentence_end] == e.text
        assert o.sentence_start <= o.trigger_start < o.trigger_end <= o.sentence_end
        assert e.event_text.split()[0] in text[o.trigger_start : o.trigger_end]
        for ent in (*e.actor, *e.recipient):
            if ent.start is not None:
                assert text[ent.start : ent.end] == ent.entity_text


def test_no_event_from_what_did_not_happen(seed_coded):
    for e in seed_coded.events:
        assert not (e.event == "AID" and "CHN" in codes(e.actor)), e.text
        assert not (e.event == "ACCUSE" and "CHN" in codes(e.actor)), e.text
        assert "lowest point" not in e.text, e.text


def test_coding_twice_gives_identical_records(pipeline, seed_coded):
    again = pipeline.code_article(seed_coded.article)
    assert [e.to_plover() for e in again.events] == [e.to_plover() for e in seed_coded.events]
