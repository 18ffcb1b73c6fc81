"""`dyad serve`: the JSON API and the web UI on one port."""

from __future__ import annotations

import importlib.util
import os
from typing import Annotated, Any

import typer

from dyad.cli.options import DbOption, resolve_db


def build_server_options(workers: int) -> dict[str, Any]:
    """uvicorn options: the C HTTP parser and event loop when installed, quiet logs."""
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "workers": workers}
    if importlib.util.find_spec("httptools") is not None:
        options["http"] = "httptools"
    if importlib.util.find_spec("uvloop") is not None:
        options["loop"] = "uvloop"
    return options


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1) -> None:
    """Serve ``db``; with ``workers`` > 1, that many processes share the port."""
    import uvicorn

    from dyad.api import create_app

    options = build_server_options(workers)
    if workers == 1:
        uvicorn.run(create_app(db, token=token), host=host, port=port, **options)
        return
    from dyad.store import Store

    Store(db).close()  # migrate once, and fail here rather than in every worker
    # Worker processes import the app by name and read their settings from the environment.
    os.environ["DYAD_DB"] = db
    if token:
        os.environ["DYAD_API_TOKEN"] = token
    uvicorn.run("dyad.api.app:create_app_from_env", factory=True, host=host, port=port, **options)


def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default; 0.0.0.0 exposes it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None, typer.Option(help="Token that POST /articles must carry [env: DYAD_API_TOKEN]; none: posting is refused.", envvar="DYAD_API_TOKEN", show_default=False)
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (about one per core; each loads the model on its first POST).")] = 1,
) -> None:
    """Serve the event browser, dyad charts, map and the JSON API (OpenAPI at /openapi.json)."""
    from dyad.store import redact
    from dyad.store.store import check_database_exists

    check_database_exists(resolve_db(db))  # serve what was coded; never an empty new file
    typer.echo(f"dyad: serving {redact(resolve_db(db))} at http://{host}:{port}/ with {workers} worker(s)", err=True)
    serve(resolve_db(db), host, port, token, workers)
