from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import dyad.cli.evaluate_cmd as evaluate_module
import dyad.evaluation.run as evaluation_run
from dyad.errors import ConfigError
from dyad.evaluation.report import EvalReport, Floor, Metric, Section, check_floors, load_floors, parse_floors


def report(**values: float) -> EvalReport:
    return EvalReport((Section("petr2", "PETR2", tuple(Metric(k, v) for k, v in values.items()), "table"),))


def test_metric_under_its_floor_fails_and_at_floor_passes():
    floors = (Floor("petr2.event_macro_f1", 0.40), Floor("petr2.actor_accuracy", 0.50))
    failures = check_floors({"petr2.event_macro_f1": 0.39, "petr2.actor_accuracy": 0.50}, floors)
    assert [f.metric for f in failures] == ["petr2.event_macro_f1"]
    assert "0.390 is under its floor 0.400" in failures[0].message()


def test_unmeasured_metric_fails_unless_its_section_was_skipped():
    floors = (Floor("place.accuracy", 0.5),)
    assert [f.value for f in check_floors({}, floors)] == [None]
    assert check_floors({}, floors, skipped=("place",)) == ()


def test_parse_floors_and_reject_malformed():
    assert parse_floors("floors:\n  a.b: 0.5  # measured 0.53\n", "f") == (Floor("a.b", 0.5),)
    with pytest.raises(ConfigError):
        parse_floors("floors:\n  a.b: high\n", "f")


def test_packaged_floors_name_metrics_the_evaluations_produce():
    floors = load_floors()
    assert floors, "floors.yaml gates nothing"
    known = {"petr2", "petr_unittest", "conflibert", "plv", "voa", "voa_test", "place", "place_test", "dates", "coverage_dev", "coverage_test", "geocoding",
             "geocoding_dev", "contexts", "contexts_test"}
    for f in floors:
        assert f.metric.split(".", 1)[0] in known
        assert 0.0 <= f.floor <= 1.0


def test_report_format_shows_sections_metrics_and_failures():
    rep = EvalReport((*report(**{"petr2.event_macro_f1": 0.5}).sections, Section("place", "Places", (), "", skipped="not installed"),
                      Section("voa", "VOA", (), "", error="InputError: gone")))  # fmt: skip
    text = rep.format()
    assert "petr2.event_macro_f1" in text and "skipped: not installed" in text and "FAILED: InputError: gone" in text
    assert rep.skipped() == ("place",)


def run_cli(monkeypatch, tmp_path: Path, value: float, *extra: str):
    monkeypatch.setattr(evaluation_run, "run_all", lambda shared, limits: report(**{"petr2.event_macro_f1": value}))
    floors = tmp_path / "floors.yaml"
    floors.write_text("floors:\n  petr2.event_macro_f1: 0.45\n", encoding="utf-8")
    app = typer.Typer()
    app.command()(evaluate_module.evaluate_cmd)
    return CliRunner().invoke(app, ["--shared", str(tmp_path), "--floors", str(floors), *extra])


def test_cli_gate_exits_1_and_names_the_metric(monkeypatch, tmp_path):
    result = run_cli(monkeypatch, tmp_path, 0.30, "--gate")
    assert result.exit_code == 1
    assert "petr2.event_macro_f1: 0.300 is under its floor 0.450" in result.output


def test_cli_gate_passes_above_floors(monkeypatch, tmp_path):
    result = run_cli(monkeypatch, tmp_path, 0.60, "--gate")
    assert result.exit_code == 0, result.output
    assert "gate: all 1 gated metrics" in result.output


def test_cli_without_gate_only_reports(monkeypatch, tmp_path):
    result = run_cli(monkeypatch, tmp_path, 0.30)
    assert result.exit_code == 0 and "petr2.event_macro_f1" in result.output


def test_cli_needs_gold_or_shared():
    app = typer.Typer()
    app.command()(evaluate_module.evaluate_cmd)
    assert CliRunner().invoke(app, []).exit_code == 2


def test_guess_format():
    assert evaluate_module.guess_format(Path("x/petr2_gsr_validation.jsonl")).value == "petr2"
    assert evaluate_module.guess_format(Path("x/cameo_train.jsonl")).value == "conflibert"
    assert evaluate_module.guess_format(Path("x/other.jsonl")) is None
