"""The FastAPI application: JSON API and the offline web UI on one port.

Every error, whatever raised it, leaves as one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "no event 'x'"}}

There is no CORS middleware (same-origin only) and no CDN: the Swagger page
FastAPI serves at /docs loads its assets from a CDN, so it is off; the spec is
at /openapi.json and the UI's API page (/docs redirects there) lists it.
"""

from __future__ import annotations

import contextlib
import http
import logging
import os
from importlib import resources
from collections.abc import AsyncIterator, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad.api.coding import router as coding_router
from dyad.api.state import AppState
from dyad.api.routes import router
from dyad.errors import DyadError
from dyad.settings import Limits
from dyad.store import Store

log = logging.getLogger(__name__)



def render_error(status: int, message: str, code: str | None = None) -> JSONResponse:
    try:
        default_code = http.HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        default_code = "error"
    body = {"error": {"status": status, "code": code or default_code, "message": message}}
    return JSONResponse(body, status_code=status)


class BodyLimitMiddleware:
    """Answer 413 when a request body is, or turns out to be, larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._reject(scope, receive, send)
            return
        # Read the body up front (it is small by construction) so an oversized
        # stream is refused here rather than failing inside the route's parser.
        chunks: list[bytes] = []
        seen = 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            chunks.append(msg.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                await self._reject(scope, receive, send)
                return
            if not msg.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = render_error(413, f"request body larger than {self.limit} bytes", "body_too_large")
        await response(scope, receive, send)


# Everything the UI loads is its own (no CDN, no inline script or style).
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
                                 b"frame-ancestors 'none'; form-action 'self'"),  # fmt: skip
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityMiddleware:
    """Security headers on every response; with ``allowed_hosts``, a request
    for another Host is refused (DNS rebinding onto a loopback server)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str] | None = None):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = [*msg.get("headers", []), *SECURITY_HEADERS]
            await send(msg)

        if self.allowed is not None and _host(scope) not in self.allowed:
            await render_error(400, "the Host header names another server", "invalid_host")(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def _host(scope: Scope) -> str:
    """The Host header without its port: 'example.org', '127.0.0.1', '[::1]'."""
    raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
    if raw.startswith("["):
        return raw.split("]", 1)[0] + "]"
    return raw.split(":", 1)[0]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return render_error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return render_error(422, "; ".join(parts) or "invalid request", "invalid_request")

    @app.exception_handler(DyadError)
    async def _dyad(_: Request, exc: DyadError) -> JSONResponse:
        return render_error(exc.status, str(exc), getattr(exc, "code", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return render_error(500, "internal server error", "internal_error")


def create_app(
    db: str, token: str | None = None, max_body_bytes: int | None = None, limits: Limits | None = None, allowed_hosts: Sequence[str] | None = None
) -> FastAPI:
    """The API and UI over the store at ``db``.

    ``token`` (or ``DYAD_API_TOKEN``) is required on ``POST /articles``
    (``Authorization: Bearer <token>``); with none configured posting is refused.
    ``limits`` (default: the ``DYAD_*`` settings) are the validator's; a request
    body larger than ``max_body_bytes`` (default ``limits.max_record_bytes``,
    room for the largest article as escaped JSON) gets 413 before it is read.
    ``allowed_hosts`` (default: ``DYAD_ALLOWED_HOSTS``, comma-separated; none:
    any) are the Host names a request may carry.
    """
    limits = limits or Limits.from_env()
    max_body_bytes = max_body_bytes or limits.max_record_bytes
    state = AppState(Store(db), token or os.environ.get("DYAD_API_TOKEN") or None, limits)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        lifespan=lifespan,
        title="dyad",
        summary="PLOVER political events coded from news articles, with their evidence.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.dyad = state
    app.add_middleware(BodyLimitMiddleware, limit=max_body_bytes)
    hosts = allowed_hosts or [h.strip() for h in os.environ.get("DYAD_ALLOWED_HOSTS", "").split(",") if h.strip()]
    app.add_middleware(SecurityMiddleware, allowed_hosts=hosts or None)  # outermost: every response has the headers
    _install_error_handlers(app)
    app.include_router(router)
    app.include_router(coding_router)

    static = resources.files("dyad.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> RedirectResponse:
        return RedirectResponse("/#/api")

    return app


def create_app_from_env() -> FastAPI:
    """The app for several worker processes (``dyad serve --workers N``), configured by environment.

    Workers import the app by name, so the database comes from ``DYAD_DB`` (the
    same variable ``--db`` defaults to) and the token from ``DYAD_API_TOKEN``.
    """
    from dyad.settings import default_db

    return create_app(default_db())

