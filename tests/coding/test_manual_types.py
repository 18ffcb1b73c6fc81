"""Types the PLOVER manual settles where the 2021 crosswalk said otherwise (issue 13:
wrong types on wire copy), and a wording that had another type's pattern.
Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.coding.explain import explain_doc
from dyad.records import Article

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "event", "mode"),
    [
        # "Convictions … SANCTION convict" (the manual), not an allegation
        ("A court in Kenya convicted the former governor of fraud.", "SANCTION", "convict"),
        # "Expressions of regret or remorse … CONCEDE"
        ("The Danish government made an apology to Ghana over the colonial era.", "CONCEDE", None),
        # "removing curfews" is a verbal concession
        ("Nepal lifted the curfew in Kathmandu on Sunday.", "CONCEDE", None),
        # lifting an order (the annotation guide: CONCEDE)
        ("A Peruvian court lifted the orders against the newspaper.", "CONCEDE", None),
    ],
)
def test_the_manual_types(nlp, text, event, mode):
    ex = explain_doc(nlp(text), [], dt.date(2025, 3, 1))
    assert (event, mode) in {(c.event, c.mode) for c in (*ex.coded, *ex.blocked)}, text


def events_of(pipeline, text: str) -> list[tuple[str, str | None]]:
    """The full pipeline's events (the sentence's named people resolved by the knowledge base)."""
    return [(e.event, e.mode) for e in pipeline.code(Article(id="t", date=dt.date(2025, 3, 1), text=text))]


def test_attacking_a_party_for_what_it_did_is_criticism(pipeline):
    events = events_of(pipeline, "President Trump attacked Canada for refusing to cut its tariffs.")
    assert events == [("ACCUSE", "disapprove")]

