"""Exports and the API cite the article (issue #16); CSV keeps codes as text; files get the umask's permissions."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from legacy_schema import stamp_legacy
from sqlalchemy import select, text, update
from store_samples import make_coded

from dyad.records import CodedArticle
from dyad.store import EventFilter, Store
from dyad.store.cameo_tsv import GDELT_COLUMNS
from dyad.store.export import export_events
from dyad.store.schema import events

PROVENANCE = ("article_id", "url", "source", "published")
EXPECTED = {"article_id": "art-0001", "url": "https://news.example.org/story/1", "source": "Example Wire", "published": "2023-02-22"}


def _fill(store: Store) -> None:
    store.save(make_coded(1, n_events=2))
    appeal = dataclasses.replace(make_coded(2).events[0], event="REQUEST", mode=None, cameo="020", quad_code=3, id="")
    store.save(CodedArticle(article=make_coded(2).article, events=(appeal,)))


def test_every_export_carries_the_articles_provenance(store, tmp_path: Path):
    _fill(store)
    export_events(store, tmp_path / "e.jsonl", "jsonl")
    export_events(store, tmp_path / "e.csv", "csv")
    export_events(store, tmp_path / "e.parquet", "parquet")
    export_events(store, tmp_path / "e.tsv", "cameo-tsv")
    first_jsonl = json.loads((tmp_path / "e.jsonl").read_text("utf-8").splitlines()[0])
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as fh:
        first_csv = next(csv.DictReader(fh))
    first_parquet = pq.read_table(tmp_path / "e.parquet").to_pylist()[0]
    for got in (first_jsonl, first_csv, {**first_parquet, "published": first_parquet["published"].isoformat()}):
        assert {k: got[k] for k in PROVENANCE} == EXPECTED
    header, first_tsv, *_ = (line.split("\t") for line in (tmp_path / "e.tsv").read_text("utf-8").splitlines())
    assert dict(zip(header, first_tsv, strict=True))["SOURCEURL"] == EXPECTED["url"]


def test_the_api_carries_the_articles_provenance(tmp_path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.api import create_app

    db = str(tmp_path / "api.sqlite")
    with Store(db) as store:
        _fill(store)
    with TestClient(create_app(db)) as client:
        items = client.get("/events", params={"sort": "date"}).json()["items"]
        assert {k: items[0][k] for k in PROVENANCE} == EXPECTED
        one = client.get(f"/events/{items[0]['id']}").json()["event"]
        assert {k: one[k] for k in PROVENANCE} == EXPECTED
        article = client.get("/articles/art-0001").json()
        assert all(e["url"] == EXPECTED["url"] for e in article["events"])


def test_csv_keeps_cameo_codes_as_quoted_text(store, tmp_path: Path):
    _fill(store)
    export_events(store, tmp_path / "e.csv", "csv")
    raw = (tmp_path / "e.csv").read_text("utf-8")
    assert ',"020",' in raw and ',"042",' in raw
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as fh:
        # Quoted cells are text, unquoted ones numbers: "020" survives, 1.9 is a number.
        rows = list(csv.DictReader(fh, quoting=csv.QUOTE_NONNUMERIC))
    assert {r["cameo"] for r in rows} == {"020", "042", "173"}
    assert {r["goldstein"] for r in rows} >= {1.9, -5.0}
    assert all(r["mode"] != "None" for r in rows)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "cameo-tsv"])
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_exported_files_get_the_umask_permissions(sqlite_url, tmp_path: Path, fmt, umask):
    with Store(sqlite_url) as store:
        _fill(store)
        old = os.umask(umask)
        try:
            export_events(store, tmp_path / "out" / "events", fmt)
        finally:
            os.umask(old)
    assert (tmp_path / "out" / "events").stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_old_database_gains_provenance_the_story_tables_and_contexts(db_url, tmp_path: Path):
    """A version-3 database: records without provenance, no story tables, no context column. Opening it migrates them."""
    with Store(db_url) as store:
        _fill(store)
        with store.engine.begin() as conn:
            for event_id, record in conn.execute(select(events.c.id, events.c.record)).all():
                rec = json.loads(record)
                for key in ("url", "source", "published"):
                    del rec[key]
                conn.execute(update(events).where(events.c.id == event_id).values(record=json.dumps(rec, sort_keys=True)))
            for table in ("story_events", "stories", "stories_meta"):
                conn.execute(text(f"DROP TABLE {table}"))
            conn.execute(text("ALTER TABLE events DROP COLUMN context"))
            stamp_legacy(conn, 3)
    with Store(db_url) as store:
        assert {e.published for e in store.iter_events()} == {dt.date(2023, 2, 22)}
        diplomatic = [e for e in store.iter_events() if "diplomatic" in e.context]
        assert diplomatic and [e.id for e in store.iter_events(EventFilter(context=("diplomatic",)))] == [e.id for e in diplomatic]
        export_events(store, tmp_path / "e.jsonl", "jsonl")
        first = json.loads((tmp_path / "e.jsonl").read_text("utf-8").splitlines()[0])
        assert {k: first[k] for k in PROVENANCE} == EXPECTED
        from dyad.stories import list_stories

        assert list_stories(store)[0] == 3


def test_tsv_quad_class_in_a_stored_export(store, tmp_path: Path):
    _fill(store)
    export_events(store, tmp_path / "e.tsv", "cameo-tsv", header=False)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in (tmp_path / "e.tsv").read_text("utf-8").splitlines()]
    appeal = next(r for r in rows if r["EventCode"] == "020")
    assert appeal["QuadClass"] == "1"  # GDELT: appeals (root 02) are verbal cooperation; PLOVER's REQUEST is quad 3
