"""Every error leaves the API in one JSON shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import dyad.api.routes
from dyad.api import create_app


def _assert_error(resp, status: int) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message"}
    assert err["status"] == status and isinstance(err["code"], str) and err["message"]
    return err


def test_404_unknown_event_and_route(client: TestClient):
    assert _assert_error(client.get("/events/nope"), 404)["code"] == "not_found"
    _assert_error(client.get("/no/such/route"), 404)
    _assert_error(client.get("/stories/s-missing"), 404)


def test_401_without_or_with_wrong_token(client: TestClient):
    body = {"text": "Russia accused Ukraine.", "date": "2023-02-22"}
    _assert_error(client.post("/articles", json=body), 401)
    _assert_error(client.post("/articles", json=body, headers={"Authorization": "Bearer wrong"}), 401)


def test_401_always_when_no_token_configured(db: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DYAD_API_TOKEN", raising=False)
    with TestClient(create_app(db)) as c:
        _assert_error(c.post("/articles", json={"text": "x", "date": "2023-01-01"}, headers={"Authorization": "Bearer "}), 401)


def test_422_bad_parameters(client: TestClient):
    assert _assert_error(client.get("/events", params={"limit": 100000}), 422)["code"] == "invalid_request"
    _assert_error(client.get("/events", params={"since": "yesterday"}), 422)
    _assert_error(client.get("/events", params={"sort": "record; drop table events"}), 422)
    _assert_error(client.get("/series", params={"actor": "RUS"}), 422)


def test_413_body_too_large(db: str):
    with TestClient(create_app(db, token="t", max_body_bytes=1000)) as c:
        resp = c.post("/articles", content=b"x" * 5000, headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
        _assert_error(resp, 413)


def test_413_streamed_body_without_length(db: str):
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"y" * 500

    with TestClient(create_app(db, token="t", max_body_bytes=1000)) as c:
        _assert_error(c.post("/articles", content=chunks(), headers={"Authorization": "Bearer t"}), 413)


def test_500_is_json(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(dyad.api.routes, "list_actors", boom)
    err = _assert_error(client.get("/actors"), 500)
    assert "disk" not in err["message"]  # internals stay in the log


def test_static_files_cannot_escape(client: TestClient):
    assert client.get("/static/app.js").status_code == 200
    for path in ("/static/../app.py", "/static/..%2f..%2fapi%2fapp.py", "/static/%2e%2e/__init__.py", "/static/vendor/../../__init__.py"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert "create_app" not in resp.text


def test_docs_need_no_cdn(client: TestClient):
    spec = client.get("/openapi.json").json()
    assert "/events" in spec["paths"] and "/events/{event_id}" in spec["paths"]
    page = client.get("/", follow_redirects=True).text
    assert "cdn" not in page.lower() and "https://" not in page
    assert client.get("/docs", follow_redirects=False).status_code in (302, 307)


def test_no_cors_by_default(client: TestClient):
    resp = client.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in resp.headers
