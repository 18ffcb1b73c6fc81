"""dyad explain: the parse, actors, coded and blocked candidates with reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console

from dyad.cli.explain_cmd import explain_cmd, render_explanation
from dyad.coding import explain_sentence

pytestmark = pytest.mark.model


def test_explanation_shows_coded_and_blocked(to_mentions):
    exp = explain_sentence(
        "China refused to criticise Russia but Putin met Wang Yi.",
        dt.date(2023, 2, 22),
        resolve=lambda doc, _date: to_mentions(doc),
    )
    assert exp.tokens[0].text == "China" and exp.tokens[0].dep == "nsubj"
    assert [c.event for c in exp.coded] == ["CONSULT"]
    assert [c.blocked for c in exp.blocked] == ["refusal: refused"]
    assert exp.describe(exp.coded[0]).startswith("CONSULT (040) Putin [RUS GOV] → Wang Yi [CHN GOV]")

    console = Console(record=True, width=200)
    render_explanation(exp, console)
    out = console.export_text()
    assert "refusal: refused" in out and "Coded" in out and "lexicon.yaml:" in out


def test_explain_cmd_is_a_callable_typer_command():
    assert callable(explain_cmd) and explain_cmd.__doc__
