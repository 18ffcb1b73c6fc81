"""`dyad code PATH...`: code articles, store them, print their events."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyad.batch import code_corpus
from dyad.cli.options import ActorsOption, DateOption, DbOption, LexiconOption, parse_date_option, resolve_db
from dyad.cli.output import Format, FormatOption, OutputOption, err_console, open_output, write_events
from dyad.ingest import read_articles
from dyad.pipeline import Pipeline, PipelineOptions
from dyad.records import CodedArticle, Rejection
from dyad.store import Store


def code_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to code ('-' reads stdin).")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = "-",
    date: DateOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    force: Annotated[bool, typer.Option("--force", help="Recode articles already stored with the same content.")] = False,
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not store anything; only print.")] = False,
) -> None:
    """Code articles (seed text, plain text, JSONL, CSV …) into events.

    Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs were rejected.
    """
    day = parse_date_option(date)
    pipeline = Pipeline(PipelineOptions(lexicon=tuple(lexicon or ()), actors=tuple(actors or ())))
    store = None if no_db else Store(resolve_db(db))
    show_progress = sys.stderr.isatty()
    collected = []

    def on_item(item: CodedArticle | Rejection, skipped: bool) -> None:
        if isinstance(item, Rejection):
            err_console.print(f"[yellow]rejected[/] {item.message()}", highlight=False, soft_wrap=True)
        else:
            collected.extend(item.events)
        if progress is not None:
            progress.advance(task)

    progress = None
    try:
        if show_progress:
            progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, transient=True)
            progress.start()
            task = progress.add_task("coding", total=None)
        report = code_corpus(read_articles(paths, day, pipeline.options.limits), pipeline, store, force, on_item)
    finally:
        if progress is not None:
            progress.stop()
        if store is not None:
            store.close()
    with open_output(output) as out:
        write_events(collected, fmt, out)
    err_console.print(
        f"{report.articles} articles ({report.coded} coded, {report.skipped} already stored), "
        f"{len(collected)} events, {len(report.rejections)} rejected",
        highlight=False,
    )
    raise typer.Exit(report.exit_code)
