"""`dyad code PATH...`: code articles, store them, print their events."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from dyad.cli.options import (
    ActorsOption,
    ContextModelOption,
    ContextsOption,
    DateOption,
    DbOption,
    LexiconOption,
    ModelOption,
    PlacesOption,
    parse_date_option,
    pipeline_options,
    resolve_db,
)
from dyad.cli.output import FormatOption, OutputOption, err_console, open_output, output_format, write_events

if TYPE_CHECKING:
    from dyad.batch import CorpusReport
    from dyad.records import ArticleCopy, CodedArticle, Event, Rejection

WorkersOption = Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0: all cores).", min=0)]
DaskOption = Annotated[
    str | None,
    typer.Option("--dask", help="Code on a Dask cluster: tcp://HOST:8786, or local:N for a local cluster of N workers.", show_default=False),
]


def code_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to code ('-' reads stdin).")],
    db: DbOption = None,
    fmt: FormatOption = None,
    output: OutputOption = "-",
    date: DateOption = None,
    lexicon: LexiconOption = None,
    contexts: ContextsOption = None,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    model: ModelOption = None,
    context_model: ContextModelOption = None,
    workers: WorkersOption = 0,
    dask: DaskOption = None,
    force: Annotated[bool, typer.Option("--force", help="Recode articles already stored with the same text and configuration.")] = False,
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not store anything; only print.")] = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Code near-duplicate copies too.")] = False,
) -> None:
    """Code articles (seed text, plain text, JSONL, CSV, HTML, RSS/Atom, WARC) into events.

    Events are stored in --db (default: $DYAD_DB, else ./dyad.sqlite); with
    --output FILE and neither --db nor DYAD_DB, nothing is stored. An article
    stored before is skipped only if its text and the configuration (model,
    data files, options) are unchanged.

    Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs were rejected.
    """
    day = parse_date_option(date)
    target = storage_target(db, output, no_db)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from dyad.batch import run_coding
    from dyad.ingest import read_articles
    from dyad.records import ArticleCopy, Rejection

    options = pipeline_options(lexicon, actors, places, contexts, model, context_model)
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
            from dyad.ingest.count import count_items

            total = count_items(paths)  # None where the inputs cannot be counted cheaply (feeds, WARC, stdin)
            columns = [TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
            if total is not None:
                columns.append(TimeRemainingColumn())
            progress = stack.enter_context(Progress(*columns, console=err_console(), transient=True))
            task = progress.add_task("coding", total=total)
        items = read_articles(paths, day, limits)
        report = run_coding(items, options, target, workers, dask, force, not no_dedup, on_item)
    with open_output(output) as out:
        write_events(collected, output_format(fmt, output), out)
    err_console().print(summarise(report, len(collected), target), highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)


def storage_target(db: str | None, output: str, no_db: bool) -> str | None:
    """The database to store in, or None: ``--output FILE`` alone is a pure transform."""
    if no_db:
        return None
    if db is None and not os.environ.get("DYAD_DB") and output not in ("-", ""):
        return None
    return resolve_db(db)


def summarise(report: CorpusReport, n_events: int, target: str | None) -> str:
    """The closing line: what was coded, what was skipped and why, and where it is stored."""
    from dyad.store import redact

    parts = [f"{report.coded} coded"]
    if report.skipped:
        parts.append(f"{report.skipped} skipped (stored before with the same text and configuration; --force recodes)")
    if report.recoded:
        parts.append(f"{report.recoded} recoded (stored before under another configuration)")
    parts.append(f"{report.copies} copies")
    where = f"stored in {redact(target)}" if target else "not stored (give --db or set DYAD_DB to store)"
    return f"{report.articles} articles ({', '.join(parts)}), {n_events} events, {len(report.rejections)} rejected; {where}"

