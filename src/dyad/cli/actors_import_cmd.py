"""``dyad actors import``: CAMEO/PETRARCH actor and agent dictionaries → a dyad actor file.

A thin shell over ``dyad.actors.importer.import_dictionaries``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from dyad.errors import DyadError

_SHOWN = 20  # problems printed before "… and N more"


def import_cmd(
    dictionaries: list[Path] = typer.Argument(..., help="Actor (*.actors.txt) and agent (*agents*.txt) dictionaries, in order."),
    output: Path = typer.Option(..., "--output", "-o", help="The actor YAML file to write (use it with --actors)."),
    prefer: str = typer.Option("theirs", "--prefer", help="A name dyad's KB codes otherwise: 'theirs' keeps it, 'ours' drops it."),
    id_prefix: str = typer.Option("petrarch", "--id-prefix", help="Person ids are '<prefix>:<name-slug>'."),
    open_roles_end: str | None = typer.Option(None, "--open-roles-end", help="End open-ended dated codes (>date) on this YYYY-MM-DD."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first problem instead of listing them."),
    alone: bool = typer.Option(False, "--alone", help="Write a whole knowledge base, used without dyad's own "
                               "(as PETRARCH codes with its dictionaries alone); default: merged over dyad's."),
) -> None:
    """Convert PETRARCH/TABARI dictionaries into dyad's actor knowledge-base format."""
    from dyad.actors.importer import ImportOptions, import_dictionaries

    if prefer not in ("theirs", "ours"):
        typer.echo(f"--prefer must be 'theirs' or 'ours', got {prefer!r}", err=True)
        raise typer.Exit(2)
    try:
        end = dt.date.fromisoformat(open_roles_end) if open_roles_end else None
    except ValueError:
        typer.echo(f"--open-roles-end must be YYYY-MM-DD, got {open_roles_end!r}", err=True)
        raise typer.Exit(2) from None
    options = ImportOptions(prefer=prefer, id_prefix=id_prefix, open_roles_end=end, strict=strict, alone=alone)  # type: ignore[arg-type]
    try:
        result = import_dictionaries(dictionaries, options)
    except DyadError as exc:
        typer.echo(f"dyad: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    header = "Imported by `dyad actors import` from:\n" + "\n".join(f"  {p}" for p in dictionaries)
    output.write_text(result.to_yaml(header), encoding="utf-8")
    for problem in result.problems[:_SHOWN]:
        typer.echo(str(problem), err=True)
    if len(result.problems) > _SHOWN:
        typer.echo(f"… and {len(result.problems) - _SHOWN} more problems (--strict stops at the first)", err=True)
    counts = ", ".join(f"{n} {what}" for what, n in result.counts().items())
    typer.echo(f"wrote {output}: {counts}")
