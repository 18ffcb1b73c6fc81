"""One flat row per event, for CSV output and tables.

The columns come from the column table (``columns.py``, view FLAT) and are a
stable, documented contract: add at the end, never rename. Several actors
are joined with ';' in one cell, in order.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from dyad.records import Event
from dyad.store.columns import EVENT_TABLE, ColumnTable, View

FLAT_COLUMNS: tuple[str, ...] = EVENT_TABLE.names(View.FLAT)


def flatten_event(e: Event, table: ColumnTable = EVENT_TABLE) -> dict[str, Any]:
    return table.flat_row(e)


def write_csv(events: Iterable[Event], out: IO[str], table: ColumnTable = EVENT_TABLE) -> int:
    """A header row, then one row per event; return how many."""
    w = csv.DictWriter(out, fieldnames=list(table.names(View.FLAT)), lineterminator="\n")
    w.writeheader()
    n = 0
    for e in events:
        w.writerow(table.flat_row(e))
        n += 1
    return n
