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
