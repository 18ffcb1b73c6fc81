"""``dyad train FILE…``: train the event scorer from annotated JSONL (scoring/train.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def train_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="Annotated JSONL: one sentence a line, {\"text\", \"event\"} (PLV's format) or {\"text\", \"events\": [...]}; \"none\" for no event.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The model file to write.")] = Path("scorer.pkl"),
    voa_corpus: Annotated[Path | None, typer.Option(
        "--voa-corpus", help="Also train on the VOA gold's train split, reading its articles from this corpus.", show_default=False)] = None,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength of the logistic regression.", min=0.001)] = 4.0,
) -> None:
    """Train the learned event scorer; `dyad code --model FILE` then uses it."""
    import json

    from dyad import __version__
    from dyad.errors import DyadError
    from dyad.scoring.examples import read_annotated, read_voa
    from dyad.scoring.train import train_scorer

    try:
        items = [a for f in files for a in read_annotated(f)]
        if voa_corpus is not None:
            items += read_voa(voa_corpus, split="train")
        model = train_scorer(items, c=c, version=__version__)
    except DyadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(getattr(exc, "exit_code", 1)) from exc
    model.save(out)
    typer.echo(f"wrote {out}")
    typer.echo(json.dumps(model.meta, indent=2, sort_keys=True))
