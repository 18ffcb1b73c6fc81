"""``dyad explain SENTENCE``: the same Pipeline as ``dyad code``, and what each stage decided."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from dyad.cli.options import ActorsOption, ContextModelOption, ContextsOption, LexiconOption, ModelOption, PlacesOption, pipeline_options
from dyad.errors import DyadError

if TYPE_CHECKING:
    from rich.console import Console

    from dyad.stages.trace import Trace


def render_explanation(exp: Trace, console: Console) -> None:
    from rich.table import Table

    console.print(f"[bold]Stages:[/bold] {' → '.join(exp.stages)}", highlight=False)
    parse = Table(title="Parse", show_lines=False)
    for col in ("#", "word", "lemma", "pos", "dep", "head", "entity"):
        parse.add_column(col)
    for t in exp.tokens:
        if not t.text.strip():
            continue  # blanked by the prefilter, or white space
        head = "ROOT" if t.head == t.i else f"{t.head} {exp.tokens[t.head].text}"
        parse.add_row(str(t.i), t.text, t.lemma, t.pos, t.dep, head, t.ent or "")
    console.print(parse)

    actors = Table(title="Actors")
    for col in ("words", "tokens", "code", "sector", "name", "why"):
        actors.add_column(col)
    for m in exp.mentions:
        for ent in m.entities:
            actors.add_row(m.text or exp.words(range(m.start_token, m.end_token)), f"{m.start_token}-{m.end_token}",
                           ent.code or "-", ent.sector or "-", ent.entity_name or "-", ent.resolution or "")
    console.print(actors)

    for note in exp.notes:
        console.print(f"[bold]{note.stage}[/bold]")
        for line in note.lines:
            console.print(f"  {line}", markup=False, highlight=False)

    console.print("[bold]Coded[/bold]" if exp.coded else "[bold]Coded:[/bold] nothing")
    for c in exp.coded:
        console.print(f"  [green]{exp.describe(c)}[/green]  trigger '{exp.words(c.trigger_tokens)}'  conf {c.confidence:.2f}")
        console.print(f"    rule: {c.rule}", markup=False)
    if exp.blocked:
        console.print("[bold]Blocked[/bold]")
    for c in exp.blocked:
        console.print(f"  [red]{exp.describe(c)}[/red]  trigger '{exp.words(c.trigger_tokens)}'  blocked by [bold]{c.blocked}[/bold]")
        console.print(f"    rule: {c.rule}", markup=False)

    console.print(f"[bold]Events[/bold] ({len(exp.events)}, as `dyad code` stores them)")
    for e in exp.events:
        place = f" at {e.event_loc.resolved_place or e.event_loc.extracted_place}" if e.event_loc else ""
        dead = f" dead={e.size()['dead']}" if e.size()["dead"] is not None else ""
        console.print(
            f"  {e.event}{'/' + e.mode if e.mode else ''} {e.date.isoformat()} ({e.when.precision}){place}{dead}"
            f"  conf {e.confidence:.2f}  '{e.event_text}'",
            markup=False,
            highlight=False,
        )
    for q in exp.quotes:
        who = q.speaker.entity_name or q.speaker.entity_text if q.speaker else "?"
        console.print(f"  quote by {who}: “{q.text}”", markup=False, highlight=False)


def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence (or paragraph) to code.")],
    date: Annotated[str, typer.Option("--date", help="Article date, YYYY-MM-DD (default: today).", show_default=False)] = "",
    lexicon: LexiconOption = None,
    contexts: ContextsOption = None,
    actors: ActorsOption = None,
    places: PlacesOption = None,
    model: ModelOption = None,
    context_model: ContextModelOption = None,
) -> None:
    """Show how dyad codes a sentence: the parse, actors, each stage's decisions, and the events."""
    try:
        article_date = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {date!r}", param_hint="--date") from None
    from rich.console import Console

    from dyad.coding.explain import explain_sentence
    from dyad.pipeline import Pipeline

    console = Console()
    try:
        exp = explain_sentence(sentence, article_date, Pipeline(pipeline_options(lexicon, actors, places, contexts, model, context_model)))
    except DyadError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(getattr(exc, "exit_code", 1)) from exc
    render_explanation(exp, console)


# The name the main CLI registers.
explain_cmd = explain
