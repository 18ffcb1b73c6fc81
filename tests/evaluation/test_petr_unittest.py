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
        "missed: target wrong": 1, "missed: an expected side is --- (empty, new actor)": 1,
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


RECORDS_XML = """<Sentences>
<Sentence date="19950101" id="R-1" category="T" sentence="true"><Text>one</Text></Sentence>
<Config option="require_dyad" value="False"></Config>
<Config option="new_actor_length" value="4"></Config>
<Sentence date="19950101" id="R-2" category="T" sentence="true"><Text>two</Text></Sentence>
<Sentence date="19950101" id="R-skipped" category="T" sentence="false"><Text>not in the JSONL</Text></Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Sentence date = "19950101" id ="R-3" category="T" sentence="true"><Text>three</Text></Sentence>
</Sentences>
"""


def test_each_record_takes_the_settings_the_records_xml_sets_before_it(tmp_path) -> None:  # noqa: ANN001
    from dyad.evaluation.petr_unittest import read_records

    xml = tmp_path / "records.xml"
    xml.write_text(RECORDS_XML, encoding="utf-8")
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(
        f'{{"id": "{i}", "date": "19950101", "text": "Arnor met Gondor.", "codings": []}}\n' for i in ("R-1", "R-2", "R-3")))
    records = read_records(jsonl, xml)
    assert [(r.require_dyad, r.new_actors) for r in records] == [(True, False), (False, True), (True, True)]
    assert [r.require_dyad for r in read_records(jsonl)] == [True, True, True]  # no XML: PETRARCH's defaults
