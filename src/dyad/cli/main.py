"""The `dyad` application: commands are registered here and live in their own modules.

Exit codes: 0 ok, 1 error, 2 usage error, 3 some inputs were rejected.
"""

from __future__ import annotations

import sys

import typer

from dyad.cli.actors_cmd import actors_app
from dyad.cli.code_cmd import code_cmd
from dyad.cli.evaluate_cmd import evaluate_cmd
from dyad.cli.events_cmd import events_cmd, quotes_cmd
from dyad.cli.explain_cmd import explain_cmd
from dyad.cli.lexicon_cmd import lexicon_app
from dyad.cli.export_cmd import export_cmd
from dyad.cli.serve_cmd import serve_cmd
from dyad.cli.series_cmd import series_cmd
from dyad.cli.watch_cmd import watch_cmd
from dyad.errors import DyadError

app = typer.Typer(
    name="dyad",
    help="Political event data from dated news articles (PLOVER events with CAMEO codes).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("code")(code_cmd)
app.command("events")(events_cmd)
app.command("quotes")(quotes_cmd)
app.command("export")(export_cmd)
app.command("watch")(watch_cmd)
app.command("evaluate")(evaluate_cmd)
app.command("serve")(serve_cmd)
app.command("series")(series_cmd)
app.command("explain")(explain_cmd)
app.add_typer(actors_app, name="actors")
app.add_typer(lexicon_app, name="lexicon")


def main() -> None:
    """Entry point: DyadErrors become one clear line and their exit code."""
    try:
        app()
    except DyadError as exc:
        typer.echo(f"dyad: error: {exc}", err=True)
        sys.exit(exc.exit_code)
