"""One flat row per event, for CSV output and tables.

The columns come from the column table (``columns.py``, view FLAT) and are a
stable, documented contract: add at the end, never rename. Several actors
are joined with ';' in one cell, in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from dyad.records import Event
from dyad.store.columns import EVENT_TABLE, ColumnTable, View

FLAT_COLUMNS: tuple[str, ...] = EVENT_TABLE.names(View.FLAT)


def flatten_event(e: Event, table: ColumnTable = EVENT_TABLE) -> dict[str, Any]:
    return table.flat_row(e)


def _csv_cell(value: Any) -> str:
    """Text is always quoted, so a reader keeps "020" and "1e5" as text; numbers, booleans (1/0) and nulls are not."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a number, so a QUOTE_NONNUMERIC reader takes it
        return "1" if value else "0"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


def write_csv(events: Iterable[Event], out: IO[str], table: ColumnTable = EVENT_TABLE) -> int:
    """A header row, then one row per event; return how many.

    Written by hand rather than with ``csv.QUOTE_NONNUMERIC``, which also quotes
    nulls (Python 3.12's ``QUOTE_STRINGS`` is what this does).
    """
    out.write(",".join(_csv_cell(name) for name in table.names(View.FLAT)) + "\n")
    n = 0
    for e in events:
        out.write(",".join(_csv_cell(v) for v in table.flat_row(e).values()) + "\n")
        n += 1
    return n
