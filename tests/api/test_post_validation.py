"""POST /articles runs the readers' validator: a refused article is a 422 in the one error shape,
and the request body limit comes from the same article limit (settings.Limits)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.settings import Limits

TOKEN = "t"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def _error(resp, status: int) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    return body["error"]


def test_a_future_date_is_refused_with_the_readers_reason(db: str):
    with TestClient(create_app(db, token=TOKEN)) as c:
        err = _error(c.post("/articles", json={"text": "Troops advanced.", "date": FUTURE}, headers=AUTH), 422)
    assert err == {"status": 422, "code": "invalid_article", "message": f"date {FUTURE} is in the future"}


def test_the_article_limit_is_the_readers_limit(db: str):
    limits = Limits(max_article_bytes=100)
    with TestClient(create_app(db, token=TOKEN, limits=limits)) as c:
        err = _error(c.post("/articles", json={"text": "word " * 30, "date": "2024-01-02"}, headers=AUTH), 422)
        assert err["code"] == "invalid_article" and "larger than the 100-byte limit" in err["message"]
        # The body cap is a multiple of the same limit (room for escaped JSON), answered before reading.
        resp = c.post("/articles", content=b"x" * (limits.max_record_bytes + 1), headers={**AUTH, "Content-Type": "application/json"})
        assert _error(resp, 413)["code"] == "body_too_large"


def test_text_that_is_only_markup_is_refused(db: str):
    with TestClient(create_app(db, token=TOKEN)) as c:
        err = _error(c.post("/articles", json={"text": "<script>alert(1)</script>", "date": "2024-01-02"}, headers=AUTH), 422)
    assert "empty after removing markup" in err["message"]


def test_the_default_body_cap_follows_the_setting(db: str, monkeypatch):
    monkeypatch.setenv("DYAD_MAX_ARTICLE_BYTES", "50")
    with TestClient(create_app(db, token=TOKEN)) as c:
        assert _error(c.post("/articles", content=b"{" + b" " * 150, headers=AUTH), 413)["code"] == "body_too_large"
        err = _error(c.post("/articles", json={"text": "word " * 11, "date": "2024-01-02"}, headers=AUTH), 422)
    assert "50-byte limit" in err["message"]
