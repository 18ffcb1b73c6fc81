"""The command line: help everywhere, the seed as JSONL, the VOA corpus stored once."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.store import Store

runner = CliRunner()


def command_names():
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands) + [g.name for g in app.registered_groups]


def test_every_command_has_help():
    names = command_names()
    assert {"code", "events", "quotes", "watch"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage" in result.output


def test_usage_error_exits_2():
    assert runner.invoke(app, ["code"]).exit_code == 2
    assert runner.invoke(app, ["events", "--since", "yesterday"]).exit_code == 2


def test_events_export_and_series_filter_by_context(tmp_path):
    from explore_factory import make_corpus

    db = str(tmp_path / "c.sqlite")
    with Store(db) as store:
        store.save_many(make_corpus())
    military = runner.invoke(app, ["events", "--db", db, "--context", "military", "--format", "jsonl"])
    assert military.exit_code == 0, military.output
    assert sorted(json.loads(x)["event"] for x in military.stdout.splitlines()) == ["ASSAULT", "ASSAULT", "THREATEN"]
    either = runner.invoke(app, ["events", "--db", db, "--context", "Economic", "--context", "human_security", "-f", "jsonl"])
    assert sorted(json.loads(x)["event"] for x in either.stdout.splitlines()) == ["AGREE", "AID"]
    table = runner.invoke(app, ["events", "--db", db, "--type", "THREATEN"])
    assert "military, future" in table.stdout
    out = tmp_path / "m.csv"
    assert runner.invoke(app, ["export", "--db", db, "--context", "military", "--format", "csv", "-o", str(out)]).exit_code == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and {r["context"] for r in rows} == {"military", "military;future"}
    series = runner.invoke(app, ["series", "RUS", "CHN", "--db", db, "--freq", "month", "--context", "diplomatic", "--csv"])
    assert series.exit_code == 0, series.output
    assert sum(int(line.split(",")[1]) for line in series.stdout.splitlines()[1:]) == 6
    bad = runner.invoke(app, ["events", "--db", db, "--context", "warfare"])
    assert bad.exit_code == 2 and "terrorism" in bad.output  # the error lists the known names
