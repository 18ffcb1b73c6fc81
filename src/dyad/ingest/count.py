"""How many items the inputs hold, when that is cheap to know: for the progress bar's total and ETA.

A text file is one article and a JSON Lines file one per non-blank line; a CSV
file one per line after its header (an upper bound: a quoted field may span
lines). Feeds, WARC archives, HTML pages, JSON arrays, plugin formats and
stdin cannot be counted without reading them as the coder does, so with any
of those the total is unknown (``None``) and the bar shows only what is done.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dyad.ingest.sources import iter_files

ONE_ARTICLE = frozenset({".txt", ".text"})
PER_LINE = frozenset({".jsonl", ".ndjson"})
PER_ROW = frozenset({".csv"})


def count_items(paths: Iterable[str | Path]) -> int | None:
    """The number of items ``paths`` hold, or None where it cannot be known cheaply."""
    total = 0
    for f in iter_files(paths):
        if f == "-":
            return None
        suffix = Path(f).suffix.lower()
        try:
            if suffix in ONE_ARTICLE:
                total += 1
            elif suffix in PER_LINE:
                total += _lines(Path(f), skip_blank=True)
            elif suffix in PER_ROW:
                total += max(_lines(Path(f), skip_blank=True) - 1, 0)
            else:
                return None
        except OSError:
            total += 1  # the reader reports it as one rejection
    return total


def _lines(path: Path, skip_blank: bool) -> int:
    """Lines of a file, streamed (never read whole); blank lines left out when asked."""
    with path.open("rb") as fh:
        return sum(1 for line in fh if not skip_blank or line.strip())
