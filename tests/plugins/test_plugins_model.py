"""Plugin tests that code text with a plugin's stage or reader, and so need the spaCy model."""

from __future__ import annotations

import json

import pytest
from test_plugin_dist import run

import dyad.plugins
from dyad.plugins import DataFiles


@pytest.mark.model
def test_the_pipeline_loads_data_plugin_files(monkeypatch, tmp_path):
    from dyad.pipeline import Pipeline
    from dyad.where.geocoder import geocode_text

    (tmp_path / "lexicon.yaml").write_text('verbs:\n  - {verb: zorble, event: ASSAULT, cameo: "190", recipient: [dobj]}\n')
    (tmp_path / "actors.yaml").write_text("groups:\n  - {identifier: ZLF, name: Zorvanian Liberation Front, country: KEN, sector: REB}\n")
    (tmp_path / "places.yaml").write_text("places:\n  - {name: Zorvania Camp, country: KE, feature: populated_place, lat: 1.25, lon: 38.5}\n")
    files = DataFiles(actors=(tmp_path / "actors.yaml",), lexicon=(tmp_path / "lexicon.yaml",), places=(tmp_path / "places.yaml",))
    monkeypatch.setattr(dyad.plugins, "data_files", lambda: files)
    pipeline = Pipeline()
    assert "zorble" in pipeline.resources.lexicon.verbs
    assert "ZLF" in pipeline.resources.knowledge_base.groups
    place = geocode_text("Zorvania Camp", geocoder=pipeline.geocoder)
    assert place is not None and place.lat == 1.25


@pytest.mark.model
def test_dyad_code_reads_a_foo_file_with_the_plugin_reader_and_data(foo_site, wire, tmp_path):
    done = run(foo_site, "code", str(wire), "--no-db", "-f", "jsonl", "-j", "1", cwd=tmp_path)
    assert done.returncode == 3, done.stderr  # coded, with one line rejected
    assert "in the future" in done.stderr and "wire.foo:2" in done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    attack = next(e for e in events if e["event"] == "ASSAULT")
    assert attack["article_id"] == "wire-1"
    # The actor comes from the plugin's actors.yaml, the place from its places.yaml.
    assert any(a.get("identifier_id") == "ZLF" and a["code"] == "KEN" for a in attack["actor"]), attack["actor"]
    assert attack["event_loc"]["lat"] == 1.25
    assert "<b>" not in attack["text"]  # cleaned by the validator
