"""`dyad serve`: the JSON API and the web UI on one port."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from dyad.cli.options import DbOption, resolve_db

MAX_CONNECTIONS = 512
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def build_server_options(workers: int) -> dict[str, Any]:
    """uvicorn options: the C HTTP parser (with header limits) and event loop, quiet logs."""
    options: dict[str, Any] = {
        "log_level": "warning", "access_log": False, "workers": workers,
        # Idle keep-alive connections are closed after 5 s, and past this many
        # open connections a new one gets 503 rather than the process running out of file descriptors.
        "timeout_keep_alive": 5, "limit_concurrency": MAX_CONNECTIONS,
        # httptools with a header size cap and a header deadline (dyad/api/protocol.py); by name, so that
        # worker processes import it themselves.
        "http": "dyad.api.protocol:LimitedHttpToolsProtocol",
    }  # fmt: skip
    if importlib.util.find_spec("uvloop") is not None:
        options["loop"] = "uvloop"
    return options


def allowed_hosts(host: str) -> list[str] | None:
    """The Host names a loopback server answers to (a page elsewhere must not reach it by DNS rebinding);
    on another interface, ``DYAD_ALLOWED_HOSTS`` if set, else any."""
    return list(LOOPBACK_NAMES) if host in ("127.0.0.1", "localhost", "::1") else None


def read_token_file(path: Path) -> str:
    """The token in ``path`` (its first line): kept out of the command line, which other users can read in /proc."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read the token file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    token = lines[0].strip()
    if not token:
        raise typer.BadParameter(f"the token file {path} is empty")
    return token


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1) -> None:
    """Serve ``db``; with ``workers`` > 1, that many processes share the port."""
    import uvicorn

    from dyad.api import create_app

    options = build_server_options(workers)
    hosts = allowed_hosts(host)
    if workers == 1:
        uvicorn.run(create_app(db, token=token, allowed_hosts=hosts), host=host, port=port, **options)
        return
    if hosts:
        os.environ["DYAD_ALLOWED_HOSTS"] = ",".join(hosts)
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
        str | None,
        typer.Option(help="Token that POST /articles must carry [env: DYAD_API_TOKEN]; none: posting is refused.", envvar="DYAD_API_TOKEN", show_default=False),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (about one per core; each loads the model on its first POST).")] = 1,
    token_file: Annotated[
        Path | None, typer.Option("--token-file", help="Read the token from this file (other users can see a --token in the process list).", show_default=False)
    ] = None,
) -> None:
    """Serve the event browser, dyad charts, map and the JSON API (OpenAPI at /openapi.json)."""
    from dyad.store import redact
    from dyad.store.store import check_database_exists

    check_database_exists(resolve_db(db))  # serve what was coded; never an empty new file
    if token_file is not None:
        token = read_token_file(token_file)

    typer.echo(f"dyad: serving {redact(resolve_db(db))} at http://{host}:{port}/ with {workers} worker(s)", err=True)
    serve(resolve_db(db), host, port, token, workers)
