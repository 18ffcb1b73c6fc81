"""The contexts stage in the pipeline, on the seed article (model tests)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.contexts.lexicon import AUXILIARY_MODES, GENERAL_CONTEXTS
from dyad.ingest import read_articles
from dyad.records import Article, event_from_plover
from dyad.schema import validate_record
from dyad.stages import DEFAULT_STAGES, stage_factories

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_coded(pipeline, seed_path):
    (article,) = list(read_articles([seed_path]))
    return pipeline.code_article(article)


def events_about(coded, *words):
    text = coded.article.text
    return [e for e in coded.events if all(w in text[e.offsets.sentence_start : e.offsets.sentence_end] for w in words)]


def test_contexts_stage_runs_after_counts_and_before_quotes():
    assert DEFAULT_STAGES.index("counts") < DEFAULT_STAGES.index("contexts") < DEFAULT_STAGES.index("quotes")
    factory = stage_factories()["contexts"]
    assert factory.requires == ("events",) and "general contexts" in factory.doc.lower()


def test_new_start_suspension_is_military_or_cbrn_and_diplomatic(seed_coded):
    suspensions = events_about(seed_coded, "New Start") + events_about(seed_coded, "nuclear arms control treaty")
    assert suspensions
    for e in suspensions:
        assert "diplomatic" in e.context, (e.event_text, e.context)
        assert {"military", "cbrn"} & set(e.context), (e.event_text, e.context)


def test_kreminna_fighting_is_military(seed_coded):
    fighting = [e for e in events_about(seed_coded, "Kreminna") if e.event == "ASSAULT"]
    assert fighting
    assert all("military" in e.context for e in fighting), [(e.event_text, e.context) for e in fighting]


def test_every_context_is_a_manual_name_with_evidence_in_the_text(seed_coded):
    text = seed_coded.article.text
    assert any(e.context_evidence for e in seed_coded.events)
    for e in seed_coded.events:
        assert set(e.context) <= set(GENERAL_CONTEXTS) | set(AUXILIARY_MODES)
        assert [t.name for t in e.context_evidence] == [c for c in e.context if c in GENERAL_CONTEXTS]
        for t in e.context_evidence:
            assert t.start is not None and text[t.start : t.end] == t.text


def test_future_mode_from_the_coder_survives(seed_coded):
    will_suspend = [e for e in events_about(seed_coded, "will suspend") if "future" in e.context]
    assert will_suspend and all(e.context[-1] == "future" for e in will_suspend)


def test_evidence_is_in_the_record_and_round_trips(seed_coded):
    for e in seed_coded.events:
        record = e.to_plover()
        validate_record(record)
        assert [t["name"] for t in record["context_evidence"]] == [t.name for t in e.context_evidence]
        assert event_from_plover(json.loads(json.dumps(record))) == e


def test_explain_says_why(pipeline):
    article = Article("x", dt.date(2023, 2, 22), "Russian troops shelled the town of Kreminna on Tuesday.")
    trace = pipeline.explain(article)
    notes = [line for note in trace.notes if note.stage == "contexts" for line in note.lines]
    assert any("military" in line and "troops" in line for line in notes), notes
