"""Options shared by several commands, so their flags stay uniform."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dyad.records import DATE_PRECISIONS
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
    list[Path] | None,
    typer.Option(
        "--actors",
        help="Extra actor dictionary YAML, merged over the built-in one; "
        "'phoenix' adds the packaged Phoenix dictionaries (people, organisations, groups to 2014).",
        show_default=False,
    ),
]
ModelOption = Annotated[
    Path | None, typer.Option("--model", help="Event scorer model file (from `dyad train`) instead of the shipped one.", show_default=False)
]
ContextModelOption = Annotated[
    Path | None,
    typer.Option("--context-model", help="Folder with a context weights.json and model.json (from `dyad train --contexts`) instead of the shipped ones.",
                 show_default=False, file_okay=False),
]
ContextsOption = Annotated[
    list[Path] | None,
    typer.Option("--contexts", help="Extra context cues YAML (the format of contexts/data/contexts.yaml), added to ours.", show_default=False),
]


def pipeline_options(lexicon: list[Path] | None, actors: list[Path] | None, places: list[Path] | None,
                     contexts: list[Path] | None = None, model: Path | None = None, context_model: Path | None = None):  # fmt: skip
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
        lexicon=tuple(lexicon or ()), actors=tuple(actors or ()), places=tuple(places or ()), contexts=tuple(contexts or ()),
        limits=Limits.from_env(), scorer_model=model, context_model=context_model,
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
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Actor code (RUS; any case), sector (MIL), identifier or name.", show_default=False)
]
RecipientOption = Annotated[
    str | None, typer.Option("--recipient", help="Recipient code, sector, identifier or name.", show_default=False)
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT (any case).", show_default=False)]
SinceOption = Annotated[str | None, typer.Option("--since", help="First event date YYYY-MM-DD.", show_default=False)]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last event date YYYY-MM-DD.", show_default=False)]
ContextOption = Annotated[
    list[str] | None,
    typer.Option("--context", help="PLOVER context, e.g. terrorism; repeat for events with any of them.", show_default=False),
]


def parse_context_option(values: list[str] | None) -> tuple[str, ...]:
    """The ``--context`` values, checked against the manual's names."""
    from dyad.contexts.names import check_context_names

    try:
        return check_context_names(values or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--context") from None


PrecisionOption = Annotated[
    str | None,
    typer.Option("--precision", help=f"Keep events dated to these precisions, comma-separated: {', '.join(DATE_PRECISIONS)}.", show_default=False),
]
AggregatesOption = Annotated[
    bool,
    typer.Option("--aggregates/--no-aggregates", help="Include aggregate statements (a tally over a month or more: 'in 2024 they killed 400')."),
]


def parse_precisions(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    out = tuple(p.strip().lower() for p in value.split(",") if p.strip())
    unknown = [p for p in out if p not in DATE_PRECISIONS]
    if unknown:
        raise typer.BadParameter(f"unknown precision {', '.join(map(repr, unknown))}; choose from {', '.join(DATE_PRECISIONS)}", param_hint="--precision")
    return out


def build_event_filter(actor: str | None, recipient: str | None, type_: str | None, since: str | None, until: str | None,
                       context: list[str] | None = None, precision: str | None = None, aggregates: bool = True):  # fmt: skip
    # Dates and names first: a usage error should not wait for SQLAlchemy to import.
    first, last = parse_date_option(since, "--since"), parse_date_option(until, "--until")
    contexts = parse_context_option(context)
    precisions = parse_precisions(precision)
    if type_:
        from dyad.coding.ontology import check_event_type
        from dyad.errors import ConfigError

        try:
            type_ = check_event_type(type_)
        except ConfigError as exc:
            raise typer.BadParameter(str(exc), param_hint="--type") from None
    from dyad.store import EventFilter

    return EventFilter(actor=actor, recipient=recipient, event=type_, since=first, until=last, context=contexts,
                       date_precision=precisions, aggregate=None if aggregates else False)  # fmt: skip
