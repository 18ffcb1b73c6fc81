"""``dyad lexicon``: bring trigger dictionaries from other coders into dyad's lexicon format.

``import`` is a thin shell over ``dyad.coding.verbs_import.import_verbs``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from dyad.errors import DyadError

lexicon_app = typer.Typer(help="Trigger lexicons: convert PETRARCH verb dictionaries for --lexicon.")
_SHOWN = 20


@lexicon_app.callback()
def lexicon_callback() -> None:
    """Keep ``import`` a subcommand (``dyad lexicon import``) while it is the only one."""


@lexicon_app.command("import")
def import_cmd(
    verbs: Path = typer.Argument(..., help="A PETRARCH verb dictionary (*.verbs.txt)."),
    output: Path = typer.Option(..., "--output", "-o", help="The lexicon YAML file to write (use it with --lexicon)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first problem instead of listing them."),
    discards: Path | None = typer.Option(None, "--discards", help="A PETRARCH discards file: sentences ('PHRASE') "
                                         "or articles ('+PHRASE') holding one of its phrases code nothing."),
    alone: bool = typer.Option(False, "--alone", help="Code with the dictionary's patterns only, as PETRARCH would "
                               "(the file says builtin: false); default: merged over dyad's own."),
) -> None:
    """Convert a PETRARCH verb dictionary; each pattern keeps its PETRARCH code."""
    from dyad.coding.verbs_import import import_verbs

    try:
        result = import_verbs(verbs, strict=strict, discards=discards)
    except DyadError as exc:
        typer.echo(f"dyad: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    output.write_text(result.to_yaml(f"Imported by `dyad lexicon import` from {verbs}", builtin=not alone), encoding="utf-8")
    for problem in result.problems[:_SHOWN]:
        typer.echo(str(problem), err=True)
    if len(result.problems) > _SHOWN:
        typer.echo(f"… and {len(result.problems) - _SHOWN} more problems (--strict stops at the first)", err=True)
    typer.echo(f"wrote {output}: {len(result.entries)} patterns from {len(result.blocks)} verb blocks, "
               f"{len(result.problems)} problems")
