"""`dyad watch FEED... --every 15m`: code new feed items as they appear."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dyad.cli.options import DbOption, resolve_db
from dyad.cli.output import err_console

if TYPE_CHECKING:
    from dyad.batch.watch import PollResult


def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    every: Annotated[str, typer.Option("--every", help="Polling period: 30s, 15m, 2h.")] = "15m",
    iterations: Annotated[int | None, typer.Option("--iterations", help="Stop after this many polls (default: never).")] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds on a schedule and code the items not stored yet."""
    from dyad.batch.watch import parse_period, watch_feeds

    try:
        period = parse_period(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    from dyad.pipeline import Pipeline, PipelineOptions
    from dyad.settings import Limits
    from dyad.store import Store

    limits = Limits.from_env()
    pipeline = Pipeline(PipelineOptions(limits=limits))

    def report(results: list[PollResult]) -> None:
        for r in results:
            err_console().print(f"{r.feed}: {r.new_articles} new articles, {r.events} events, {r.rejected} rejected", highlight=False)

    with Store(resolve_db(db)) as store:
        watch_feeds(feeds, pipeline, store, period, iterations, on_poll=report, limits=limits)
