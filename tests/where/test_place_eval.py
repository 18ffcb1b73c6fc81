from __future__ import annotations

import json
from pathlib import Path

from dyad.evaluation.place import normalise_span, read_place_records

ROWS = [  # invented sentences in the event_location format
    {"id": "a", "text": "Rebels attacked a checkpoint near the town of Kreminna on Monday.", "verb": ["attacked"], "location": ["Kreminna"]},
    {"id": "b", "text": "Police arrested five men after the protest.", "verb": ["arrested"], "location": []},
    {"id": "c", "text": "Troops shelled villages in the Donetsk region overnight.", "verb": ["shelled"], "location": ["Donetsk"]},
]  # fmt: skip


def write(tmp_path: Path) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_normalise_span() -> None:
    assert normalise_span("Al - Zara") == normalise_span("al-Zara") == "al-zara"
    assert normalise_span("the West Bank") == "west bank"
    assert normalise_span("\u2018 Arak") == normalise_span("Arak") == "arak"


def test_read_limit_is_a_prefix(tmp_path: Path) -> None:
    assert [r.id for r in read_place_records(write(tmp_path), limit=2)] == ["a", "b"]


def test_split_keeps_a_sentence_and_an_id_in_one_split(tmp_path: Path) -> None:
    from dyad.evaluation.place import assign_splits

    rows = [*ROWS, {**ROWS[0], "id": "a2"}, {**ROWS[1], "text": "Another sentence of record b."}]
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    records = list(read_place_records(path))
    of = assign_splits(records)
    assert of["a"] == of["a2"]  # the same sentence under two ids
    assert set(of.values()) <= {"train", "dev", "test"}
    assert assign_splits(list(reversed(records))) == of  # by rule, not by file order
    by_split = [r.id for s in ("train", "dev", "test") for r in read_place_records(path, split=s)]
    assert sorted(by_split) == sorted(r.id for r in records)  # every record in exactly one split


def test_split_rule_gives_roughly_70_15_15() -> None:
    from dyad.evaluation.place import PlaceRecord, assign_splits

    records = [PlaceRecord(str(i), f"sentence {i}", "v", ()) for i in range(4000)]
    counts = {s: 0 for s in ("train", "dev", "test")}
    for split in assign_splits(records).values():
        counts[split] += 1
    assert 0.66 < counts["train"] / 4000 < 0.74 and 0.12 < counts["dev"] / 4000 < 0.18


def test_gold_marked_word_by_word_matches_the_name_the_sentence_writes() -> None:
    from dyad.evaluation.place import PlaceRecord, gold_names

    rec = PlaceRecord("1", "Israel captured the Old City and the West Bank in 1967.", "captured", ("West", "Bank"))
    assert "west bank" in gold_names(rec)
    apart = PlaceRecord("2", "Troops captured Qoryoley and Bula Marer.", "captured", ("Qoryoley", "Bula Marer"))
    assert gold_names(apart) == {"qoryoley", "bula marer"}  # two places: never joined
