"""The exit codes `dyad` promises: 0 ok, 1 error (e.g. unreachable database), 2 usage error, 3 some inputs rejected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test starts `dyad` processes (importing spaCy takes seconds): all are slow.
pytestmark = pytest.mark.slow
DYAD = str(Path(sys.executable).parent / "dyad")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DYAD, *args], capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})}, cwd=cwd)


@pytest.mark.parametrize(
    "args",
    [
        ["code", "--no-such-option", "x.txt"],
        ["code"],
        ["events", "--since", "yesterday"],
        ["export", "--format", "xml", "--output", "out.xml"],
        ["export", "--format", "jsonl"],  # --output is required
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path):
    res = run(*args, "--db", str(tmp_path / "x.sqlite"), cwd=tmp_path) if args[0] != "no-such-command" else run(*args)
    assert res.returncode == 2, res.stderr


def test_an_unreachable_database_exits_1_without_showing_the_password(tmp_path):
    url = "postgresql://dyad:pa55word-here@127.0.0.1:9/none?connect_timeout=3"
    for args in (["events", "--db", url], ["export", "--db", url, "-o", str(tmp_path / "e.jsonl")]):
        res = run(*args)
        assert res.returncode == 1, res.stderr
        assert "pa55word" not in res.stderr + res.stdout
        assert "dyad:***@127.0.0.1" in res.stderr


def test_dyad_db_environment_variable_reaches_events_and_export(tmp_path):
    db = str(tmp_path / "env.sqlite")
    from dyad.store import Store

    Store(db).close()
    res = run("export", "-f", "csv", "-o", str(tmp_path / "e.csv"), env={"DYAD_DB": db})
    assert res.returncode == 0, res.stderr
    assert Path(db).is_file()  # the store was opened where DYAD_DB says
    assert (tmp_path / "e.csv").read_text().startswith('"id","article_id","date"')  # CSV quotes every text cell


@pytest.mark.postgres
def test_events_and_export_against_postgresql(tmp_path):
    url = os.environ.get("DYAD_TEST_PG_URL")
    if not url:
        pytest.skip("DYAD_TEST_PG_URL is not set")
    res = run("events", "--db", url, "--limit", "1", "-f", "jsonl")
    assert res.returncode == 0, res.stderr
    res = run("export", "-f", "parquet", "-o", str(tmp_path / "e.parquet"), env={"DYAD_DB": url})
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "e.parquet").stat().st_size > 0
    assert "dyad-ci" not in res.stderr


def test_the_output_files_extension_names_its_format_when_format_is_not_given():
    from dyad.cli.output import Format, output_format

    assert output_format(None, "events.jsonl") is Format.jsonl
    assert output_format(None, "out/EVENTS.CSV") is Format.csv
    assert output_format(None, "-") is Format.table
    assert output_format(None, "events.txt") is Format.table
    assert output_format(Format.table, "events.jsonl") is Format.table  # --format wins
