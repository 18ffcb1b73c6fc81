"""Scoring the PETRARCH unit-test round trip: the failing triples by cause (no model)."""

from __future__ import annotations

import datetime as dt

from dyad.coding.petrarch_out import Triple
from dyad.evaluation.petr_unittest import RecordResult, UnitRecord, UnitScores
from dyad.records import Article


def result(expected: list[Triple], loose: list[Triple]) -> RecordResult:
    article = Article(id="r", date=dt.date(1995, 1, 1), text="Arnor met Gondor.")
    coded = tuple(t for t in loose if "---" not in (t.source, t.target))
    return RecordResult(UnitRecord(article, "TEST", tuple(expected)), coded, tuple(loose))


def typed(code: str) -> bool:
    return code != "901"  # a test code with no PLOVER type


def test_each_failing_triple_gets_the_cause_its_nearest_coded_triple_shows() -> None:
    r = result(
        expected=[Triple("ARN", "GON", "064"), Triple("ARN", "OSG", "041"), Triple("ARN", "GON", "901"),
                  Triple("ARNGOV", "GON", "032"), Triple("FOR", "ERI", "042"), Triple("---GOV", "---", "023"),
                  Triple("CAL", "ROH", "111")],
        loose=[Triple("ARN", "GON", "064"),  # right
               Triple("ARN", "---", "041"),  # no target
               Triple("ARN", "GON", "032"),  # the source lacks its sector
               Triple("FOR", "ROH", "042"),  # the target is another
               Triple("ROH", "GON", "120")],  # a code nobody expected
    )
    assert r.causes(typed) == {
        "missed: event, no target": 1, "missed: code has no PLOVER type": 1, "missed: source wrong": 1,
        "missed: target wrong": 1, "missed: an expected side is --- (require_dyad off)": 1,
        "missed: no event with the code": 1, "extra: wrong actor": 2, "extra: code not expected": 1,
    }
    assert not r.passed
    scores = UnitScores(1, 0, 7, 4, 1, (r,))
    table = scores.cause_table()
    assert table[0].startswith("failing triples by cause")
    assert any(line.split()[-2:] == ["2", "1"] and "extra: wrong actor" in line for line in table)
    assert "failing triples by cause" in scores.format()


def test_a_record_coded_exactly_has_no_cause() -> None:
    r = result([Triple("ARN", "GON", "064")], [Triple("ARN", "GON", "064")])
    assert r.passed and not r.causes(typed)
    assert UnitScores(1, 1, 1, 1, 1, (r,)).cause_table() == []
