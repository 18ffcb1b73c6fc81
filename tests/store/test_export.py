"""Exports: each format round-trips, both backends export the same bytes, files appear whole or not at all."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from store_samples import make_coded
from typer.testing import CliRunner

from dyad.errors import ConfigError, StoreError
from dyad.records import event_from_plover
from dyad.schema import validate_record
from dyad.store import EventFilter, Store
from dyad.store.cameo_tsv import GDELT_COLUMNS, global_event_id
from dyad.store.export import ExportFormat, export_events
from dyad.store.flat import FLAT_COLUMNS, flatten_event
from dyad.store.parquet import PARQUET_SCHEMA, read_parquet_events


def fill(store: Store, n_articles: int = 6) -> None:
    for i in range(n_articles):
        store.save(make_coded(i, n_events=3, date=dt.date(2023, 1, 1) + dt.timedelta(days=i)))


def _cell(v: object) -> str:
    if isinstance(v, bool):
        return "1" if v else "0"  # booleans are numbers in the CSV (flat._csv_cell)
    return "" if v is None else str(v)


def test_jsonl_round_trips_and_validates(store, tmp_path):
    fill(store)
    n = export_events(store, tmp_path / "e.jsonl", "jsonl")
    lines = (tmp_path / "e.jsonl").read_text("utf-8").splitlines()
    assert n == len(lines) == 18
    for line in lines:
        validate_record(json.loads(line))
    assert [event_from_plover(json.loads(x)) for x in lines] == list(store.iter_events())


def test_csv_round_trips_by_column(store, tmp_path):
    fill(store)
    export_events(store, tmp_path / "e.csv", ExportFormat.csv)
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        rows = list(reader)
    expected = [{k: _cell(v) for k, v in flatten_event(e).items()} for e in store.iter_events()]
    assert rows == expected


def test_parquet_has_the_stable_typed_schema_and_round_trips(store, tmp_path):
    fill(store)
    path = tmp_path / "e.parquet"
    assert export_events(store, path, "parquet") == 18
    schema = pq.read_schema(path)
    assert schema.remove_metadata().equals(PARQUET_SCHEMA.remove_metadata())
    assert schema.field("date").type == pa.date32()
    assert schema.field("dead").type == pa.int32()
    assert pa.types.is_list(schema.field("actor").type) and pa.types.is_struct(schema.field("actor").type.value_type)
    assert list(read_parquet_events(path)) == list(store.iter_events())
    table = pq.read_table(path)
    assert table.column("arrested").to_pylist() == [e.size()["arrested"] for e in store.iter_events()]
    assert 12 in table.column("arrested").to_pylist()


def test_empty_parquet_export_still_has_the_schema(store, tmp_path):
    assert export_events(store, tmp_path / "none.parquet", "parquet") == 0
    assert pq.read_table(tmp_path / "none.parquet").schema.names == PARQUET_SCHEMA.names


def test_cameo_tsv_follows_gdelt_columns(store, tmp_path):
    fill(store, 2)
    export_events(store, tmp_path / "e.tsv", "cameo-tsv")
    lines = (tmp_path / "e.tsv").read_text("utf-8").splitlines()
    header, *rows = [line.split("\t") for line in lines]
    assert len(GDELT_COLUMNS) == 61 and tuple(header) == GDELT_COLUMNS
    events = list(store.iter_events())
    assert len(rows) == len(events)
    by_name = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows]
    consult = next(r for r in by_name if r["EventCode"] == "042")
    coerce = next(r for r in by_name if r["EventCode"] == "173")
    assert [r["GLOBALEVENTID"] for r in by_name] == [str(global_event_id(e.id)) for e in events]
    assert [r["SQLDATE"] for r in by_name] == [e.date.strftime("%Y%m%d") for e in events]
    assert [r["MonthYear"] for r in by_name] == [e.date.strftime("%Y%m") for e in events]
    assert (consult["Actor1Code"], consult["Actor1CountryCode"], consult["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert consult["Actor1Name"] == "RUSSIA"
    assert (consult["Actor2Code"], consult["Actor2CountryCode"]) == ("CHNGOV", "CHN")
    assert (consult["EventCode"], consult["EventBaseCode"], consult["EventRootCode"]) == ("042", "042", "04")
    assert (consult["QuadClass"], consult["GoldsteinScale"]) == ("1", "1.9")
    assert consult["SOURCEURL"].startswith("https://news.example.org/story/")
    assert len(consult["DATEADDED"]) == 14 and consult["IsRootEvent"] == "1"
    assert (coerce["Actor1Code"], coerce["Actor1CountryCode"], coerce["Actor2Code"]) == ("COP", "", "")
    assert (coerce["EventCode"], coerce["EventBaseCode"], coerce["EventRootCode"]) == ("173", "173", "17")
    assert coerce["ActionGeo_Type"] == "4" and coerce["ActionGeo_CountryCode"] == "RS"  # FIPS code of Russia
    assert coerce["ActionGeo_FullName"] == "Kazan, Tatarstan, Russia"
    assert (coerce["ActionGeo_Lat"], coerce["ActionGeo_Long"], coerce["ActionGeo_FeatureID"]) == ("55.79", "49.12", "551487")
    assert coerce["IsRootEvent"] == "0"  # its sentence is not in the lead paragraph


def test_cameo_tsv_without_header_and_no_tabs_in_cells(store, tmp_path):
    coded = make_coded(1)
    store.save(coded.__class__(article=coded.article.__class__(**{**{f: getattr(coded.article, f) for f in coded.article.__slots__}, "url": "http://x.org/a\tb\nc"}), events=coded.events))
    export_events(store, tmp_path / "e.tsv", "cameo-tsv", header=False)
    lines = (tmp_path / "e.tsv").read_text("utf-8").splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)


def test_filters_apply_to_exports(store, tmp_path):
    fill(store)
    n = export_events(store, tmp_path / "f.jsonl", "jsonl", EventFilter(actor="RUS", since=dt.date(2023, 1, 3)))
    got = [json.loads(x) for x in (tmp_path / "f.jsonl").read_text().splitlines()]
    assert n == len(got) == 6  # articles 3..5 (dated 01-03..01-05), two RUS events each
    assert all(r["date"] >= "2023-01-03" and r["actor"][0]["code"] == "RUS" for r in got)


@pytest.mark.postgres
@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_sqlite_and_postgresql_export_the_same(fmt, sqlite_url, pg_url, tmp_path):
    out = {}
    for name, url in (("sqlite", sqlite_url), ("pg", pg_url)):
        with Store(url) as s:
            # Saved in a scrambled order: the export order must not depend on it.
            for i in (4, 1, 5, 0, 3, 2):
                s.save(make_coded(i, n_events=3, date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 3)))
            export_events(s, tmp_path / f"{name}.out", fmt)
    if fmt is ExportFormat.parquet:
        assert pq.read_table(tmp_path / "sqlite.out").equals(pq.read_table(tmp_path / "pg.out"))
        return
    a, b = ((tmp_path / f"{n}.out").read_text("utf-8") for n in ("sqlite", "pg"))
    if fmt is ExportFormat.cameo_tsv:
        # DATEADDED is when each database stored the article: the only column allowed to differ.
        col = GDELT_COLUMNS.index("DATEADDED")
        a, b = ([r.split("\t")[:col] + r.split("\t")[col + 1 :] for r in t.splitlines()] for t in (a, b))  # type: ignore[assignment]
    assert a == b


def test_a_failed_export_leaves_the_old_file_and_no_temp(store, tmp_path, monkeypatch):
    fill(store)
    target = tmp_path / "e.jsonl"
    target.write_text("previous export\n")

    def broken(*_a, **_k):
        yield next(iter(store.iter_events()))
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "iter_events", broken)
    with pytest.raises(RuntimeError):
        export_events(store, target, "jsonl")
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["e.jsonl"] or all(not p.name.endswith(".part") for p in tmp_path.iterdir())


def test_parquet_refuses_out_of_range_counts_with_a_clear_error(store, tmp_path):
    from dyad.store.parquet import write_parquet

    coded = make_coded(1)
    ev = coded.events[1]
    huge = ev.__class__(**{**{f: getattr(ev, f) for f in ev.__slots__}, "counts": (ev.counts[0].__class__("crowd", 10**12),)})
    with pytest.raises(StoreError, match="Parquet"):
        write_parquet([huge], tmp_path / "x.parquet")


def test_output_paths_are_checked(sqlite_url, tmp_path):
    with Store(sqlite_url) as s:
        with pytest.raises(ConfigError, match="directory"):
            export_events(s, tmp_path, "jsonl")
        with pytest.raises(ConfigError, match="database itself"):
            export_events(s, sqlite_url, "csv")
        with pytest.raises(ConfigError, match="stdout"):
            export_events(s, "-", "parquet")
    assert Path(sqlite_url).stat().st_size > 0


# -- the command ----------------------------------------------------------------


def _app() -> typer.Typer:
    from dyad.cli.export_cmd import export_cmd

    app = typer.Typer()
    app.command("export")(export_cmd)
    app.command("noop")(lambda: None)  # two commands, so "export" is a subcommand as in dyad
    return app


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "cameo-tsv"])
def test_export_command(db_url, tmp_path, fmt):
    with Store(db_url) as s:
        fill(s, 3)
    out = tmp_path / "sub" / f"events.{fmt}"
    res = CliRunner().invoke(_app(), ["export", "--db", db_url, "--format", fmt, "--output", str(out), "--type", "CONSULT"])
    assert res.exit_code == 0, res.output
    assert out.is_file()
    if fmt == "jsonl":
        assert {json.loads(x)["event"] for x in out.read_text().splitlines()} == {"CONSULT"}


def test_export_command_reads_dyad_db_from_the_environment(db_url, tmp_path, monkeypatch):
    with Store(db_url) as s:
        fill(s, 2)
        expected = s.count_events(EventFilter(since=dt.date(2023, 1, 2)))
    monkeypatch.setenv("DYAD_DB", db_url)
    res = CliRunner().invoke(_app(), ["export", "-f", "jsonl", "-o", "-", "--since", "2023-01-02"])
    assert res.exit_code == 0, res.output
    assert 0 < len(res.stdout.splitlines()) == expected < 6


def test_export_command_rejects_a_bad_format_and_date(tmp_path):
    r1 = CliRunner().invoke(_app(), ["export", "-f", "xml", "-o", str(tmp_path / "x")])
    r2 = CliRunner().invoke(_app(), ["export", "--since", "yesterday", "-o", str(tmp_path / "x")])
    assert r1.exit_code == 2 and r2.exit_code == 2


def test_special_files_are_written_in_place_never_replaced(tmp_path):
    import os
    import stat
    import threading

    from dyad.cli.output import open_output
    from dyad.store.export import atomic_path, is_special_file

    assert is_special_file(Path("/dev/null"))
    assert not is_special_file(tmp_path / "missing.csv")
    assert not is_special_file(tmp_path)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    for write in (lambda: _write_atomic(atomic_path, fifo), lambda: _write_output(open_output, fifo)):
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
        reader.start()
        write()
        reader.join(10)
        assert got == ["hello\n"]
        assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO, not a renamed file
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]  # no temporary left behind


def _write_atomic(atomic_path, target) -> None:  # type: ignore[no-untyped-def]
    with atomic_path(target) as path:
        path.write_text("hello\n")


def _write_output(open_output, target) -> None:  # type: ignore[no-untyped-def]
    with open_output(str(target)) as fh:
        fh.write("hello\n")
