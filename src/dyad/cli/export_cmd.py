"""`dyad export`: write stored events to a file in a chosen format."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.options import (
    ActorOption,
    ContextOption,
    AggregatesOption,
    DbOption,
    PrecisionOption,
    RecipientOption,
    SinceOption,
    TypeOption,
    UntilOption,
    build_event_filter,
    resolve_db,
)
from dyad.cli.choices import ExportChoice
from dyad.cli.output import err_console


def export_cmd(
    output: Annotated[str, typer.Option("--output", "-o", help="File to write ('-' for stdout, text formats only).")],
    fmt: Annotated[ExportChoice, typer.Option("--format", "-f", help="jsonl (PLOVER), csv (flat), parquet, cameo-tsv (GDELT 2.0 layout).")] = ExportChoice.jsonl,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    context: ContextOption = None,
    precision: PrecisionOption = None,
    aggregates: AggregatesOption = True,
    actor: ActorOption = None,
    recipient: RecipientOption = None,
    type_: TypeOption = None,
    header: Annotated[bool, typer.Option("--header/--no-header", help="cameo-tsv: write a header row (GDELT's files have none).")] = True,
) -> None:
    """Export stored events (PLOVER JSONL, flat CSV, Parquet or CAMEO TSV).

    The file is written under a temporary name and renamed when complete.
    """
    f = build_event_filter(actor, recipient, type_, since, until, context=context, precision=precision, aggregates=aggregates)
    from dyad.store import Store
    from dyad.store.export import ExportFormat, export_events

    with Store(resolve_db(db), must_exist=True) as store:
        n = export_events(store, output, ExportFormat(fmt.value), f, header=header)
    if output not in ("-", ""):
        err_console().print(f"{n} events written to {output} ({fmt.value})", highlight=False, soft_wrap=True)
