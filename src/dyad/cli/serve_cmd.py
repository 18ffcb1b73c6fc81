"""`dyad serve`: the JSON API and the web UI on one port."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.options import DbOption, resolve_db
from dyad.store import redact


def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default; 0.0.0.0 exposes it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None, typer.Option(help="Token that POST /articles must carry [env: DYAD_API_TOKEN]; none: posting is refused.", envvar="DYAD_API_TOKEN", show_default=False)
    ] = None,
) -> None:
    """Serve the event browser, dyad charts, map and the JSON API (OpenAPI at /openapi.json)."""
    import uvicorn

    from dyad.api import create_app

    app = create_app(resolve_db(db), token=token)
    typer.echo(f"dyad: serving {redact(resolve_db(db))} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
