"""`dyad evaluate`: score the pipeline on gold data; `--gate` fails under the floors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyad.cli.choices import GoldChoice

NAME_HINTS = (("petr2", GoldChoice.petr2), ("conflibert", GoldChoice.conflibert), ("cameo_train", GoldChoice.conflibert),
              ("event_location", GoldChoice.event_location), ("voa", GoldChoice.voa))  # fmt: skip


def guess_format(path: Path) -> GoldChoice | None:
    """The gold format a file's name suggests, if any."""
    name = str(path).lower()
    return next((fmt for hint, fmt in NAME_HINTS if hint in name), None)


def evaluate_cmd(
    gold: Annotated[Path | None, typer.Argument(help="One gold file (for --format voa: the VOA stories JSONL).", show_default=False)] = None,
    fmt: Annotated[
        GoldChoice | None, typer.Option("--format", help="Format of GOLD (default: guessed from its name).", show_default=False)
    ] = None,
    shared: Annotated[
        Path | None, typer.Option("--shared", help="Run every evaluation on DIR/data (the shared dev data).", show_default=False)
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N items of each set.", show_default=False)] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 if any gated metric is under its floor.")] = False,
    floors: Annotated[Path | None, typer.Option("--floors", help="Floors YAML (default: the packaged floors.yaml).", show_default=False)] = None,
) -> None:
    """Measure coding quality on gold data: event types, actors, spans, dates, places.

    Exit codes: 0 ok, 1 a metric under its floor (with --gate) or an error, 2 usage.
    """
    if (gold is None) == (shared is None):
        raise typer.BadParameter("give either GOLD (one file) or --shared DIR (everything)", param_hint="GOLD / --shared")
    from dyad.evaluation import run
    from dyad.evaluation.report import EvalReport, check_floors, load_floors

    if shared is not None:
        base = run.Limits()
        limits = run.Limits(conflibert=limit, event_location=limit or base.event_location, petr2=limit) if limit else base
        report = run.run_all(shared, limits)
    else:
        assert gold is not None
        chosen = fmt or guess_format(gold)
        if chosen is None:
            raise typer.BadParameter(f"cannot tell the format of {gold}; give --format", param_hint="--format")
        report = EvalReport((run.evaluate_file(gold, run.GoldFormat(chosen.value), limit),))
    typer.echo(report.format())
    failed = [s for s in report.sections if s.error]
    if gate:
        keys = {s.key for s in report.sections}
        floor_list = [f for f in load_floors(floors) if f.metric.split(".", 1)[0] in keys]
        failures = check_floors(report.metrics(), floor_list, report.skipped())
        typer.echo("")
        for f in failures:
            typer.echo(f"gate: FAIL {f.message()}", err=True)
        if failures or failed:
            typer.echo(f"gate: {len(failures)} metric(s) under their floors, {len(failed)} evaluation(s) failed", err=True)
            raise typer.Exit(1)
        typer.echo(f"gate: all {len(floor_list)} gated metrics at or above their floors")
    elif failed:
        raise typer.Exit(1)
