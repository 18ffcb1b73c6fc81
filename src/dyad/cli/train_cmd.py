"""``dyad train FILE…``: train the event scorer from annotated JSONL (scoring/train.py);
``dyad train --contexts``: the context weights and classifier from the VOA gold (contexts/train_model.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def train_cmd(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Annotated JSONL: one sentence a line, {\"text\", \"event\"} (PLV's format) or {\"text\", \"events\": [...]}; \"none\" for no event.",
        show_default=False)] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="The model file to write (default scorer.pkl); with --contexts, the folder for weights.json and model.json (default contexts/).",
        show_default=False)] = None,
    voa_corpus: Annotated[Path | None, typer.Option(
        "--voa-corpus", help="Also train on the VOA gold's train split, reading its articles from this corpus.", show_default=False)] = None,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength of the logistic regression.", min=0.001)] = 4.0,
    contexts: Annotated[bool, typer.Option(
        "--contexts", help="Train the context weights and classifier on the VOA gold's train split (needs --voa-corpus, no FILE).")] = False,
    compare: Annotated[bool, typer.Option("--compare", help="With --contexts: also print the cross-validated comparison of the ways of deciding.")] = False,
    cache: Annotated[Path | None, typer.Option(
        "--cache", help="With --contexts: keep the coded train articles in this folder between runs.", show_default=False)] = None,
    plv: Annotated[Path | None, typer.Option(
        "--plv", help="With --contexts: PLV's train JSONL; its sentences with packaged context labels join the classifier's training "
                      "at the weight cross-validation picks.", show_default=False)] = None,
) -> None:
    """Train the learned event scorer (`dyad code --model FILE` then uses it), or with --contexts the
    context model (`dyad code --context-model FOLDER`)."""
    import json

    from dyad import __version__
    from dyad.errors import DyadError

    if contexts:
        if files or voa_corpus is None:
            raise typer.BadParameter("--contexts trains on the VOA gold: give --voa-corpus and no FILE", param_hint="--contexts")
        from dyad.contexts.train_model import save_contexts, train_contexts

        try:
            weights, classifier = train_contexts(voa_corpus, cache, report=typer.echo, with_comparison=compare, plv=plv)
        except DyadError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(getattr(exc, "exit_code", 1)) from exc
        for path in save_contexts(weights, classifier, out or Path("contexts")):
            typer.echo(f"wrote {path}")
        return
    if not files:
        raise typer.BadParameter("give the annotated JSONL files to train the event scorer on (or --contexts)", param_hint="FILE")
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
    path = out or Path("scorer.pkl")
    model.save(path)
    typer.echo(f"wrote {path}")
    typer.echo(json.dumps(model.meta, indent=2, sort_keys=True))
