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


def test_each_voa_split_is_coded_once_for_its_events_and_its_contexts(monkeypatch, tmp_path):
    """make eval scores a split's events and its contexts from one coding run, not two."""
    from dyad.evaluation import run
    from dyad.evaluation.harness import CodedSet
    from dyad.evaluation.report import Section

    corpus = tmp_path / run.VOA
    corpus.parent.mkdir(parents=True)
    corpus.write_text("")
    places = tmp_path / run.EVENT_LOCATION
    places.parent.mkdir(parents=True)
    places.write_text("")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    codings: list[str] = []
    scored: list[tuple[str, str, int]] = []

    def code(path, gold_path, split):
        codings.append(split)
        return CodedSet({}, ())

    def evaluator(kind: str):
        def evaluate(path, gold_path, split, coded):
            scored.append((kind, split, id(coded)))
            return type("Scores", (), {"section": lambda self, seconds, prefix, title: Section(prefix, title, (), "")})()

        return evaluate

    monkeypatch.setattr(run, "code_voa_split", code)
    monkeypatch.setattr(run, "evaluate_voa", evaluator("events"))
    monkeypatch.setattr(run, "evaluate_contexts", evaluator("contexts"))
    monkeypatch.setattr(run, "evaluate_coverage", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("not here")))
    monkeypatch.setattr(run, "_foreign", lambda module, function, prefix, title, *args: Section(prefix, title, (), "", skipped="not here"))
    report = run.run_all(tmp_path, voa_gold=gold)
    assert sorted(codings) == ["test", "train"]
    by_split = {split: {i for kind, s, i in scored if s == split} for split in ("train", "test")}
    assert [k for k, _, _ in scored] == ["events", "events", "contexts", "contexts"]
    assert all(len(ids) == 1 for ids in by_split.values())  # events and contexts saw the same coded set
    assert {s.key for s in report.sections} >= {"voa", "voa_test", "contexts", "contexts_test"}
