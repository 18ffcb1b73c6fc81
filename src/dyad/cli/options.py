"""Options shared by several commands, so their flags stay uniform."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dyad.settings import default_db

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite path or postgresql:// URL [env: DYAD_DB; default: ./dyad.sqlite]", show_default=False),
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Article date YYYY-MM-DD for plain text files without one.", show_default=False)
]
LexiconOption = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="Extra trigger lexicon YAML, merged over the built-in one.", show_default=False)
]
PlacesOption = Annotated[
    list[Path] | None,
    typer.Option("--places", help="Extra places YAML (the format of where/data/aliases.yaml), over the gazetteer.", show_default=False),
]
ActorsOption = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor dictionary YAML, merged over the built-in one; 'phoenix' adds the packaged Phoenix dictionaries (people, organisations, groups to 2014).", show_default=False)
]
ModelOption = Annotated[
    Path | None, typer.Option("--model", help="Event scorer model file (from `dyad train`) instead of the shipped one.", show_default=False)
]


def pipeline_options(lexicon: list[Path] | None, actors: list[Path] | None, places: list[Path] | None, model: Path | None = None):  # type: ignore[no-untyped-def]
    """The PipelineOptions every coding command builds from its flags and the DYAD_* limits.

    Data and stage plugins are loaded here once, so a broken one is one error
    in this process rather than a failure in every worker process.
    """
    from dyad.pipeline import PipelineOptions
    from dyad.plugins import STAGES, data_files, plugins
    from dyad.settings import Limits

    data_files()
    if not all(p.builtin for p in plugins(STAGES)):
        from dyad.stages import stage_factories

        stage_factories()
    return PipelineOptions(
        lexicon=tuple(lexicon or ()), actors=tuple(actors or ()), places=tuple(places or ()), limits=Limits.from_env(),
        scorer_model=model,
    )


def resolve_db(db: str | None) -> str:
    return db or default_db()


def parse_date_option(value: str | None, name: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=name) from None


# Event filters, shared by `dyad events` and `dyad export` so their flags stay the same.
ActorOption = Annotated[str | None, typer.Option("--actor", help="Actor code (RUS), sector (MIL) or identifier.", show_default=False)]
RecipientOption = Annotated[
    str | None, typer.Option("--recipient", help="Recipient code, sector or identifier.", show_default=False)
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.", show_default=False)]
SinceOption = Annotated[str | None, typer.Option("--since", help="First event date YYYY-MM-DD.", show_default=False)]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last event date YYYY-MM-DD.", show_default=False)]


def build_event_filter(actor: str | None, recipient: str | None, type_: str | None, since: str | None, until: str | None):  # type: ignore[no-untyped-def]
    # Dates first: a usage error should not wait for SQLAlchemy to import.
    first, last = parse_date_option(since, "--since"), parse_date_option(until, "--until")
    from dyad.store import EventFilter

    return EventFilter(actor=actor, recipient=recipient, event=type_, since=first, until=last)
