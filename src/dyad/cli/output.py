"""Output options shared by every command that prints records.

Imports stay light here (no rich, no store) so ``dyad --help`` is fast; the
writers import what they need when they run.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import IO, TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from dyad.records import Entity, Event, Quote


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Output format [default: from the --output file's extension (.jsonl, .csv), else table].",
                 show_default=False),
]
# An --output file's extension names its format when --format does not: "-o events.jsonl" is JSON Lines.
SUFFIX_FORMATS = {".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".csv": Format.csv}


def output_format(fmt: Format | None, output: str) -> Format:
    """The format asked for, else the one the output file's extension names, else a table."""
    if fmt is not None:
        return fmt
    from pathlib import PurePath

    return SUFFIX_FORMATS.get(PurePath(output).suffix.lower(), Format.table) if output not in ("-", "") else Format.table
OutputOption = Annotated[str, typer.Option("--output", "-o", help="Write to FILE ('-' for stdout).")]


@functools.cache
def err_console() -> Console:
    """The stderr console for progress and messages."""
    from rich.console import Console

    return Console(stderr=True)


@contextlib.contextmanager
def open_output(output: str) -> Iterator[IO[str]]:
    """stdout, or a file written the way ``dyad export`` writes one: under a
    temporary name, renamed when complete, with the permissions the umask gives."""
    from dyad.store.export import atomic_path, check_output_path

    if output in ("-", ""):
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(check_output_path(output)) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _actor_cell(ents: Iterable[Entity]) -> str:
    return "; ".join(" ".join(x for x in (e.code, e.sector) if x) or e.entity_text for e in ents) or "—"


def _print_table(out: IO[str], columns: Iterable[str], rows: Iterable[Iterable[str]]) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col)
    n = 0
    for row in rows:
        table.add_row(*row)
        n += 1
    Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def write_events(events: Iterable[Event], fmt: Format, out: IO[str]) -> int:
    import json

    from dyad.store.flat import write_csv

    n = 0
    if fmt is Format.jsonl:
        for e in events:
            out.write(json.dumps(e.to_plover(), ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt is Format.csv:
        return write_csv(events, out)
    rows = (
        (
            e.date.isoformat(),
            e.event,
            e.mode or "",
            _actor_cell(e.actor),
            _actor_cell(e.recipient),
            (e.event_loc.resolved_place or e.event_loc.extracted_place or "") if e.event_loc else "",
            str(e.size()["dead"] or ""),
            e.event_text,
            ", ".join(e.context),
            f"{e.confidence:.2f}",
        )
        for e in events
    )
    return _print_table(out, ("date", "event", "mode", "actor", "recipient", "place", "dead", "trigger", "context", "conf"), rows)


def write_quotes(quotes: Iterable[Quote], fmt: Format, out: IO[str]) -> int:
    import csv
    import json

    rows = ({**q.to_json(), "speaker_name": (q.speaker.entity_name or q.speaker.entity_text) if q.speaker else None,
             "speaker_code": q.speaker.code if q.speaker else None} for q in quotes)  # fmt: skip
    n = 0
    if fmt is Format.jsonl:
        for r in rows:
            r.pop("speaker_name"), r.pop("speaker_code")
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt is Format.csv:
        cols = ["id", "article_id", "speaker_name", "speaker_code", "text", "event_id", "rule"]
        w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
            n += 1
        return n
    return _print_table(out, ("speaker", "code", "quote"), ((r["speaker_name"] or "—", r["speaker_code"] or "", r["text"][:200]) for r in rows))
