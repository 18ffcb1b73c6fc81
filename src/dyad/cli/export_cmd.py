"""`dyad export`: write stored events to a file in a chosen format."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.options import DbOption, parse_date_option, resolve_db
from dyad.cli.output import err_console
from dyad.store import EventFilter, Store
from dyad.store.export import ExportFormat, export_events


def export_cmd(
    output: Annotated[str, typer.Option("--output", "-o", help="File to write ('-' for stdout, text formats only).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl (PLOVER), csv (flat), parquet, cameo-tsv (GDELT 2.0 layout).")] = ExportFormat.jsonl,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="First event date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (RUS), sector (MIL) or identifier.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code, sector or identifier.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    header: Annotated[bool, typer.Option("--header/--no-header", help="cameo-tsv: write a header row (GDELT's files have none).")] = True,
) -> None:
    """Export stored events (PLOVER JSONL, flat CSV, Parquet or CAMEO TSV).

    The file is written under a temporary name and renamed when complete.
    """
    f = EventFilter(
        actor=actor,
        recipient=recipient,
        event=type_,
        since=parse_date_option(since, "--since"),
        until=parse_date_option(until, "--until"),
    )
    with Store(resolve_db(db)) as store:
        n = export_events(store, output, fmt, f, header=header)
    if output not in ("-", ""):
        err_console.print(f"{n} events written to {output} ({fmt.value})", highlight=False, soft_wrap=True)
