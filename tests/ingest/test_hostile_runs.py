"""Issue 17: whole runs over hostile files, every reader and every field type.
Invariant: the run ends (exit code 0 or 3, no exception), every good record is
stored, memory grows by less than 1 GB. bench/hostile.py runs the same at scale."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile_factory import hostile_files, lost_good_records, renamed, write  # noqa: E402

from dyad.batch import code_corpus  # noqa: E402
from dyad.ingest import read_articles  # noqa: E402
from dyad.store import Store  # noqa: E402

pytestmark = pytest.mark.model


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(files=st.lists(hostile_files(), min_size=1, max_size=4))
def test_a_run_over_hostile_files_keeps_every_good_record(files, pipeline, tmp_path_factory):
    files = [renamed(f, f"h{i}") for i, f in enumerate(files)]
    folder = tmp_path_factory.mktemp("hostile")
    write(folder, files)
    rss = psutil.Process().memory_info().rss
    with Store(str(folder / "db.sqlite")) as store:
        report = code_corpus(read_articles([folder], dt.date(2023, 2, 22)), pipeline, store)
        assert report.exit_code in (0, 3)
        assert lost_good_records(store, files) == []
    assert psutil.Process().memory_info().rss - rss < 1_000_000_000
