"""``dyad explain SENTENCE``: the parse, the actors, the rules that fired and what blocked."""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console
from rich.table import Table

from dyad.coding.explain import Explanation, explain_sentence
from dyad.errors import DyadError


def render_explanation(exp: Explanation, console: Console) -> None:
    parse = Table(title="Parse", show_lines=False)
    for col in ("#", "word", "lemma", "pos", "dep", "head"):
        parse.add_column(col)
    for t in exp.tokens:
        head = "ROOT" if t.head == t.i else f"{t.head} {exp.tokens[t.head].text}"
        parse.add_row(str(t.i), t.text, t.lemma, t.pos, t.dep, head)
    console.print(parse)

    actors = Table(title="Actors")
    for col in ("words", "tokens", "code", "sector", "name", "why"):
        actors.add_column(col)
    for m in exp.mentions:
        for e in m.entities:
            actors.add_row(m.text or exp.words(range(m.start_token, m.end_token)), f"{m.start_token}-{m.end_token}",
                           e.code or "-", e.sector or "-", e.entity_name or "-", e.resolution or "")
    console.print(actors)

    console.print("[bold]Coded[/bold]" if exp.coded else "[bold]Coded:[/bold] nothing")
    for c in exp.coded:
        console.print(f"  [green]{exp.describe(c)}[/green]  trigger '{exp.words(c.trigger_tokens)}'  conf {c.confidence:.2f}")
        console.print(f"    rule: {c.rule}", markup=False)
    if exp.blocked:
        console.print("[bold]Blocked[/bold]")
    for c in exp.blocked:
        console.print(f"  [red]{exp.describe(c)}[/red]  trigger '{exp.words(c.trigger_tokens)}'  blocked by [bold]{c.blocked}[/bold]")
        console.print(f"    rule: {c.rule}", markup=False)


def explain(
    sentence: str = typer.Argument(..., help="The sentence to code."),
    date: str = typer.Option(dt.date.today().isoformat(), "--date", help="Article date, YYYY-MM-DD."),
) -> None:
    """Show how dyad codes one sentence: parse, actors, rules fired and blocked."""
    try:
        article_date = dt.date.fromisoformat(date)
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {date!r}", param_hint="--date") from None
    console = Console()
    try:
        exp = explain_sentence(sentence, article_date)
    except DyadError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(getattr(exc, "exit_code", 1)) from exc
    render_explanation(exp, console)


# The name the main CLI registers.
explain_cmd = explain
