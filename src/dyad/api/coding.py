"""POST /articles: code new text through the Pipeline and store it (token required).

The article passes the same validator as every reader's (``validate_article``):
a refused one is a 422 in the one error shape, code ``invalid_article``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field

from dyad.errors import DyadError, InputError
from dyad.ingest.validate import validate_article
from dyad.records import Article

router = APIRouter()


class Unauthorized(DyadError):
    status = 401


class InvalidArticle(DyadError):
    """Well-formed JSON whose article the validator refuses (too large, future date, no text)."""

    status = 422
    code = "invalid_article"


class ArticleIn(BaseModel):
    # No length cap here: the validator's byte limit is the one limit (settings.Limits).
    text: str = Field(min_length=1)
    date: dt.date
    id: str | None = Field(default=None, max_length=200, pattern=r"^[\w.:-]+$")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)


def check_token(configured: str | None, authorization: str | None, x_dyad_token: str | None) -> None:
    """Raise Unauthorized unless the request carries the configured token."""
    if not configured:
        raise Unauthorized("posting articles is disabled: start the server with --token or DYAD_API_TOKEN")
    given = x_dyad_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not secrets.compare_digest(given.encode(), configured.encode()):
        raise Unauthorized("missing or wrong API token (send 'Authorization: Bearer <token>')")


@router.post("/articles", status_code=201, tags=["articles"])
def post_article(
    request: Request,
    body: ArticleIn,
    authorization: Annotated[str | None, Header()] = None,
    x_dyad_token: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Code a new article, store it, and return its events and quotes."""
    state = request.app.state.dyad
    check_token(state.token, authorization, x_dyad_token)
    raw = Article(id=body.id or "", date=body.date, text=body.text, title=body.title, source=body.source, url=body.url, origin="api")
    try:
        article = validate_article(raw, state.limits)
    except InputError as exc:
        raise InvalidArticle(exc.reason) from None
    coded = state.get_pipeline().code_article(article)
    state.store.save(coded)
    return {"article_id": article.id, "events": [e.to_plover() for e in coded.events], "quotes": [q.to_json() for q in coded.quotes]}
