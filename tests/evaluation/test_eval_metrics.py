from collections import Counter

import pytest

from dyad.evaluation.metrics import PRF, ClassScore, build_prf, format_confusion, format_prf, score_labels


def test_class_score_arithmetic():
    c = ClassScore("CONSULT", tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert c.support == 5


def test_empty_class_scores_zero_not_error():
    c = ClassScore("X")
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)


def test_macro_is_mean_of_class_f1_and_micro_pools_counts():
    prf = build_prf(Counter({"A": 2, "B": 0}), Counter({"A": 2, "B": 1}), Counter({"B": 1}))
    assert [c.label for c in prf.classes] == ["A", "B"]
    assert prf.get("A").f1 == pytest.approx(4 / 6)
    assert prf.get("B").f1 == 0.0
    assert prf.macro_f1 == pytest.approx((4 / 6 + 0.0) / 2)
    assert (prf.micro.tp, prf.micro.fp, prf.micro.fn) == (2, 3, 1)


def test_score_labels_accuracy_confusion_and_fixed_classes():
    gold = ["0", "0", "1", "2"]
    pred = ["0", "1", "1", "none"]
    acc, prf, conf = score_labels(gold, pred, labels=("0", "1", "2"))
    assert (acc.correct, acc.total) == (2, 4)
    assert [c.label for c in prf.classes] == ["0", "1", "2"]  # "none" is no class of its own
    assert prf.get("0") == ClassScore("0", 1, 0, 1)
    assert prf.get("1") == ClassScore("1", 1, 1, 0)
    assert prf.get("2") == ClassScore("2", 0, 0, 1)
    assert conf.count("0", "1") == 1
    assert conf.count("2", "none") == 1
    assert conf.count("1", "1") == 1


def test_score_labels_rejects_unequal_lengths():
    with pytest.raises(ValueError):
        score_labels(["a"], [])


def test_printers_show_every_class():
    _, prf, conf = score_labels(["ASSAULT", "AID"], ["ASSAULT", "ASSAULT"])
    table = format_prf(prf, "type")
    assert "ASSAULT" in table and "AID" in table and "macro" in table
    assert "gold \\ predicted" in format_confusion(conf)
    assert isinstance(prf, PRF)
