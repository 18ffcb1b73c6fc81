"""The column table: the contracts it generates, and a new field is one entry.

``TonedEvent`` and ``TONE`` show what adding a field to ``Event`` takes: the
field on the record and one column entry. It then reaches the store row and
the SQL table, the flat row and CSV, Parquet, and comes back from Parquet.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine, select
from store_samples import make_coded

from dyad.records import Event
from dyad.store.columns import ALL, EVENT_TABLE, FLOAT, EventColumn, View, markdown_table, text
from dyad.store.flat import FLAT_COLUMNS, flatten_event, write_csv
from dyad.store.parquet import PARQUET_SCHEMA, read_parquet_events, write_parquet
from dyad.store.schema import events

# The contracts as they were before the column table, then what was added at the end.
OLD_FLAT = (
    "id", "article_id", "date", "date_precision", "date_text", "event", "mode", "cameo", "goldstein", "quad_code",
    "actor_text", "actor_name", "actor_code", "actor_sector", "actor_id",
    "recipient_text", "recipient_name", "recipient_code", "recipient_sector", "recipient_id",
    "place", "lat", "lon", "province", "place_country", "place_resolution", "geonameid", "dead", "injured", "arrested", "crowd",
    "event_text", "text", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "confidence", "rule", "reported_by",
)  # fmt: skip
OLD_PARQUET = (
    "id", "article_id", "date", "date_precision", "date_text", "date_start", "date_end", "event", "mode", "cameo", "goldstein",
    "quad_code", "actor", "recipient", "reported_by", "context", "event_loc", "dead", "injured", "arrested", "crowd", "counts",
    "event_text", "text", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "confidence", "rule",
)  # fmt: skip
OLD_STORE = {
    "id", "article_id", "date", "date_precision", "event", "mode", "cameo", "goldstein", "quad_code", "actor_code",
    "actor_sector", "actor_name", "recipient_code", "recipient_sector", "recipient_name", "place", "lat", "lon",
    "place_country", "dead", "injured", "arrested", "crowd", "confidence", "rule", "event_text", "sentence_start",
    "trigger_start", "record",
}  # fmt: skip
PROVENANCE = ("url", "source", "published")
ADDED = (*PROVENANCE, "aggregate")  # in the order they were added (issue #16)


def test_the_generated_contracts_only_grow_at_the_end():
    assert FLAT_COLUMNS == OLD_FLAT + ADDED + ("context",)
    assert tuple(PARQUET_SCHEMA.names) == OLD_PARQUET + ADDED + ("context_evidence",)
    assert set(events.c.keys()) == OLD_STORE | {"aggregate", "context", "place_resolution"}
    indexed = {c.name for c in events.c if c.index}
    assert indexed == {"article_id", "date", "event", "actor_code", "recipient_code", "aggregate"}
    assert {c.name for c in events.c if not c.nullable} >= {"id", "article_id", "date", "event", "record", "confidence"}


def test_store_and_flat_columns_of_one_name_may_differ():
    """The store keeps the first actor (indexed, sorted on); the flat row joins all of them."""
    e = make_coded(1).events[0]  # recipients: China, then Nato
    assert EVENT_TABLE.store_row(e)["recipient_code"] == "CHN"
    assert flatten_event(e)["recipient_code"] == "CHN;IGO"


def test_a_name_is_unique_within_a_view():
    dup = EventColumn("mode", text(), View.FLAT, "again", path="mode")
    with pytest.raises(ValueError, match="mode"):
        EVENT_TABLE.extend(dup)
    with pytest.raises(ValueError, match="path or a read"):
        EventColumn("x", FLOAT, ALL, "neither")


# -- a new field: the record plus one entry -------------------------------------------


@dataclass(frozen=True, slots=True)
class TonedEvent(Event):
    tone: float | None = None  # the new field on the record …


TONE = EventColumn("tone", FLOAT, ALL, "average tone of the sentence", path="tone")  # … and its one entry
TONED = EVENT_TABLE.extend(TONE, record=TonedEvent)


def _toned(tone: float = -2.5) -> TonedEvent:
    e = make_coded(1).events[1]
    return TonedEvent(**{f.name: getattr(e, f.name) for f in dataclasses.fields(Event)}, tone=tone)


def test_a_new_field_reaches_the_store_row_and_the_sql_table():
    e = _toned()
    row = TONED.store_row(e)
    assert row["tone"] == -2.5 and row["id"] == e.id
    metadata = MetaData()
    Table("articles", metadata, Column("id", String(200), primary_key=True))
    table = TONED.sql_table(metadata)
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.execute(metadata.tables["articles"].insert().values(id=e.article_id))
        conn.execute(table.insert(), row)
        assert conn.execute(select(table.c.tone, table.c.date)).one() == (-2.5, e.date.isoformat())


def test_a_new_field_reaches_the_flat_row_and_csv():
    e = _toned()
    assert TONED.names(View.FLAT)[-1] == "tone" and flatten_event(e, TONED)["tone"] == -2.5
    out = io.StringIO()
    write_csv([e], out, TONED)
    header, line = out.getvalue().splitlines()
    assert header.split(",")[-1].strip('"') == "tone" and line.endswith(",-2.5")


def test_a_new_field_goes_to_parquet_and_back(tmp_path: Path):
    e = _toned()
    path = tmp_path / "toned.parquet"
    write_parquet([e, _toned(1.0)], path, TONED)
    assert pq.read_schema(path).names[-1] == "tone"
    back = list(read_parquet_events(path, TONED))
    assert back == [e, _toned(1.0)] and type(back[0]) is TonedEvent


def test_parquet_files_without_the_newer_columns_still_read(tmp_path: Path):
    coded = make_coded(2, n_events=3)
    path, old = tmp_path / "new.parquet", tmp_path / "old.parquet"
    write_parquet(coded.events, path)
    pq.write_table(pq.read_table(path).drop_columns(list(PROVENANCE)), old)
    back = list(read_parquet_events(old))
    assert back == [dataclasses.replace(e, url=None, source=None, published=None) for e in coded.events]


def test_every_exported_column_is_documented():
    docs = (Path(__file__).parents[2] / "docs" / "exports.md").read_text("utf-8")
    assert markdown_table(EVENT_TABLE, View.FLAT) in docs, "regenerate the flat column table in docs/exports.md"
    parquet_section = docs.split("### Parquet schema", 1)[1].split("###", 1)[0]
    assert all(name in parquet_section for name in PARQUET_SCHEMA.names)
