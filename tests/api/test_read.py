from __future__ import annotations

from fastapi.testclient import TestClient


def test_events_filters_and_pagination(client: TestClient):
    all_ = client.get("/events").json()
    assert all_["total"] == 11 and len(all_["items"]) == 11
    rus_chn = client.get("/events", params={"actor": "RUS", "recipient": "CHN", "type": "consult"}).json()
    assert rus_chn["total"] == 4
    assert all(e["event"] == "CONSULT" and e["actor"][0]["code"] == "RUS" for e in rus_chn["items"])
    window = client.get("/events", params={"since": "2023-02-23", "until": "2023-02-24"}).json()
    assert window["total"] == 5
    page1 = client.get("/events", params={"limit": 4, "offset": 0, "sort": "date"}).json()["items"]
    page2 = client.get("/events", params={"limit": 4, "offset": 4, "sort": "date"}).json()["items"]
    assert not {e["id"] for e in page1} & {e["id"] for e in page2}
    assert [e["date"] for e in page1 + page2] == sorted(e["date"] for e in page1 + page2)
    newest = client.get("/events", params={"sort": "-date", "limit": 1}).json()["items"][0]
    assert newest["date"] == "2023-04-03"


def test_events_at_story_level(client: TestClient):
    stories = client.get("/events", params={"level": "story", "actor": "RUS", "recipient": "CHN"}).json()
    assert stories["total"] == 3
    top = stories["items"][0]
    # Talks are undirected: the CHN→RUS report joins the three RUS→CHN ones.
    assert (top["n_mentions"], top["n_sources"]) == (4, 3)
    detail = client.get(f"/stories/{top['id']}").json()
    assert len(detail["events"]) == 4


def test_event_evidence_highlights_spans(client: TestClient):
    ev = client.get("/events", params={"type": "ASSAULT", "sort": "date", "limit": 1}).json()["items"][0]
    body = client.get(f"/events/{ev['id']}").json()
    ev_text = body["evidence"]["text"]
    spans = {s["kind"]: s for s in body["evidence"]["spans"]}
    for kind, expected in (("actor", "Russia"), ("recipient", "Ukraine"), ("trigger", "shelled"), ("place", "Kharkiv")):
        s = spans[kind]
        assert ev_text[s["start"] : s["end"]] == expected == s["text"]
    assert body["story_id"].startswith("s-")


def test_event_evidence_links_quotes(client: TestClient):
    ev = client.get("/events", params={"actor": "RUS", "recipient": "CHN", "sort": "date", "limit": 1}).json()["items"][0]
    body = client.get(f"/events/{ev['id']}").json()
    assert [q["text"] for q in body["quotes"]] == ["Our ties are strong"]


def test_articles_actors_quotes(client: TestClient):
    arts = client.get("/articles").json()
    assert arts["total"] == 7 and arts["items"][0]["id"] == "a7"
    one = client.get("/articles/a4").json()
    assert one["events"][0]["event"] == "ASSAULT" and "Kharkiv" in one["text"]
    actors = client.get("/actors").json()["items"]
    assert actors[0]["code"] == "RUS"
    rus = client.get("/actors/RUS").json()
    assert rus["targets"][0] == {"code": "CHN", "events": 5, "goldstein_sum": 7.0}
    assert client.get("/actors/ZZZ").status_code == 404
    quotes = client.get("/quotes", params={"speaker": "RUS"}).json()["items"]
    assert quotes[0]["speaker"]["code"] == "RUS"
    by_code = client.get("/quotes", params={"code": "RUS"}).json()["items"]
    assert by_code and all(q["speaker"]["code"] == "RUS" for q in by_code)
    assert client.get("/quotes", params={"code": "Rus"}).json()["items"] == []  # codes only, no name match


def test_series_network_places(client: TestClient):
    s = client.get("/series", params={"actor": "RUS", "recipient": "CHN", "freq": "week"}).json()
    assert [p["n_events"] for p in s["periods"]] == [4, 0, 0, 1, 0, 0, 1]
    assert s["periods"][0]["quads"]["verbal_cooperation"] == 4 and s["periods"][1]["goldstein_mean"] is None
    net = client.get("/network").json()
    assert net["edges"][0]["source"] == "RUS" and net["nodes"][0]["code"] == "RUS"
    places = client.get("/places", params={"quad": 4}).json()["items"]
    assert {p["place"] for p in places} == {"Kharkiv", "Kyiv"}
    assert sum(p["dead"] for p in places) == 4


def test_events_filter_by_context_and_the_context_facet(client: TestClient):
    military = client.get("/events", params={"context": "military"}).json()
    assert military["total"] == 3 and all("military" in e["context"] for e in military["items"])
    either = client.get("/events", params=[("context", "economic"), ("context", "human_security")]).json()
    assert {e["event"] for e in either["items"]} == {"AGREE", "AID"}
    assert client.get("/stories", params={"context": "military", "actor": "RUS"}).json()["total"] == 2  # the shellings of Kharkiv and Kyiv
    facet = client.get("/contexts").json()["items"]
    assert facet[:2] == [{"context": "diplomatic", "events": 6}, {"context": "military", "events": 3}]
    assert {"context": "future", "events": 1} in facet
    assert client.get("/contexts", params={"type": "ASSAULT"}).json()["items"] == [{"context": "military", "events": 2}]
    series = client.get("/series", params={"actor": "RUS", "recipient": "CHN", "freq": "month", "context": "diplomatic"}).json()
    assert sum(p["n_events"] for p in series["periods"]) == 6


def test_an_unknown_context_is_a_422_naming_the_parameter(client: TestClient):
    res = client.get("/events", params={"context": "warfare"})
    assert res.status_code == 422 and "context" in res.text
