"""POST /articles with the real model: the article is coded, stored, and its events are found by GET /events."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.model

TEXT = (
    "India's foreign minister held talks with his French counterpart in New Delhi on Monday. "
    "Later that day, Pakistan accused India of shelling villages near the border."
)


def test_posted_article_is_coded_and_listed(client: TestClient):
    token = client.app.state.dyad.token  # the one the client fixture configured
    resp = client.post("/articles", json={"text": TEXT, "date": "2024-03-04", "id": "posted-1", "title": "Talks in Delhi"},
                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["article_id"] == "posted-1"
    posted = {e["id"]: e for e in body["events"]}
    types = {e["event"] for e in posted.values()}
    assert {"CONSULT", "ACCUSE"} <= types, types
    accuse = next(e for e in posted.values() if e["event"] == "ACCUSE")
    assert accuse["actor"][0]["code"] == "PAK" and accuse["recipient"][0]["code"] == "IND"

    # The stored events come back from the read API, filters and counts included.
    listed = client.get("/events", params={"since": "2024-03-04", "until": "2024-03-04", "limit": 50}).json()
    assert {e["id"] for e in listed["items"]} == set(posted) and listed["total"] == len(posted)
    by_actor = client.get("/events", params={"actor": "PAK", "type": "ACCUSE"}).json()
    assert accuse["id"] in {e["id"] for e in by_actor["items"]}
    evidence = client.get(f"/events/{accuse['id']}").json()["evidence"]
    assert any(s["kind"] == "trigger" and s["text"].startswith("accused") for s in evidence["spans"])
    assert client.get("/articles/posted-1").json()["title"] == "Talks in Delhi"
