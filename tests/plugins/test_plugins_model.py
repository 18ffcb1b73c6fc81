"""Plugin tests that code text with a plugin's stage or reader, and so need the spaCy model."""

from __future__ import annotations

import pytest

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
