"""`dyad events` and `dyad quotes`: query the store."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.options import DbOption, parse_date_option, resolve_db
from dyad.cli.output import Format, FormatOption, OutputOption, open_output, write_events, write_quotes
from dyad.store import EventFilter, Store


def events_cmd(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (RUS), sector (MIL) or identifier.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code, sector or identifier.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    since: Annotated[str | None, typer.Option(help="First date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = "-",
) -> None:
    """List stored events, filtered."""
    f = EventFilter(
        actor=actor,
        recipient=recipient,
        event=type_,
        since=parse_date_option(since, "--since"),
        until=parse_date_option(until, "--until"),
    )
    with Store(resolve_db(db)) as store, open_output(output) as out:
        write_events(store.iter_events(f, limit=limit), fmt, out)


def quotes_cmd(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name (substring), code or identifier.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many quotes.")] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = "-",
) -> None:
    """List stored quotations with their speakers."""
    with Store(resolve_db(db)) as store, open_output(output) as out:
        write_quotes(store.iter_quotes(speaker=speaker, limit=limit), fmt, out)
