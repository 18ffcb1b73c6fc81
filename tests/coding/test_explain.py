"""dyad explain: the same Pipeline as dyad code, with the parse, actors, coded and
blocked candidates with reasons, and the events as stored."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console

from dyad.cli.explain_cmd import explain_cmd, render_explanation
from dyad.coding import explain_sentence

pytestmark = pytest.mark.model


def test_explanation_shows_coded_and_blocked(pipeline):
    exp = explain_sentence("China refused to criticise Russia but Putin met Wang Yi.", dt.date(2023, 2, 22), pipeline)
    assert exp.tokens[0].text == "China" and exp.tokens[0].dep == "nsubj"
    assert [c.event for c in exp.coded] == ["CONSULT"]
    assert [c.blocked for c in exp.blocked] == ["refusal: refused"]
    assert exp.describe(exp.coded[0]).startswith("CONSULT (040) Putin [RUS GOV] → Wang Yi [CHN GOV]")
    assert [e.event for e in exp.events] == ["CONSULT"]
    assert exp.stages == pipeline.options.stages

    console = Console(record=True, width=200)
    render_explanation(exp, console)
    out = console.export_text()
    assert "refusal: refused" in out and "Coded" in out and "lexicon.yaml:" in out
    assert "Events (1, as `dyad code` stores them)" in out


def test_explain_cmd_is_a_callable_typer_command():
    assert callable(explain_cmd) and explain_cmd.__doc__
