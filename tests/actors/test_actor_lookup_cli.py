"""explain_lookup and ``dyad actors lookup`` (needs the model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.actors import load_knowledge_base
from dyad.actors.explain import explain_lookup
from dyad.cli.actors_cmd import actors_app

pytestmark = pytest.mark.model
CONTEXT = "Chinese diplomat Wang Yi arrived in Moscow. Mr Wang met officials."


def test_explain_alone_lists_candidates_and_date_checks(nlp) -> None:  # noqa: ANN001
    result = explain_lookup("Mr Wang", dt.date(2023, 2, 22), nlp=nlp)
    wang_yi = next(c for c in result.considered if "Wang Yi" in c.description)
    kept = [r.title for r in wang_yi.roles if r.kept]
    dropped = [r.reason for r in wang_yi.roles if not r.kept]
    assert kept == ["director of the Office of the Central Foreign Affairs Commission"]
    assert any("ended 2022-12-30" in reason for reason in dropped)
    assert any("starts 2023-07-25" in reason for reason in dropped)
    # Two Wangs in office that day: alone, the surname is not enough to choose.
    assert result.entities and result.entities[0].code is None


def test_explain_in_context_follows_coreference(nlp) -> None:  # noqa: ANN001
    result = explain_lookup("Mr Wang", dt.date(2023, 2, 22), CONTEXT, nlp=nlp)
    (entity,) = result.entities
    assert (entity.entity_name, entity.code, entity.sector) == ("Wang Yi", "CHN", "GOV")
    assert entity.resolution and entity.resolution.startswith("coreference")


def test_cli_lookup_prints_entities(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(CONTEXT, encoding="utf-8")
    result = CliRunner().invoke(actors_app, ["lookup", "Mr Wang", "--date", "2023-02-22", "--text", str(text)])
    assert result.exit_code == 0, result.output
    assert "Wang Yi" in result.output and "CHN" in result.output


def test_cli_lookup_reports_bad_actor_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {id: x\n", encoding="utf-8")
    result = CliRunner().invoke(actors_app, ["lookup", "Nato", "--date", "2023-02-22", "--actors", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output


def test_cli_rejects_bad_date() -> None:
    result = CliRunner().invoke(actors_app, ["lookup", "Nato", "--date", "22/02/2023"])
    assert result.exit_code == 2


def test_explain_shows_a_fuzzy_match_with_its_score(nlp) -> None:  # noqa: ANN001
    result = explain_lookup("Vladimir Puttin", dt.date(2010, 5, 1), "Vladimir Puttin arrived in Minsk.", nlp=nlp)
    putin = next(c for c in result.considered if "Vladimir Putin" in c.description)
    assert "fuzzy" in putin.matched_as and "score" in putin.matched_as
    assert [r.title for r in putin.roles if r.kept] == ["prime minister"]


def test_phoenix_office_holder_resolves_on_a_date_in_office(nlp) -> None:  # noqa: ANN001
    # Not in our hand-written people; from the opt-in Phoenix dictionaries (CountryInfo, to 2014).
    result = explain_lookup("Babrak Karmal", dt.date(1983, 6, 1), kb=load_knowledge_base(["phoenix"]), nlp=nlp)
    (entity,) = result.entities
    assert (entity.code, entity.sector) == ("AFG", "GOV")
