"""Parquet export with a stable, typed schema, and the reader that inverts it.

The columns and their order come from the column table (``columns.py``);
here each column kind gets its Arrow type. The schema is a contract like
``FLAT_COLUMNS``: add fields at the end, never rename or retype. Entities are
``list<struct>`` so several actors survive; dates are ``date32``; counts and
offsets ``int32``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.errors import StoreError
from dyad.records import Event
from dyad.store.columns import EVENT_TABLE, ColumnTable, View

ROWS_PER_GROUP = 5_000

ENTITY = pa.struct(
    [
        ("entity_text", pa.string()),
        ("entity_name", pa.string()),
        ("code", pa.string()),
        ("sector", pa.string()),
        ("identifier_id", pa.string()),
        ("kind", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("resolution", pa.string()),
    ]
)
PLACE = pa.struct(
    [
        ("extracted_place", pa.string()),
        ("resolved_place", pa.string()),
        ("geonameid", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("province", pa.string()),
        ("country_code", pa.string()),
        ("resolution", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("rule", pa.string()),
    ]
)
COUNT = pa.struct(
    [
        ("kind", pa.string()),
        ("value", pa.int32()),
        ("qualifier", pa.string()),
        ("group", pa.string()),
        ("text", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
    ]
)
CONTEXT_TAG = pa.struct(
    [
        ("name", pa.string()),
        ("level", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("source", pa.string()),
    ]
)

# Arrow type of each column kind (``columns.ColumnType.kind``).
ARROW_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "int8": pa.int8(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "strings": pa.list_(pa.string()),
    "entities": pa.list_(ENTITY),
    "place": PLACE,
    "counts": pa.list_(COUNT),
    "context_tags": pa.list_(CONTEXT_TAG),
}
# Kinds whose values are records (or tuples of them) that Arrow takes as dicts (or lists).
_NESTED = frozenset({"strings", "entities", "place", "counts", "context_tags"})
# events/2 added url, source and published (the article's provenance) at the end;
# events/3 added aggregate; events/4 context_evidence (why each context was given).
SCHEMA_TAG = b"events/4"


def arrow_schema(table: ColumnTable = EVENT_TABLE) -> pa.Schema:
    return pa.schema([(c.name, ARROW_TYPES[c.type.kind]) for c in table.view(View.PARQUET)], metadata={b"dyad.schema": SCHEMA_TAG})


PARQUET_SCHEMA = arrow_schema()


def _plain(value: Any) -> Any:
    """Records as dicts and tuples as lists, as Arrow takes them."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return value


def event_to_row(e: Event, table: ColumnTable = EVENT_TABLE) -> dict[str, Any]:
    """One Parquet row; every field of the Event is kept."""
    return {c.name: _plain(c.value(e)) if c.type.kind in _NESTED else c.value(e) for c in table.view(View.PARQUET)}


def _flush(writer: pq.ParquetWriter, rows: list[dict[str, Any]]) -> None:
    try:
        table = pa.Table.from_pylist(rows, schema=writer.schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
        first, last = rows[0]["id"], rows[-1]["id"]
        raise StoreError(f"cannot convert events {first} … {last} to Parquet: {exc}") from None
    writer.write_table(table)


def write_parquet(events: Iterable[Event], path: Path, table: ColumnTable = EVENT_TABLE) -> int:
    """Write ``events`` to ``path`` in row groups (bounded memory); return how many."""
    n = 0
    schema = arrow_schema(table)
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for e in events:
            rows.append(event_to_row(e, table))
            n += 1
            if len(rows) >= ROWS_PER_GROUP:
                _flush(writer, rows)
                rows = []
        if rows:
            _flush(writer, rows)
        elif n == 0:
            # An empty export still gets a valid file with the schema.
            writer.write_table(schema.empty_table())
    return n


def read_parquet_events(path: str | Path, table: ColumnTable = EVENT_TABLE) -> Iterator[Event]:
    """Events back from a file written by ``write_parquet`` (also an older one, without the newer columns)."""
    pf = pq.ParquetFile(str(path))
    for batch in pf.iter_batches(batch_size=ROWS_PER_GROUP):
        for row in batch.to_pylist():
            yield table.read_back(row, View.PARQUET)
