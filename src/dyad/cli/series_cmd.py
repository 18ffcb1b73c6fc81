"""`dyad series A B`: the dyadic time series between two actors, as a table, CSV or a PNG chart."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dyad.cli.choices import FreqChoice, LevelChoice
from dyad.cli.options import ContextOption, DbOption, parse_context_option, parse_date_option, resolve_db
from dyad.cli.output import OutputOption, err_console, open_output


class SeriesFormat(str, Enum):
    table = "table"
    csv = "csv"


def series_cmd(
    actor: Annotated[str, typer.Argument(help="First actor: country code (RUS), sector or identifier.")],
    recipient: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = None,
    freq: Annotated[FreqChoice, typer.Option(help="Period length.")] = FreqChoice.week,
    level: Annotated[LevelChoice, typer.Option(help="Count event reports, or stories (each real-world event once).")] = LevelChoice.event,
    directed: Annotated[bool, typer.Option("--directed", help="Only ACTOR → RECIPIENT (default: both directions).")] = False,
    since: Annotated[str | None, typer.Option(help="First date YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date YYYY-MM-DD.")] = None,
    context: ContextOption = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the series into this PNG file.")] = None,
    fmt: Annotated[SeriesFormat, typer.Option("--format", "-f", help="Output format.")] = SeriesFormat.table,
    csv: Annotated[bool, typer.Option("--csv", help="Deprecated: use --format csv.", hidden=True)] = False,
    output: OutputOption = "-",
) -> None:
    """Counts by quad class and PLOVER type, and Goldstein sums, per day/week/month.

    Aggregate statements (a tally over a month or more) are not counted.
    """
    if csv:
        err_console().print("dyad series: --csv is deprecated; use --format csv", highlight=False)
        fmt = SeriesFormat.csv
    first, last = parse_date_option(since, "--since"), parse_date_option(until, "--until")
    contexts = parse_context_option(context)
    from dyad.analytics import Freq, Level, compute_dyad_series, plot_series
    from dyad.store import Store

    with Store(resolve_db(db), must_exist=True) as store:
        frame = compute_dyad_series(store, actor, recipient, Freq(freq.value), directed, first, last, Level(level.value), contexts)
    frame.index = frame.index.strftime("%Y-%m-%d")
    with open_output(output) as out:
        if fmt is SeriesFormat.csv:
            frame.to_csv(out, float_format="%.3f")
        elif frame.empty:
            out.write(f"no events between {actor} and {recipient}\n")
        else:
            out.write(frame.to_string(float_format=lambda v: f"{v:.2f}") + "\n")
    if plot is not None:
        arrow = "→" if directed else "↔"
        path = plot_series(frame.set_axis(frame.index.astype("datetime64[ns]")), plot, f"{actor} {arrow} {recipient} per {freq.value} ({level.value}s)")
        err_console().print(f"wrote {path}", highlight=False)
