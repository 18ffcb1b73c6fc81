"""`dyad code PATH...`: code articles, store them, print their events."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from dyad.cli.options import ActorsOption, ModelOption, DateOption, DbOption, LexiconOption, PlacesOption, parse_date_option, pipeline_options, resolve_db
from dyad.cli.output import Format, FormatOption, OutputOption, err_console, open_output, write_events

if TYPE_CHECKING:
    from dyad.records import ArticleCopy, CodedArticle, Event, Rejection

WorkersOption = Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0: all cores).", min=0)]
DaskOption = Annotated[
    str | None,
    typer.Option("--dask", help="Code on a Dask cluster: tcp://HOST:8786, or local:N for a local cluster of N workers.", show_default=False),
]


def code_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to code ('-' reads stdin).")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = "-",
    date: DateOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    model: ModelOption = None,
    workers: WorkersOption = 0,
    dask: DaskOption = None,
    force: Annotated[bool, typer.Option("--force", help="Recode articles already stored with the same content.")] = False,
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not store anything; only print.")] = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Code near-duplicate copies too.")] = False,
) -> None:
    """Code articles (seed text, plain text, JSONL, CSV, HTML, RSS/Atom, WARC) into events.

    Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs were rejected.
    """
    day = parse_date_option(date)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dyad.batch import run_coding
    from dyad.ingest import read_articles
    from dyad.records import ArticleCopy, Rejection

    options = pipeline_options(lexicon, actors, places, model)
    limits = options.limits
    collected: list[Event] = []
    progress = None
    task = None

    def on_item(item: CodedArticle | ArticleCopy | Rejection, skipped: bool) -> None:
        if isinstance(item, Rejection):
            err_console().print(f"[yellow]rejected[/] {item.message()}", highlight=False, soft_wrap=True)
        elif isinstance(item, ArticleCopy):
            err_console().print(f"copy: {item.article.origin or item.article.id} repeats {item.original_id} "
                              f"(similarity {item.similarity:.2f}); recorded, not coded", highlight=False)  # fmt: skip
        else:
            collected.extend(item.events)
        if progress is not None:
            progress.advance(task)

    with contextlib.ExitStack() as stack:
        if sys.stderr.isatty():
            progress = stack.enter_context(
                Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console(), transient=True)
            )
            task = progress.add_task("coding", total=None)
        items = read_articles(paths, day, limits)
        report = run_coding(items, options, None if no_db else resolve_db(db), workers, dask, force, not no_dedup, on_item)
    with open_output(output) as out:
        write_events(collected, fmt, out)
    err_console().print(
        f"{report.articles} articles ({report.coded} coded, {report.skipped} already stored, {report.copies} copies), "
        f"{len(collected)} events, {len(report.rejections)} rejected",
        highlight=False,
    )
    raise typer.Exit(report.exit_code)

