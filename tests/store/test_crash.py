"""Crash safety with real `dyad code` processes: SIGKILL mid-corpus loses nothing and
a re-run adds nothing twice; two processes writing one SQLite file do not collide."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from reliability import code, kill_midway, make_corpus, snapshot  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]
N = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    make_corpus(path, N)
    return path


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = str(tmp_path_factory.mktemp("clean") / "clean.sqlite")
    proc = code(corpus, db)
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    return snapshot(db)


def test_sigkill_mid_corpus_then_rerun_equals_a_clean_run(corpus, clean_run, tmp_path):
    db = str(tmp_path / "crash.sqlite")
    stored = kill_midway(corpus, db, at_least=20)
    assert 20 <= stored < N, "the kill should land mid-corpus"
    rerun = code(corpus, db)
    assert rerun.wait() == 0
    after = snapshot(db)
    assert after["integrity"] == "ok"
    assert len(after["articles"]) + len(after["copies"]) == N  # type: ignore[arg-type]
    assert after["duplicated"] == 0
    # Every article once, with exactly the events a clean single run gives.
    assert after["articles"] == clean_run["articles"]
    assert after["copies"] == clean_run["copies"]
    assert after["events"] == clean_run["events"]


def test_two_processes_writing_one_sqlite_file(corpus, clean_run, tmp_path):
    db = str(tmp_path / "shared.sqlite")
    lines = corpus.read_text("utf-8").splitlines(keepends=True)
    # Overlapping halves: both processes also write the same articles.
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[: N * 2 // 3]), "utf-8")
    second.write_text("".join(lines[N // 3 :]), "utf-8")
    procs = [code(first, db), code(second, db)]
    results = [(p.wait(), p.stderr.read().decode() if p.stderr else "") for p in procs]
    for rc, err in results:
        assert rc == 0, err
        assert "locked" not in err
    after = snapshot(db)
    assert after["integrity"] == "ok"
    assert after["duplicated"] == 0
    assert after["articles"] == clean_run["articles"]
    assert after["events"] == clean_run["events"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
