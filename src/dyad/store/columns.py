"""The event column table: every tabular form of an ``Event``, declared once.

Each ``EventColumn`` names a column, its type, how its value is read from an
Event, which views it belongs to and what it means:

- ``STORE``: the SQL ``events`` table (its columns are for filtering and
  sorting; the full record is kept as JSON in ``record``);
- ``FLAT``: one CSV/TSV row per event (``dyad.store.flat``);
- ``PARQUET``: the typed, lossless Parquet file (``dyad.store.parquet``).

A column with a ``path`` (``"when.date"``) is read from that attribute and
written back there when a row is read back into an Event; a column with a
``read`` function is derived (the first actor's code, the largest count) and
is not written back. The SQLAlchemy table, the store row, the flat row, the
Parquet schema and rows, and the Parquet reader are all generated from
``EVENT_TABLE``: adding a field to ``Event`` is one entry here.

A name is unique within a view. The same name may stand for two columns in
two views, declared as two entries: the store's ``actor_code`` is the first
actor's (it is indexed and sorted on), the flat ``actor_code`` joins every
actor's with ';'. The flat and Parquet orders are contracts: add at the end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeEngine

from dyad.records import Entity, Event


class View(enum.Flag):
    STORE = enum.auto()
    FLAT = enum.auto()
    PARQUET = enum.auto()


S, F, P = View.STORE, View.FLAT, View.PARQUET
ALL = S | F | P


def _same(value: Any) -> Any:
    return value


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True, slots=True)
class ColumnType:
    """``kind`` names the Arrow type (``parquet.ARROW_TYPES``); ``sql`` is None for
    lists and structs, which only Parquet holds; ``to_cell`` gives the value a
    store or flat cell holds (dates as ISO text)."""

    kind: str
    sql: TypeEngine[Any] | None
    to_cell: Callable[[Any], Any] = _same


def text(length: int | None = None) -> ColumnType:
    """Text; a length makes it a VARCHAR in the store (values are cut to fit: ``schema.fit_value``)."""
    return ColumnType("text", String(length) if length else Text())


TEXT = text()
INT8 = ColumnType("int8", Integer())
INT32 = ColumnType("int32", Integer())
INT64 = ColumnType("int64", Integer())
FLOAT = ColumnType("float", Float())
DATE = ColumnType("date", String(10), _iso)
BOOL = ColumnType("bool", Boolean())
STRINGS = ColumnType("strings", None)
ENTITIES = ColumnType("entities", None)
PLACE = ColumnType("place", None)
COUNTS = ColumnType("counts", None)
CONTEXT_TAGS = ColumnType("context_tags", None)


@dataclass(frozen=True, slots=True)
class EventColumn:
    name: str
    type: ColumnType
    views: View
    doc: str
    path: str | None = None  # attribute path in the Event: read from and written back to
    read: Callable[[Event], Any] | None = None  # derived value (not written back)
    required: bool = False  # NOT NULL in the store
    indexed: bool = False
    key: bool = False
    references: str | None = None  # "table.column"

    def __post_init__(self) -> None:
        if (self.path is None) == (self.read is None):
            raise ValueError(f"column {self.name}: give a path or a read function, not both or neither")
        if View.STORE in self.views and self.type.sql is None:
            raise ValueError(f"column {self.name}: a {self.type.kind} column cannot be stored in SQL")
        if self.read is None:
            object.__setattr__(self, "read", attrgetter(self.path))  # type: ignore[arg-type]

    def value(self, e: Event) -> Any:
        return self.read(e)  # type: ignore[misc]

    def cell(self, e: Event) -> Any:
        return self.type.to_cell(self.read(e))  # type: ignore[misc]

    def sql_column(self) -> Column[Any]:
        extra = (ForeignKey(self.references, ondelete="CASCADE"),) if self.references else ()
        nullable = not (self.required or self.key)
        return Column(self.name, self.type.sql, *extra, primary_key=self.key, nullable=nullable, index=self.indexed or None)


@dataclass(frozen=True)
class ColumnTable:
    """Columns in declaration order, and the record type rows are read back into."""

    columns: tuple[EventColumn, ...]
    record: type[Event] = Event
    _views: dict[View, tuple[EventColumn, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        views = {v: tuple(c for c in self.columns if v in c.views) for v in (S, F, P)}
        for v, cols in views.items():
            names = [c.name for c in cols]
            if len(names) != len(set(names)):
                raise ValueError(f"two {v.name} columns share a name: {sorted(n for n in names if names.count(n) > 1)}")
        object.__setattr__(self, "_views", views)

    def extend(self, *columns: EventColumn, record: type[Event] | None = None) -> ColumnTable:
        return ColumnTable((*self.columns, *columns), record or self.record)

    def view(self, v: View) -> tuple[EventColumn, ...]:
        return self._views[v]

    def names(self, v: View) -> tuple[str, ...]:
        return tuple(c.name for c in self._views[v])

    def sql_table(self, metadata: MetaData, name: str = "events") -> Table:
        return Table(name, metadata, *(c.sql_column() for c in self._views[S]))

    def store_row(self, e: Event) -> dict[str, Any]:
        return {c.name: c.cell(e) for c in self._views[S]}

    def flat_row(self, e: Event) -> dict[str, Any]:
        return {c.name: c.cell(e) for c in self._views[F]}

    def read_back(self, values: Mapping[str, Any], v: View = P) -> Event:
        """The Event whose ``v`` row is ``values`` (a view that holds every field: Parquet).

        Columns missing from ``values`` (a file older than they are) keep the record's defaults.
        """
        nested: dict[str, Any] = {}
        for c in self._views[v]:
            if c.path is None or c.name not in values:
                continue
            *parents, leaf = c.path.split(".")
            slot = nested
            for p in parents:
                slot = slot.setdefault(p, {})
            slot[leaf] = values[c.name]
        return _build(self.record, nested)


def markdown_table(table: ColumnTable, view: View) -> str:
    """The columns of ``view`` as a Markdown table (docs/exports.md shows the flat one; a test checks it)."""
    rows = ["| column | type | meaning |", "|---|---|---|"]
    rows += [f"| {c.name} | {c.type.kind} | {c.doc} |" for c in table.view(view)]
    return "\n".join(rows)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, values: Mapping[str, Any]) -> Any:
    hints = _hints(cls)
    return cls(**{k: _coerce(hints[k], v) for k, v in values.items()})


def _coerce(hint: Any, value: Any) -> Any:
    """A plain value (dicts, lists) as the record type ``hint`` names."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _coerce(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_coerce(item, v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
        return _build(hint, value)  # type: ignore[arg-type]
    return value


# -- how derived columns are read ----------------------------------------------------


def _first(role: str, attr: str) -> Callable[[Event], Any]:
    def read(e: Event) -> Any:
        ents: tuple[Entity, ...] = getattr(e, role)
        return getattr(ents[0], attr) if ents else None

    return read


def _first_name(role: str) -> Callable[[Event], str | None]:
    def read(e: Event) -> str | None:
        ents: tuple[Entity, ...] = getattr(e, role)
        return (ents[0].entity_name or ents[0].entity_text) if ents else None

    return read


def _joined(role: str, attr: str) -> Callable[[Event], str | None]:
    """Several entities in one cell, in order, joined with ';' (None when all are empty)."""

    def read(e: Event) -> str | None:
        vals = [getattr(x, attr) or "" for x in getattr(e, role)]
        return ";".join(vals) if any(vals) else None

    return read


def _place(attr: str) -> Callable[[Event], Any]:
    def read(e: Event) -> Any:
        return None if e.event_loc is None else getattr(e.event_loc, attr)

    return read


def _place_name(e: Event) -> str | None:
    loc = e.event_loc
    return (loc.resolved_place or loc.extracted_place) if loc else None


def _size(kind: str) -> Callable[[Event], int | None]:
    return lambda e: e.size()[kind]


def _reported_by(e: Event) -> str | None:
    return _joined("reported_by", "entity_name")(e) or _joined("reported_by", "entity_text")(e)


def _contexts(e: Event) -> str | None:
    return ";".join(e.context) or None


def _record(e: Event) -> str:
    return json.dumps(e.to_plover(), ensure_ascii=False, sort_keys=True)


def _entity_columns() -> list[EventColumn]:
    """Flat: every entity of a role joined; store: the first entity's, indexed for filters and sorts."""
    out: list[EventColumn] = []
    for role in ("actor", "recipient"):
        out += [
            EventColumn(f"{role}_text", TEXT, F, f"the words naming each {role}", read=_joined(role, "entity_text")),
            EventColumn(f"{role}_name", TEXT, F, f"canonical name of each {role}", read=_joined(role, "entity_name")),
            EventColumn(f"{role}_code", TEXT, F, f"country or IGO code of each {role}", read=_joined(role, "code")),
            EventColumn(f"{role}_sector", TEXT, F, f"PLOVER sector of each {role}", read=_joined(role, "sector")),
            EventColumn(f"{role}_id", TEXT, F, f"identifier (Wikidata QID) of each {role}", read=_joined(role, "identifier_id")),
        ]
    for role in ("actor", "recipient"):
        out += [
            EventColumn(f"{role}_code", text(16), S, f"the first {role}'s code", read=_first(role, "code"), indexed=True),
            EventColumn(f"{role}_sector", text(16), S, f"the first {role}'s sector", read=_first(role, "sector")),
            EventColumn(f"{role}_name", TEXT, S, f"the first {role}'s name (else its words)", read=_first_name(role)),
        ]
    return out


EVENT_COLUMNS: tuple[EventColumn, ...] = (
    EventColumn("id", text(240), ALL, "stable event id", path="id", key=True),
    EventColumn("article_id", text(200), ALL, "the article's id", path="article_id", required=True, indexed=True, references="articles.id"),
    EventColumn("date", DATE, ALL, "when the event happened", path="when.date", required=True, indexed=True),
    EventColumn("date_precision", text(16), ALL, "day, week, month, season, year or article", path="when.precision", required=True),
    EventColumn("date_text", TEXT, F | P, "the phrase that dated it", path="when.text"),
    EventColumn("date_start", INT32, P, "offset of the date phrase", path="when.start"),
    EventColumn("date_end", INT32, P, "end offset of the date phrase", path="when.end"),
    EventColumn("event", text(16), ALL, "PLOVER event type", path="event", required=True, indexed=True),
    EventColumn("mode", text(40), ALL, "PLOVER mode", path="mode"),
    EventColumn("cameo", text(8), ALL, "nearest CAMEO code (a string: 020 keeps its zero)", path="cameo"),
    EventColumn("goldstein", FLOAT, ALL, "Goldstein score of the CAMEO code", path="goldstein"),
    EventColumn("quad_code", INT8, ALL, "PLOVER quad class, 1-4", path="quad_code"),
    *_entity_columns(),
    EventColumn("actor", ENTITIES, P, "every actor entity", path="actor"),
    EventColumn("recipient", ENTITIES, P, "every recipient entity", path="recipient"),
    EventColumn("reported_by", ENTITIES, P, "who reported the event ('X said')", path="reported_by"),
    EventColumn("context", STRINGS, P, "PLOVER contexts", path="context"),
    EventColumn("event_loc", PLACE, P, "the geocoded place (null when unplaced)", path="event_loc"),
    EventColumn("place", TEXT, S | F, "place name (resolved, else as written)", read=_place_name),
    EventColumn("lat", FLOAT, S | F, "latitude", read=_place("lat")),
    EventColumn("lon", FLOAT, S | F, "longitude", read=_place("lon")),
    EventColumn("province", TEXT, F, "admin-1 name", read=_place("province")),
    EventColumn("place_country", text(3), S | F, "ISO alpha-3 country of the place", read=_place("country_code")),
    EventColumn("place_resolution", TEXT, S | F, "region, country, admin1, admin2, populated_place or point", read=_place("resolution")),
    EventColumn("geonameid", INT64, F, "GeoNames id", read=_place("geonameid")),
    *(EventColumn(k, INT32, ALL, f"largest '{k}' count (null when none)", read=_size(k)) for k in ("dead", "injured", "arrested", "crowd")),
    EventColumn("counts", COUNTS, P, "every count with its qualifier and offsets", path="counts"),
    EventColumn("event_text", TEXT, ALL, "the trigger words", path="event_text", required=True),
    EventColumn("text", TEXT, F | P, "the sentence", path="text"),
    EventColumn("sentence_start", INT32, ALL, "offset of the sentence", path="offsets.sentence_start", required=True),
    EventColumn("sentence_end", INT32, F | P, "end offset of the sentence", path="offsets.sentence_end"),
    EventColumn("trigger_start", INT32, ALL, "offset of the trigger", path="offsets.trigger_start", required=True),
    EventColumn("trigger_end", INT32, F | P, "end offset of the trigger", path="offsets.trigger_end"),
    EventColumn("confidence", FLOAT, S | P, "how sure the coder is, 0-1", path="confidence", required=True),
    EventColumn("confidence", FLOAT, F, "how sure the coder is, 0-1 (three decimals)", read=lambda e: round(e.confidence, 3)),
    EventColumn("rule", TEXT, ALL, "the rule that coded it", path="rule", required=True),
    EventColumn("reported_by", TEXT, F, "names of who reported it, ';'-joined", read=_reported_by),
    EventColumn("url", TEXT, F | P, "the article's URL", path="url"),
    EventColumn("source", TEXT, F | P, "the article's outlet", path="source"),
    EventColumn("published", DATE, F | P, "the article's date", path="published"),
    EventColumn("aggregate", BOOL, ALL, "a tally of many incidents over a month or more (left out of counts and maps); 1 or 0 in CSV",
                read=attrgetter("aggregate"), indexed=True),
    EventColumn("record", TEXT, S, "the PLOVER JSON record (what exports and the API give)", read=_record, required=True),
    # Filtered with --context (filters.py matches one name between the ';'s).
    EventColumn("context", TEXT, S | F, "PLOVER contexts, ';'-joined: general ones (most probable first), then auxiliary modes", read=_contexts),
    EventColumn("context_evidence", CONTEXT_TAGS, P, "why each general context was given: level, words, offsets, rule", path="context_evidence"),
)  # fmt: skip

EVENT_TABLE = ColumnTable(EVENT_COLUMNS)
