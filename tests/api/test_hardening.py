"""Issue 17: the API under attack. Security headers on every response, the
Host check, LIKE wildcards taken literally, the token from a file."""

from __future__ import annotations

import warnings

import pytest

from dyad.api import create_app
from dyad.cli.serve_cmd import allowed_hosts, build_server_options, read_token_file

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/", "/events", "/actors/ZZZ", "/static/app.js", "/no-such-page"])
def test_every_response_carries_the_security_headers(client, path):
    res = client.get(path)
    assert "default-src 'self'" in res.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"


def test_a_loopback_server_refuses_another_host(db):
    with TestClient(create_app(db, allowed_hosts=allowed_hosts("127.0.0.1")), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/events").status_code == 200
        assert c.get("/events", headers={"host": "localhost:8000"}).status_code == 200
        bad = c.get("/events", headers={"host": "evil.example:8000"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_host"
        assert bad.headers["x-content-type-options"] == "nosniff"
    assert allowed_hosts("0.0.0.0") is None  # exposed on purpose: DYAD_ALLOWED_HOSTS names the hosts


def test_like_wildcards_in_a_prefix_are_literal(client):
    assert client.get("/actors", params={"q": "R"}).json()["items"]  # RUS …
    for q in ("%", "_", "R_S", "%US"):
        assert client.get("/actors", params={"q": q}).json()["items"] == [], q


def test_an_actor_page_counts_its_pairs_as_the_network_does(client):
    edges = client.get("/network", params={"limit": 500}).json()["edges"]
    for code in ("RUS", "CHN"):
        page = client.get(f"/actors/{code}").json()
        targets = [(e["target"], e["events"]) for e in edges if e["source"] == code][:20]
        sources = [(e["source"], e["events"]) for e in edges if e["target"] == code][:20]
        assert [(t["code"], t["events"]) for t in page["targets"]] == targets
        assert [(t["code"], t["events"]) for t in page["sources"]] == sources


def test_the_token_comes_from_a_file(tmp_path):
    path = tmp_path / "token"
    path.write_text("s3cret\n")
    assert read_token_file(path) == "s3cret"
    path.write_text("\n")
    with pytest.raises(Exception, match="empty"):
        read_token_file(path)


def test_server_limits_idle_connections_and_concurrency():
    options = build_server_options(1)
    assert options["timeout_keep_alive"] <= 5 and options["limit_concurrency"] >= 100
