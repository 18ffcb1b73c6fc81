"""The date dev set: its reader and an accuracy floor for event dating."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import ConfigError
from dyad.evaluation.dates import read_date_records


def test_dev_set_is_well_formed() -> None:
    records = read_date_records()
    assert len(records) >= 60
    assert len({r.id for r in records}) == len(records)
    assert {r.precision for r in records} <= {"day", "week", "month", "season", "year", "article"}
    for record in records:
        assert record.trigger in record.text
        assert record.date <= record.article_date or "next" in record.text or "will" in record.text


def test_bad_line_names_its_number(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps({"id": "x", "article_date": "2024-01-01"}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        read_date_records(path)
