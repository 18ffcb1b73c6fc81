"""Parquet export with a stable, typed schema, and the reader that inverts it.

The schema is a contract like ``FLAT_COLUMNS``: add fields at the end, never
rename or retype. Entities are ``list<struct>`` so several actors survive;
dates are ``date32``; counts and offsets ``int32``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.errors import StoreError
from dyad.records import Count, Entity, Event, EventDate, Offsets, Place

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

PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("date_start", pa.int32()),
        ("date_end", pa.int32()),
        ("event", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_code", pa.int8()),
        ("actor", pa.list_(ENTITY)),
        ("recipient", pa.list_(ENTITY)),
        ("reported_by", pa.list_(ENTITY)),
        ("context", pa.list_(pa.string())),
        ("event_loc", PLACE),
        ("dead", pa.int32()),
        ("injured", pa.int32()),
        ("arrested", pa.int32()),
        ("crowd", pa.int32()),
        ("counts", pa.list_(COUNT)),
        ("event_text", pa.string()),
        ("text", pa.string()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("confidence", pa.float64()),
        ("rule", pa.string()),
    ],
    metadata={b"dyad.schema": b"events/1"},
)


def _entity(e: Entity) -> dict[str, Any]:
    return {k: getattr(e, k) for k in ENTITY.names}


def event_to_row(e: Event) -> dict[str, Any]:
    """One Parquet row; every field of the Event is kept."""
    size = e.size()
    loc = e.event_loc
    return {
        "id": e.id,
        "article_id": e.article_id,
        "date": e.when.date,
        "date_precision": e.when.precision,
        "date_text": e.when.text,
        "date_start": e.when.start,
        "date_end": e.when.end,
        "event": e.event,
        "mode": e.mode,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_code": e.quad_code,
        "actor": [_entity(x) for x in e.actor],
        "recipient": [_entity(x) for x in e.recipient],
        "reported_by": [_entity(x) for x in e.reported_by],
        "context": list(e.context),
        "event_loc": None if loc is None else {k: getattr(loc, k) for k in PLACE.names},
        **size,
        "counts": [{k: getattr(c, k) for k in COUNT.names} for c in e.counts],
        "event_text": e.event_text,
        "text": e.text,
        "sentence_start": e.offsets.sentence_start,
        "sentence_end": e.offsets.sentence_end,
        "trigger_start": e.offsets.trigger_start,
        "trigger_end": e.offsets.trigger_end,
        "confidence": e.confidence,
        "rule": e.rule,
    }


def _flush(writer: pq.ParquetWriter, rows: list[dict[str, Any]]) -> None:
    try:
        table = pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
        first, last = rows[0]["id"], rows[-1]["id"]
        raise StoreError(f"cannot convert events {first} … {last} to Parquet: {exc}") from None
    writer.write_table(table)


def write_parquet(events: Iterable[Event], path: Path) -> int:
    """Write ``events`` to ``path`` in row groups (bounded memory); return how many."""
    n = 0
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for e in events:
            rows.append(event_to_row(e))
            n += 1
            if len(rows) >= ROWS_PER_GROUP:
                _flush(writer, rows)
                rows = []
        if rows:
            _flush(writer, rows)
        elif n == 0:
            # An empty export still gets a valid file with the schema.
            writer.write_table(PARQUET_SCHEMA.empty_table())
    return n


def _event_from_row(r: dict[str, Any]) -> Event:
    loc = r["event_loc"]
    return Event(
        id=r["id"],
        article_id=r["article_id"],
        event=r["event"],
        mode=r["mode"],
        cameo=r["cameo"],
        goldstein=r["goldstein"],
        quad_code=r["quad_code"],
        actor=tuple(Entity(**x) for x in r["actor"]),
        recipient=tuple(Entity(**x) for x in r["recipient"]),
        reported_by=tuple(Entity(**x) for x in r["reported_by"]),
        when=EventDate(r["date"], r["date_precision"], r["date_text"], r["date_start"], r["date_end"]),
        event_text=r["event_text"],
        text=r["text"],
        offsets=Offsets(r["sentence_start"], r["sentence_end"], r["trigger_start"], r["trigger_end"]),
        rule=r["rule"],
        confidence=r["confidence"],
        context=tuple(r["context"]),
        event_loc=None if loc is None else Place(**loc),
        counts=tuple(Count(**c) for c in r["counts"]),
    )


def read_parquet_events(path: str | Path) -> Iterator[Event]:
    """Events back from a file written by ``write_parquet``."""
    pf = pq.ParquetFile(str(path))
    for batch in pf.iter_batches(batch_size=ROWS_PER_GROUP):
        for row in batch.to_pylist():
            yield _event_from_row(row)
