"""Context scoring on matched VOA pairs, without the model."""

from __future__ import annotations

import datetime as dt

from dyad.evaluation.contexts import ContextScores, most_frequent, score_context_sets, score_pairs
from dyad.evaluation.matching import GoldEvent, match_events
from dyad.evaluation.voa_gold import parse_voa_gold
from dyad.records import Event, EventDate, Offsets


def gold(context, event="CONSULT", start=0):
    return GoldEvent("a", event, (start, start + 40), (start + 5, start + 10), context=tuple(context))


def predicted(context, event="CONSULT", start=0):
    return Event("a", event, None, None, None, None, (), (), EventDate(dt.date(2025, 1, 1)), "met", "x",
                 Offsets(start, start + 40, start + 5, start + 10), "r", 0.9, context=tuple(context))


def test_auxiliary_modes_are_ignored_and_sets_compared():
    prf = score_context_sets([(("diplomatic", "future"), ("diplomatic", "historical")), (("military",), ("legal",))])
    assert (prf.micro.tp, prf.micro.fp, prf.micro.fn) == (1, 1, 1)
    assert prf.get("diplomatic").f1 == 1.0 and prf.get("legal").precision == 0.0
    assert {c.label for c in prf.classes} == {"diplomatic", "military", "legal"}


def test_matched_pairs_are_scored_and_the_top_contexts_gate():
    golds = [gold(["diplomatic", "military"]), gold(["legal"], "ACCUSE", 100), gold(["diplomatic"], "REQUEST", 200)]
    preds = [predicted(["diplomatic"]), predicted(["legal", "crime"], "ACCUSE", 100)]
    pairs = match_events(preds, golds).pairs
    scores = score_pairs(pairs, golds)
    assert scores.pairs == 2
    assert scores.top == ("diplomatic", "legal", "military")  # by gold frequency, then name
    assert scores.contexts.get("military").f1 == 0.0 and scores.top_min_f1 == 0.0
    names = {m.name for m in scores.metrics("contexts_test")}
    assert {"contexts_test.micro_f1", "contexts_test.top10_min_f1", "contexts_test.f1.diplomatic"} <= names


def test_most_frequent_counts_general_contexts_only():
    golds = [gold(["future", "economic"]), gold(["economic", "historical"]), gold(["health"])]
    assert most_frequent(golds, 1) == ("economic",)


def test_gold_lines_carry_their_contexts():
    lines = ['{"article_id": "1", "annotated": true, "n_events": 1}',
             '{"article_id": "1", "sentence_start": 0, "sentence_end": 9, "trigger_start": 0, "trigger_end": 3, '
             '"event": "consult", "context": ["diplomatic", "future"]}']
    (g,) = parse_voa_gold(lines, "t.jsonl").events
    assert g.context == ("diplomatic", "future")


def test_section_prints_the_table():
    golds = [gold(["diplomatic"])]
    scores = score_pairs(match_events([predicted(["diplomatic"])], golds).pairs, golds)
    assert isinstance(scores, ContextScores)
    section = scores.section(1.0, "contexts", "VOA contexts")
    assert section.value("contexts.micro_f1") == 1.0 and "diplomatic" in section.text
