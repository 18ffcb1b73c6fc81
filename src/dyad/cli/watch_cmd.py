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
    every: Annotated[str, typer.Option("--every", help="Polling period: 30s, 15m, '5 minutes', 1h, 2h30m.")] = "15m",
    iterations: Annotated[int | None, typer.Option("--iterations", help="Stop after this many polls (default: never).")] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds on a schedule and code the items not stored yet.

    Feeds are asked for conditionally (ETag, Last-Modified); a failing feed is
    left alone longer after each failure; an item with only a teaser is coded
    from its full page when that can be fetched. Each rejection is printed
    with its reason.
    """
    from dyad.batch.watch import parse_period, watch_feeds

    try:
        period = parse_period(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    from dyad.batch.fingerprint import configuration_fingerprint
    from dyad.pipeline import Pipeline, PipelineOptions
    from dyad.records import Rejection
    from dyad.settings import Limits
    from dyad.store import Store

    limits = Limits.from_env()
    options = PipelineOptions(limits=limits)
    pipeline = Pipeline(options)

    def report(results: list[PollResult]) -> None:
        for r in results:
            err_console().print(f"{r.feed}: {r.status}: {r.new_articles} new articles, {r.events} events, {r.rejected} rejected",
                                highlight=False, markup=False)  # fmt: skip

    def show_rejection(item: object, skipped: bool) -> None:
        if isinstance(item, Rejection):
            err_console().print(f"rejected {item.message()}", highlight=False, markup=False, soft_wrap=True)

    with Store(resolve_db(db)) as store:
        watch_feeds(feeds, pipeline, store, period, iterations, on_poll=report, limits=limits, listener=show_rejection,
                    config=configuration_fingerprint(options))  # fmt: skip
