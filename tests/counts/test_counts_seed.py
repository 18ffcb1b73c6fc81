"""The killed civilians of the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.counts import count_event, find_counts

pytestmark = pytest.mark.model
# shared/ sits beside the repository checkout (also in CI)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "2023-02-22-russia-china-moscow.txt"


def test_seed_dead_civilians() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    from dyad.nlp import load_model

    first, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    doc = load_model()(first.split(" ", 3)[3] + "\n\n" + body.lstrip("\n"))
    sentence = next(s for s in doc.sents if "presidential office" in s.text)
    killed = next(t.i for t in sentence if t.text == "killed")
    said = next(t.i for t in sentence if t.text == "said")
    expected = [("dead", 7, "at_least", "CVL")]
    assert [(c.kind, c.value, c.qualifier, c.group) for c in count_event(doc, killed)] == expected
    # coded on the reporting verb, the sentence still reports the casualties
    assert [(c.kind, c.value, c.qualifier, c.group) for c in count_event(doc, said)] == expected


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from dyad.nlp import load_model

    return load_model()


def _counts(nlp, text: str) -> list[tuple[str, int, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(c.kind, c.value, c.qualifier, c.group) for c in find_counts(next(iter(nlp(text).sents)))]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least seven civilians were killed in the shelling.", [("dead", 7, "at_least", "CVL")]),
        ("A missile struck the market, killing 23 people.", [("dead", 23, "exact", "CVL")]),
        ("Dozens were wounded.", [("injured", 24, "about", None)]),
        ("Police arrested 40 protesters.", [("arrested", 40, "exact", "OPP")]),
        ("Thousands marched in the capital on Sunday.", [("crowd", 2000, "about", None)]),
        ("Officials reported a death toll of 12.", [("dead", 12, "exact", None)]),
        ("The blast left five dead.", [("dead", 5, "exact", None)]),
        ("Three soldiers died in the ambush.", [("dead", 3, "exact", "MIL")]),
        ("More than 300 militants were killed, the army said.", [("dead", 300, "more_than", "REB")]),
        ("Up to 50 people were detained.", [("arrested", 50, "at_most", "CVL")]),
        ("Officials said fewer than ten people were hurt.", [("injured", 10, "fewer_than", "CVL")]),
        ("Nearly 100 troops were killed.", [("dead", 100, "about", "MIL")]),
        ("Gunmen shot dead two police officers.", [("dead", 2, "exact", "COP")]),
        ("Tens of thousands of protesters rallied outside parliament.", [("crowd", 20000, "about", "OPP")]),
        ("The bombing killed 4 and injured 15.", [("dead", 4, "exact", None), ("injured", 15, "exact", None)]),
        ("A crowd of 5,000 gathered in the square.", [("crowd", 5000, "exact", None)]),
    ],
)
def test_count_patterns(nlp, text: str, expected: list[tuple[str, int, str, str | None]]) -> None:  # type: ignore[no-untyped-def]
    assert _counts(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The army fired 40 missiles at the city.",
        "A 23-year-old man was arrested in 2019.",
        "Twelve gunmen killed the guard.",  # the killers are not the dead
        "The talks lasted three hours.",
        "No one was killed in the fire.",
    ],
)
def test_numbers_that_are_not_counts(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [c for c in _counts(nlp, text) if c[0] == "dead" or c[1] in (40, 23, 2019, 3, 1)] == []


@pytest.mark.model
def test_offsets_cover_qualifier_and_group(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Officials said at least seven civilians were killed.")
    (count,) = find_counts(next(iter(doc.sents)))
    assert doc.text[count.start : count.end] == "at least seven civilians" == count.text


@pytest.mark.model
def test_counts_attach_to_their_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Troops killed five militants and police arrested 12 people.")
    killed = next(t.i for t in doc if t.text == "killed")
    arrested = next(t.i for t in doc if t.text == "arrested")
    assert [(c.kind, c.value) for c in count_event(doc, killed)] == [("dead", 5)]
    assert [(c.kind, c.value) for c in count_event(doc, arrested)] == [("arrested", 12)]


@pytest.mark.model
def test_event_noun_gets_counts_of_its_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Seven civilians were killed in the shelling of the town.")
    shelling = next(t.i for t in doc if t.text == "shelling")
    assert [(c.kind, c.value, c.group) for c in count_event(doc, shelling)] == [("dead", 7, "CVL")]
