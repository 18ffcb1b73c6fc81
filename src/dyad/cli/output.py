"""Output options shared by every command that prints records."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.table import Table

from dyad.records import Event, Quote
from dyad.store.export import is_special_file
from dyad.store.flat import FLAT_COLUMNS, flatten_event


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="Write to FILE ('-' for stdout).")]

err_console = Console(stderr=True)


@contextlib.contextmanager
def open_output(output: str) -> Iterator[IO[str]]:
    """stdout, or a file written to a temporary name and renamed when complete."""
    if output in ("-", ""):
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(output).expanduser().resolve()
    if is_special_file(path):  # /dev/null, a FIFO: write in place, never rename onto it
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _actor_cell(ents) -> str:  # type: ignore[no-untyped-def]
    return "; ".join(" ".join(x for x in (e.code, e.sector) if x) or e.entity_text for e in ents) or "—"


def write_events(events: Iterable[Event], fmt: Format, out: IO[str]) -> int:
    n = 0
    if fmt is Format.jsonl:
        for e in events:
            out.write(json.dumps(e.to_plover(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt is Format.csv:
        w = csv.DictWriter(out, fieldnames=list(FLAT_COLUMNS))
        w.writeheader()
        for e in events:
            w.writerow(flatten_event(e))
            n += 1
    else:
        table = Table(show_lines=False, header_style="bold")
        for col in ("date", "event", "mode", "actor", "recipient", "place", "dead", "trigger", "conf"):
            table.add_column(col)
        for e in events:
            loc = e.event_loc
            table.add_row(
                e.date.isoformat(),
                e.event,
                e.mode or "",
                _actor_cell(e.actor),
                _actor_cell(e.recipient),
                (loc.resolved_place or loc.extracted_place) if loc else "",
                str(e.size()["dead"] or ""),
                e.event_text,
                f"{e.confidence:.2f}",
            )
            n += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def write_quotes(quotes: Iterable[Quote], fmt: Format, out: IO[str]) -> int:
    n = 0
    rows = ({**q.to_json(), "speaker_name": (q.speaker.entity_name or q.speaker.entity_text) if q.speaker else None,
             "speaker_code": q.speaker.code if q.speaker else None} for q in quotes)  # fmt: skip
    if fmt is Format.jsonl:
        for r in rows:
            r.pop("speaker_name"), r.pop("speaker_code")
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    elif fmt is Format.csv:
        cols = ["id", "article_id", "speaker_name", "speaker_code", "text", "event_id", "rule"]
        w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
            n += 1
    else:
        table = Table(header_style="bold")
        for col in ("speaker", "code", "quote"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["speaker_name"] or "—", r["speaker_code"] or "", r["text"][:200])
            n += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n
