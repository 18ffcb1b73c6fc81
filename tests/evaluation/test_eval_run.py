from dataclasses import dataclass

from dyad.evaluation.report import EvalReport, Floor, check_floors
from dyad.evaluation.run import _foreign, _timed, section_from_scores


@dataclass(frozen=True)
class FakeScores:
    n: int
    accuracy: float

    def summary(self) -> str:
        return f"n={self.n} accuracy={self.accuracy:.2f}"


def test_foreign_scores_become_prefixed_metrics():
    s = section_from_scores("place", "Places", FakeScores(10, 0.7), 1.0)
    assert [(m.name, m.value) for m in s.metrics] == [("place.accuracy", 0.7)]  # ints are counts, not metrics
    assert "n=10" in s.text and s.key == "place"


def test_missing_module_is_skipped_with_a_note():
    s = _foreign("no_such_evaluation", "evaluate", "nope", "Nope")
    assert s.skipped and "no_such_evaluation" in s.skipped and not s.metrics


def test_crashing_evaluation_is_reported_and_fails_its_floors():
    def boom(t0: float):
        raise FileNotFoundError("gold.jsonl")

    s = _timed("petr2", "PETR2", boom)
    assert s.error == "FileNotFoundError: gold.jsonl"
    report = EvalReport((s,))
    failures = check_floors(report.metrics(), (Floor("petr2.event_macro_f1", 0.3),), report.skipped())
    assert [f.metric for f in failures] == ["petr2.event_macro_f1"]
    assert "FAILED: FileNotFoundError" in report.format()
