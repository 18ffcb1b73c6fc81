"""Objects the in-process plugin tests point fake entry points at (``plugin_fakes:NAME``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from dyad.errors import InputError
from dyad.records import Article, Rejection

NOT_CALLABLE = 42
DATA_DIR = Path(__file__).parent


def read_lines(path: Path) -> Iterator[Article | Rejection]:
    """One article per line: 'YYYY-MM-DD|text'."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        day, _, text = line.partition("|")
        yield Article(id="", date=dt.date.fromisoformat(day), text=text)


def read_and_fail(path: Path) -> Iterator[Article]:
    yield Article(id="first", date=dt.date(2024, 1, 1), text="Troops advanced.")
    raise KeyError("oops")


def read_not_articles(path: Path) -> Iterator[object]:
    yield {"text": "a dict, not an Article"}


def read_refusing(path: Path) -> Iterator[Article]:
    raise InputError("not my kind of file", str(path), 3)
    yield  # pragma: no cover


def data_unknown_kind() -> dict[str, list[Path]]:
    return {"weather": []}


def data_missing_file() -> dict[str, str]:
    return {"actors": str(DATA_DIR / "no-such-actors.yaml")}


def data_raises() -> dict[str, list[Path]]:
    raise RuntimeError("cannot find my files")


def data_not_a_mapping() -> list[str]:
    return ["actors.yaml"]


def data_ok() -> dict[str, object]:
    return {"actors": [Path(__file__)], "places": str(Path(__file__))}


def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


def _make_app():  # type: ignore[no-untyped-def]
    import typer

    app = typer.Typer(help="Tools of a fake plugin.")

    @app.command("ping")
    def ping() -> None:
        print("pong")

    @app.command("pong")
    def pong() -> None:
        print("ping")

    return app


tools_app = _make_app()
