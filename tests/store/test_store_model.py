"""Store tests that code text first, and so need the spaCy model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_no_silent_state import runner

from dyad.cli.main import app


@pytest.mark.model
def test_code_with_output_and_no_db_stores_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DYAD_DB", raising=False)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "date": "2023-02-22", "text": "Russia's foreign minister met his Chinese counterpart in Moscow."}) + "\n")
    pure = runner.invoke(app, ["code", str(src), "-f", "csv", "--output", "out.csv", "-j", "1"])
    assert pure.exit_code == 0, pure.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.csv"]
    assert "not stored" in pure.stderr
    stored = runner.invoke(app, ["code", str(src), "-f", "csv", "--output", "out.csv", "--db", "kept.sqlite", "-j", "1"])
    assert stored.exit_code == 0, stored.output
    assert "stored in kept.sqlite" in stored.stderr
    again = runner.invoke(app, ["code", str(src), "--output", "out.csv", "--db", "kept.sqlite", "-j", "1"])
    assert "1 skipped (stored before with the same text and configuration" in again.stderr


@pytest.mark.model
def test_the_pipeline_marks_a_years_tally(pipeline):
    from dyad.records import Article

    art = Article(id="t1", date=dt.date(2025, 3, 1), text="In 2024 the Islamic State group killed nearly 400 civilians in Nigeria, the UN said.")
    assert [(e.event, e.when.precision, e.aggregate) for e in pipeline.code(art)] == [("ASSAULT", "year", True)]
    art = Article(id="t2", date=dt.date(2025, 3, 1), text="On Tuesday, Russian forces killed 12 civilians in Kharkiv.")
    assert [e.aggregate for e in pipeline.code(art)] == [False]
