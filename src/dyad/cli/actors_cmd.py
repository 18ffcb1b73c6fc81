"""``dyad actors``: look up how a name resolves in the actor knowledge base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dyad.cli.actors_import_cmd import import_cmd
from dyad.errors import DyadError

if TYPE_CHECKING:
    from rich.console import Console

    from dyad.actors.explain import LookupExplanation

actors_app = typer.Typer(help="The actor knowledge base: how a name resolves on a date, and why; import dictionaries.", rich_markup_mode=None)


@actors_app.callback()
def actors_callback() -> None:
    """Keep ``lookup`` and ``import`` subcommands (``dyad actors lookup``)."""


actors_app.command("import")(import_cmd)


@actors_app.command("lookup")
def lookup_cli(
    mention: str = typer.Argument(..., help='The words to resolve, e.g. "Mr Wang" or "the Russian army".'),
    date: str = typer.Option(..., "--date", help="Article date, YYYY-MM-DD: roles count only on this date."),
    text: Path | None = typer.Option(None, "--text", help="A text file the mention stands in (for 'Mr Wang', 'he')."),
    actors: list[Path] = typer.Option([], "--actors", help="Extra actor YAML files merged over ours (repeatable)."),
) -> None:
    """Resolve MENTION as of --date and explain each knowledge-base entry considered."""
    from rich.console import Console

    from dyad.actors.explain import explain_lookup
    from dyad.plugins import data_files

    console = Console()
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        console.print(f"[red]--date must be YYYY-MM-DD, got {date!r}[/red]")
        raise typer.Exit(2) from None
    try:
        context = text.read_text(encoding="utf-8") if text is not None else None
        # Actor files of dyad.data plugins, then the user's over them, as the Pipeline loads them.
        result = explain_lookup(mention, day, context, actor_files=[*data_files().actors, *actors])
    except OSError as exc:
        console.print(f"[red]cannot read {text}: {exc.strerror or exc}[/red]")
        raise typer.Exit(2) from None
    except DyadError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(exc.exit_code) from None
    print_explanation(console, result)


def print_explanation(console: Console, result: LookupExplanation) -> None:
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]{result.mention_text}[/bold] on {result.article_date.isoformat()}")
    table = Table("text", "name", "code", "sector", "kind", "id", "why", title="Entities")
    for e in result.entities:
        table.add_row(*(escape(v or "") for v in (e.entity_text, e.entity_name, e.code, e.sector, e.kind,
                                                    e.identifier_id, e.resolution)))
    if not result.entities:
        console.print("[yellow]No actor mention resolved from these words.[/yellow]")
    else:
        console.print(table)
    for entry in result.considered:
        console.print(f"• {escape(entry.description)} — matched {escape(entry.matched_as)}")
        for role in entry.roles:
            mark = "[green]✓[/green]" if role.kept else "[red]✗[/red]"
            console.print(f"    {mark} {escape(role.title)} {role.country or ''} {role.sector or ''}: {role.reason}")
