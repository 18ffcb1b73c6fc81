"""`dyad events` and `dyad quotes`: query the store."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.options import (
    ActorOption,
    AggregatesOption,
    ContextOption,
    DbOption,
    PrecisionOption,
    RecipientOption,
    SinceOption,
    TypeOption,
    UntilOption,
    build_event_filter,
    resolve_db,
)
from dyad.cli.output import FormatOption, OutputOption, open_output, output_format, write_events, write_quotes


def events_cmd(
    db: DbOption = None,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    type_: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    context: ContextOption = None,
    precision: PrecisionOption = None,
    aggregates: AggregatesOption = True,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = "-",
) -> None:
    """List stored events, filtered."""
    f = build_event_filter(actor, recipient, type_, since, until, context=context, precision=precision, aggregates=aggregates)
    from dyad.store import Store

    with Store(resolve_db(db), must_exist=True) as store, open_output(output) as out:
        write_events(store.iter_events(f, limit=limit), output_format(fmt, output), out)


def quotes_cmd(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name (substring), code or identifier.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many quotes.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = "-",
) -> None:
    """List stored quotations with their speakers."""
    from dyad.store import Store

    with Store(resolve_db(db), must_exist=True) as store, open_output(output) as out:
        write_quotes(store.iter_quotes(speaker=speaker, limit=limit), output_format(fmt, output), out)
