"""PLV sentences with annotated contexts as extra training rows for the context classifier (logic tests)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from context_events import two_context_rows

from dyad.contexts.lexicon import GENERAL_CONTEXTS
from dyad.contexts.plv import labels_digest, plv_examples, read_labels
from dyad.contexts.train_model import PLV_FEATURE, fit_model, weighted
from dyad.errors import ConfigError


def _sentences(tmp_path: Path) -> Path:
    # Invented sentences in PLV's format (the real ones stay in the shared folder).
    rows = [
        {"id": "plv_train-1", "text": "Ruritanian troops shelled the border town.", "event": "ASSAULT"},
        {"id": "plv_train-2", "text": "Borduvia lifted its ban on Ruritanian wheat.", "event": "YIELD"},
        {"id": "plv_train-2", "text": "Borduvia lifted its ban on Ruritanian wheat.", "event": "YIELD"},
        {"id": "plv_train-3", "text": "Nobody annotated this one.", "event": "CONSULT"},
    ]
    path = tmp_path / "plv_train.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_packaged_labels_name_only_manual_contexts_by_sentence_id():
    labels = read_labels()
    assert len(labels) >= 400
    assert all(i.startswith("plv_train-") for i in labels)
    assert {c for cs in labels.values() for c in cs} <= set(GENERAL_CONTEXTS)
    assert labels_digest().startswith("plv_train_contexts.jsonl sha1:")


def test_a_label_file_with_an_unknown_context_is_an_error(tmp_path: Path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"id": "plv_train-1", "context": ["military"]}\n{"id": "plv_train-2", "context": ["warfare"]}\n')
    with pytest.raises(ConfigError, match=r"labels.jsonl:2: not a general context: warfare"):
        read_labels(path)


def test_each_labelled_sentence_is_a_one_sentence_article_with_its_event(tmp_path: Path):
    labels = {"plv_train-1": frozenset({"military", "territory"}), "plv_train-2": frozenset({"economic"})}
    articles, examples = plv_examples(_sentences(tmp_path), labels)
    assert sorted(articles) == ["plv_train-1", "plv_train-2"]  # unlabelled skipped, a repeated id read once
    first, second = examples
    assert first.gold == {"military", "territory"} and first.event.event == "ASSAULT"
    assert second.event.event == "RETREAT"  # PLV's YIELD, today's RETREAT or CONCEDE
    text = articles["plv_train-1"].text
    assert (first.event.offsets.sentence_start, first.event.offsets.sentence_end) == (0, len(text))


def test_plv_rows_join_the_fit_weighted_and_marked():
    rows = two_context_rows(40, 8)
    assert weighted(rows, 0.0) == []
    # Lone sentences that say "troops" and are all military: more often than the VOA rows are.
    lone = [replace(r, article_id=f"plv_train-{i}", gold=frozenset({"military"})) for i, r in enumerate(rows[:10])]
    extra = weighted(lone, 2.0)
    assert all(r.weight == 2.0 and r.shared[PLV_FEATURE] == 1.0 for r in extra)
    assert all(PLV_FEATURE not in r.shared and r.weight == 1.0 for r in rows)
    plain = fit_model(rows, ("military",), 0.3, None, False, "s")
    more = fit_model([*rows, *extra], ("military",), 0.3, None, False, "s")
    assert PLV_FEATURE in more.weights["military"] and PLV_FEATURE not in plain.weights["military"]
    assert more.weights["military"]["s:troops"] != plain.weights["military"]["s:troops"]
