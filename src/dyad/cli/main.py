"""The `dyad` application: commands are registered here and live in their own modules.

Command modules import only typer and light dyad modules at the top; spaCy,
pandas, SQLAlchemy, FastAPI and rich load inside the command that needs them,
so `dyad --help` and usage errors answer at once (tests/cli/test_startup.py).
Commands of ``dyad.commands`` plugins are added when ``main()`` runs.

Exit codes: 0 ok, 1 error, 2 usage error, 3 some inputs were rejected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

from dyad.cli.actors_cmd import actors_app
from dyad.cli.code_cmd import code_cmd
from dyad.cli.evaluate_cmd import evaluate_cmd
from dyad.cli.events_cmd import events_cmd, quotes_cmd
from dyad.cli.explain_cmd import explain_cmd
from dyad.cli.export_cmd import export_cmd
from dyad.cli.lexicon_cmd import lexicon_app
from dyad.cli.series_cmd import series_cmd
from dyad.cli.serve_cmd import serve_cmd
from dyad.cli.train_cmd import train_cmd
from dyad.cli.watch_cmd import watch_cmd
from dyad.errors import DyadError

app = typer.Typer(
    name="dyad",
    help="Political event data from dated news articles (PLOVER events with CAMEO codes).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help and usage errors: rich's help panels import ~0.1-0.3 s of
    # modules (rich.markdown, markdown_it, pygments) before the first line appears.
    rich_markup_mode=None,
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
app.command("train")(train_cmd)
app.add_typer(actors_app, name="actors")
app.add_typer(lexicon_app, name="lexicon")


def command_names(target: typer.Typer) -> list[str]:
    """The names of ``target``'s commands and command groups."""
    return [c.name or c.callback.__name__ for c in target.registered_commands if c.callback] + [
        g.name for g in target.registered_groups if g.name
    ]


def add_plugin_commands(target: typer.Typer) -> None:
    """Add the commands of ``dyad.commands`` plugins.

    A plugin that fails to load becomes a command of its name that prints the
    error and exits 2, so one broken plugin neither hides the others nor
    stops dyad's own commands; ``dyad --help`` marks it broken.
    """
    from dyad.plugins import COMMANDS, plugins

    taken = set(command_names(target))
    for plugin in plugins(COMMANDS):
        if plugin.name in taken:
            typer.echo(f"dyad: warning: {plugin.describe()} ignored: {plugin.name!r} is a built-in command", err=True)
            continue
        try:
            obj = plugin.load()
            if isinstance(obj, typer.Typer):
                target.add_typer(obj, name=plugin.name)
            elif callable(obj):
                target.command(plugin.name)(obj)
            else:
                raise plugin.error(f"is neither a typer.Typer nor a command function (got {type(obj).__name__})")
        except DyadError as exc:
            target.command(plugin.name, help=f"[broken plugin] {exc}", context_settings={"ignore_unknown_options": True},
                           add_help_option=False)(_broken(exc))  # fmt: skip
        taken.add(plugin.name)


def _broken(exc: DyadError) -> Callable[..., None]:
    def command(args: list[str] = typer.Argument(None, hidden=True)) -> None:  # noqa: B008 - typer's way
        raise exc

    return command


def main() -> None:
    """Entry point: DyadErrors become one clear line and their exit code."""
    try:
        # A built-in command needs no plugin command (none can take its name): skip reading the metadata.
        if len(sys.argv) < 2 or sys.argv[1] not in command_names(app):
            add_plugin_commands(app)
        app()
    except DyadError as exc:
        typer.echo(f"dyad: error: {exc}", err=True)
        sys.exit(exc.exit_code)
