"""The event filter and its one translation into SQL.

Every reader of events builds its WHERE clause here: ``Store.iter_events``
and ``count_events`` (``dyad events``, ``dyad export``), the API's pages and
counts, ``dyad series`` and the stories. So a filter selects the same events
on every path, on both backends.

Filter values are fitted the way stored values are (``schema.fit_value``):
a NUL becomes U+FFFD and a value is cut to its column's length. A long
identifier is stored cut, and looked for cut the same way, so it is found;
PostgreSQL, which refuses NUL in a parameter, gets none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, false, func, literal, or_, select

from dyad.store.schema import event_entities, events, fit_value

# The entity columns an actor or recipient filter matches, each against its own
# (role, column) index: code (RUS), sector (MIL), identifier (Q159) or name.
ENTITY_COLUMNS = (event_entities.c.code, event_entities.c.sector, event_entities.c.identifier_id, event_entities.c.entity_name)
ROLES = ("actor", "recipient")


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # country/IGO code, sector code, identifier or name of the actor
    recipient: str | None = None
    event: str | None = None  # PLOVER type
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: str | None = None
    min_confidence: float | None = None
    context: tuple[str, ...] = ()  # PLOVER contexts: events with any of them
    date_precision: tuple[str, ...] = ()  # any of these (day, week, month, season, year, article)
    aggregate: bool | None = None  # False: leave out tallies of many incidents (Event.aggregate); True: only those


def _context_pattern(name: str) -> str:
    """A LIKE pattern for ``name`` between the ';'s of the context column (``_`` taken literally)."""
    return "%;" + name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ";%"


# Codes are stored upper-case (RUS, MIL, Q159); a name is never three lower-case letters.
_LOWER_CODE = re.compile(r"[a-z]{3}|q\d+")


def normalise_code(value: str) -> str:
    """'rus' → 'RUS', 'q159' → 'Q159'; names and codes already upper-case are kept."""
    value = value.strip()
    return value.upper() if _LOWER_CODE.fullmatch(value) else value


def _entity_values(role: str, value: str) -> dict[str, object]:
    value = normalise_code(value)
    return {f"{role}_{col.name}": fit_value(col, value) for col in ENTITY_COLUMNS}


def filter_values(f: EventFilter) -> dict[str, object]:
    """The values ``f`` binds, by parameter name; an empty string filters nothing."""
    out: dict[str, object] = {}
    for role in ROLES:
        value = getattr(f, role)
        if value:
            out.update(_entity_values(role, value))
    if f.event:
        out["event"] = fit_value(events.c.event, f.event.upper())
    if f.since:
        out["since"] = f.since.isoformat()
    if f.until:
        out["until"] = f.until.isoformat()
    if f.article_id:
        out["article_id"] = fit_value(events.c.article_id, f.article_id)
    if f.min_confidence is not None:
        out["min_confidence"] = f.min_confidence
    for i, name in enumerate(dict.fromkeys(f.context)):
        out[f"context_{i}"] = _context_pattern(name)
    # One parameter per precision: the statement's shape (and its cache key) follows their number.
    for i, precision in enumerate(f.date_precision):
        out[f"date_precision_{i}"] = fit_value(events.c.date_precision, precision.lower())
    if f.aggregate is not None:
        out["aggregate"] = f.aggregate
    return out


def bound(values: Mapping[str, object]) -> dict[str, Any]:
    """Bind parameters in place of ``values`` (for statements compiled once and run with new values)."""
    return {k: bindparam(k) for k in values}


def _entity_match(role: str, values: Mapping[str, Any], probe: bool = False) -> ColumnElement[bool]:
    """Events with an entity in ``role`` whose code, sector, identifier or name matches.

    ``probe``: write the test so SQLite cannot drive the query from the matching
    ids (``id || ''`` has no index) and instead walks the sort index, probing
    each event against the matches; right when the matches are many.
    """
    ee = event_entities.c
    # One (role, column) pair per OR term, so SQLite answers each from its own index.
    terms = (and_(ee.role == role, col == values[f"{role}_{col.name}"]) for col in ENTITY_COLUMNS)
    sub = select(ee.event_id).where(or_(*terms))
    return (events.c.id.concat("") if probe else events.c.id).in_(sub)


def conditions(values: Mapping[str, Any], probe: bool = False, walk: str | None = None) -> list[ColumnElement[bool]]:
    """Conditions for the filter values in ``values`` (plain values or bind parameters).

    ``walk``: the sort column whose index the query is to walk. Every other
    indexed term is written so no index can serve it (``col || ''``) and is
    checked against the walked (covering) index entries instead.
    """

    def hidden(col):  # type: ignore[no-untyped-def]
        return col.concat("") if walk is not None and col.name != walk else col

    conds: list[ColumnElement[bool]] = []
    for role in ROLES:
        if f"{role}_code" in values:
            conds.append(_entity_match(role, values, probe or walk is not None))
    if "event" in values:
        conds.append(hidden(events.c.event) == values["event"])
    if "since" in values:
        conds.append(hidden(events.c.date) >= values["since"])
    if "until" in values:
        conds.append(hidden(events.c.date) <= values["until"])
    if "article_id" in values:
        conds.append(events.c.article_id == values["article_id"])
    if "min_confidence" in values:
        conds.append(events.c.confidence >= values["min_confidence"])
    names = [k for k in values if k.startswith("context_")]
    if names:
        joined = literal(";") + events.c.context + literal(";")
        conds.append(or_(*(joined.like(values[k], escape="\\") for k in names)))
    precisions = [v for k, v in values.items() if k.startswith("date_precision_")]
    if precisions:
        conds.append(or_(*(events.c.date_precision == v for v in precisions)))
    if "aggregate" in values:
        # Rows stored before the column existed count as single events.
        conds.append(func.coalesce(events.c.aggregate, false()) == values["aggregate"])
    return conds


def build_conditions(f: EventFilter, probe: bool = False) -> list[ColumnElement[bool]]:
    """WHERE conditions (on ``events``) for ``f``."""
    return conditions(filter_values(f), probe)


def build_where(f: EventFilter) -> ColumnElement[bool] | None:
    conds = build_conditions(f)
    return and_(*conds) if conds else None


def dyad_condition(a: str, b: str, directed: bool) -> ColumnElement[bool]:
    """Events from ``a`` to ``b``, or in either direction when not ``directed``."""

    def pair(x: str, y: str) -> ColumnElement[bool]:
        return and_(_entity_match("actor", _entity_values("actor", x)), _entity_match("recipient", _entity_values("recipient", y)))

    return pair(a, b) if directed else or_(pair(a, b), pair(b, a))
