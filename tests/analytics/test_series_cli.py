from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.store import Store


def test_series_command_prints_csv_and_plots(corpus_store: Store, tmp_path: Path):
    png = tmp_path / "rus-chn.png"
    result = CliRunner().invoke(app, ["series", "RUS", "CHN", "--db", corpus_store.url, "--freq", "month", "--format", "csv", "--plot", str(png)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("period,n_events,goldstein_sum")
    assert lines[1].startswith("2023-02-01,4,")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_serve_and_series_have_help():
    for cmd in ("serve", "series"):
        result = CliRunner().invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and "--db" in result.output


def test_series_keeps_csv_as_a_deprecated_alias_and_takes_lower_case_codes(corpus_store: Store):
    old = CliRunner().invoke(app, ["series", "rus", "chn", "--db", corpus_store.url, "--freq", "month", "--csv"])
    assert old.exit_code == 0, old.output
    assert "--csv is deprecated; use --format csv" in old.stderr
    assert old.stdout.strip().splitlines()[1].startswith("2023-02-01,4,")
