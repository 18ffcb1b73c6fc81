import json

from dyad.coding.ontology import load_ontology
from dyad.evaluation.conflibert import class_of, locate_span, parse_conflibert_line, score_conflibert, top_event


def test_locate_tokenised_span_in_raw_text():
    text = "A Swiss court rejected the Croatian government\u02bcs request."
    start, end = locate_span(text, "Croatian government 's request")
    assert text[start:end] == "Croatian government\u02bcs request"
    assert locate_span(text, "Serbian court") is None


def test_parse_counts_unlocated_spans():
    row = {"id": "t1", "text": "Rebels attacked the town.", "pentaclass": 4, "source_spans": ["Rebels", "Soldiers"], "target_spans": ["the town"]}
    s = parse_conflibert_line(json.dumps(row), "x")
    assert s.source == ((0, 6),) and s.target == ((16, 24),) and s.unlocated == 1


def test_top_event_and_class(event_factory):
    low = event_factory("t", "CONSULT", confidence=0.4, cameo="040")
    high = event_factory("t", "ASSAULT", confidence=0.9, cameo="190")
    assert top_event([low, high]) is high
    onto = load_ontology()
    assert class_of(high, onto) == "4"
    assert class_of(None, onto) == "none"
    # no CAMEO code: the type's default code decides
    assert class_of(event_factory("t", "CONSULT"), onto) == "1"


def test_scores_class_and_span_overlap(event_factory):
    a = parse_conflibert_line(json.dumps({"id": "a", "text": "Rebels attacked the town.", "pentaclass": 4,
                                          "source_spans": ["Rebels"], "target_spans": ["the town"]}), "x")  # fmt: skip
    b = parse_conflibert_line(json.dumps({"id": "b", "text": "Kenya met Uganda.", "pentaclass": 1}), "x")
    predicted = {"a": (event_factory("a", "ASSAULT", cameo="190", actor_spans=((0, 6),), recipient_spans=((0, 3),)),)}
    s = score_conflibert([a, b], predicted)
    assert (s.accuracy.correct, s.accuracy.total) == (1, 2)
    assert s.with_events == 1
    assert (s.source_spans.correct, s.source_spans.total) == (1, 1)
    assert (s.target_spans.correct, s.target_spans.total) == (0, 1)
    assert s.classes.get("1").fn == 1 and s.classes.get("4").tp == 1
    assert len(s.classes.classes) == 5


def test_no_event_is_right_on_a_cameo_01_statement_only(event_factory):
    # class 0 is CAMEO 01 statements (PLOVER: no event) and 02 appeals (REQUEST)
    statements = frozenset({"s", "c"})
    row = {"pentaclass": 0, "text": "The minister expressed concern about the talks."}
    said = parse_conflibert_line(json.dumps({"id": "s", **row}), "x", statements)
    asked = parse_conflibert_line(json.dumps({"id": "a", **row, "text": "The minister urged Kenya to talk."}), "x", statements)
    coded = parse_conflibert_line(json.dumps({"id": "c", **row}), "x", statements)
    other = parse_conflibert_line(json.dumps({"id": "s", **row, "pentaclass": 1}), "x", statements)
    assert said.statement and not asked.statement and not other.statement
    predicted = {"c": (event_factory("c", "ACCUSE", cameo="111"),)}
    s = score_conflibert([said, asked, coded, other], predicted)
    assert (s.accuracy.correct, s.cameo_accuracy.correct) == (1, 0)  # only the quiet statement is right
    assert s.classes.get("0").tp == 1 and s.classes.get("0").fn == 2 and s.classes.get("3").fp == 1
    assert (s.statements, s.quiet_statements) == (2, 1)
    names = {m.name for m in s.metrics()}
    assert {"conflibert.class_macro_f1", "conflibert.class_macro_f1_cameo"} <= names


def test_packaged_statements_are_class_0_ids(shared):
    from dyad.evaluation.conflibert import load_statements

    ids = load_statements()
    data = shared / "data" / "conflibert" / "cameo_train.jsonl"
    zero = {r["id"] for r in map(json.loads, data.open(encoding="utf-8")) if r["pentaclass"] == 0}
    assert 100 < len(ids) < len(zero) and ids <= zero
