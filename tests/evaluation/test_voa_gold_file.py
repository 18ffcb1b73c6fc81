"""The hand-annotated VOA dev gold file is well formed and its offsets are exact.

Fast (no model). The checks against the article texts need the shared VOA
corpus beside the repository (``../shared``) and are skipped without it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.ontology import load_ontology
from dyad.ingest import read_articles
from dyad.records import Article

GOLD = Path(str(resources.files("dyad.evaluation.data").joinpath("voa_dev_gold.jsonl")))
VOA = Path(__file__).parents[2].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"

EVENT_KEYS = {
    "article_id", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "trigger",
    "event", "mode", "actor", "recipient", "date", "date_precision", "place", "context",
}
HEADER_KEYS = {"article_id", "annotated", "n_events"}
PRECISIONS = {"day", "week", "month", "season", "year", "article"}
# PLOVER 2.0's sector codes (manual, "Sector Primary Codes"), as dyad's actors/data/sectors.yaml:
# journalists JRN, health MED, insurgents and separatists REB, civil society SOC.
SECTORS = {
    "GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF", "UNK", "CVL", "ELI", "BUS",
    "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM", "PRE",
}
# The current manual's modes (PLOVER_MANUAL.tex, chapter "Event Categories"), which the gold follows
# from revision 2 on (docs/annotation_guide.md section 3).
MANUAL_MODES = {
    "AGREE": set(), "CONSULT": {"visit", "third-party", "multilateral", "phone"}, "SUPPORT": set(), "CONCEDE": set(),
    "COOPERATE": set(), "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"},
}
# The manual's 37 general contexts and the two auxiliary modes it puts in `context`.
CONTEXTS = set(
    "military intelligence executive legislative election political_institutions pro_democracy pro_autocracy economic "
    "legal reparations human_rights rights_freedoms repression human_security gender lgbt religion_ethnicity "
    "inequality diplomatic territory peacekeeping health asylum migration disasters natural_resource environment "
    "technology terrorism cbrn cyber misinformation crime corruption illegal_drugs trafficking future historical".split()
)
# ISO 3166 alpha-3 (upper case, three letters) or a non-state/bloc code; the latter listed here.
NON_STATE = {"IGO", "NGO", "MNC", "EUR", "WST"}
CODE = re.compile(r"[A-Z]{3}")


def read_gold() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return read_gold()


@pytest.fixture(scope="module")
def events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if "event" in r]


def test_every_line_is_a_header_or_an_event(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        assert set(r) in (HEADER_KEYS, EVENT_KEYS), r
        if "annotated" in r:
            assert r["annotated"] is True and isinstance(r["n_events"], int) and r["n_events"] >= 0


def test_headers_are_unique_and_count_their_events(rows: list[dict[str, Any]]) -> None:
    headers = [r for r in rows if "annotated" in r]
    ids = [h["article_id"] for h in headers]
    assert len(ids) == len(set(ids)), "an article is annotated twice"
    counts = Counter(r["article_id"] for r in rows if "event" in r)
    assert set(counts) <= set(ids), "events for an article without a header"
    for h in headers:
        assert counts.get(h["article_id"], 0) == h["n_events"], h


def test_every_voa_article_is_annotated_and_split_once(rows: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    from dyad.evaluation.voa_gold import load_test_ids

    annotated = [r["article_id"] for r in rows if "annotated" in r]
    assert len(annotated) == 89
    test = load_test_ids()
    assert len(test) == 26 and test <= set(annotated)


def test_at_least_thirty_articles_with_varied_types(rows: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    assert sum("annotated" in r for r in rows) >= 30
    assert len({e["event"] for e in events}) == len(load_ontology().types)  # every PLOVER type occurs


def test_event_types_modes_and_contexts_are_the_manuals(events: list[dict[str, Any]]) -> None:
    types = load_ontology().types
    assert set(MANUAL_MODES) == set(types)
    for e in events:
        assert e["event"] in types, e
        assert e["mode"] is None or e["mode"] in MANUAL_MODES[e["event"]], e
        assert isinstance(e["context"], list) and set(e["context"]) <= CONTEXTS, e


def check_side(side: object, required: bool) -> None:
    assert isinstance(side, list)
    assert side or not required
    for ent in side:
        assert set(ent) == {"code", "sector", "name"}, ent
        if ent["code"] is None:  # an unknown actor (UNK), or a sector whose country the text does not give
            assert ent["sector"] is not None, ent
            continue
        assert CODE.fullmatch(ent["code"]), ent
        assert ent["sector"] is None or ent["sector"] in SECTORS, ent
        assert ent["name"] is None or (isinstance(ent["name"], str) and ent["name"].strip()), ent
        if ent["code"] in NON_STATE:
            continue
        assert ent["code"] not in SECTORS, f"sector used as a country code: {ent}"


def test_actors_and_recipients_are_coded(events: list[dict[str, Any]]) -> None:
    for e in events:
        check_side(e["actor"], required=True)  # PLOVER codes no event without a source
        check_side(e["recipient"], required=False)


def test_dates_precisions_and_places(events: list[dict[str, Any]]) -> None:
    for e in events:
        day = dt.date.fromisoformat(e["date"])
        assert dt.date(1800, 1, 1) <= day <= dt.date(2026, 1, 1), e  # dated background reaches back to 1815
        assert e["date_precision"] in PRECISIONS, e
        if e["date_precision"] == "year":
            assert (day.month, day.day) == (1, 1), e
        assert e["place"] is None or (isinstance(e["place"], str) and e["place"].strip()), e


def test_offsets_are_ordered_and_triggers_short(events: list[dict[str, Any]]) -> None:
    for e in events:
        assert 0 <= e["sentence_start"] <= e["trigger_start"] < e["trigger_end"] <= e["sentence_end"], e
        assert len(e["trigger"]) == e["trigger_end"] - e["trigger_start"], e
        assert 1 <= len(e["trigger"].split()) <= 5, e
    keys = [(e["article_id"], e["trigger_start"], e["trigger_end"], e["event"]) for e in events]
    assert len(keys) == len(set(keys)), "duplicate event record"


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not VOA.exists():
        pytest.skip("shared VOA corpus not present")
    return {a.id: a.text for a in read_articles([VOA]) if isinstance(a, Article)}


def test_offsets_point_into_the_reader_text(texts: dict[str, str], events: list[dict[str, Any]]) -> None:
    for e in events:
        text = texts[e["article_id"]]
        assert text[e["trigger_start"] : e["trigger_end"]] == e["trigger"], e
        sentence = text[e["sentence_start"] : e["sentence_end"]]
        assert sentence == sentence.strip() and len(sentence) > len(e["trigger"]) // 2, e


def test_reader_keeps_the_file_text(texts: dict[str, str], rows: list[dict[str, Any]]) -> None:
    # The offsets are also valid for the raw `text` field only while the reader leaves it unchanged.
    wanted = {r["article_id"] for r in rows}
    with VOA.open(encoding="utf-8") as f:
        raw = {d["id"]: d["text"] for d in map(json.loads, f) if d["id"] in wanted}
    assert set(raw) == wanted, "annotated article missing from the corpus"
    for art_id, text in raw.items():
        assert texts[art_id] == text, art_id
