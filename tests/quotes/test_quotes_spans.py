"""Finding quotation marks (no model needed)."""

from __future__ import annotations

from dyad.quotes import find_quote_spans


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


def test_curly_and_straight_quotes() -> None:
    text = 'She said “we will stay” and he said "we will leave" too.'
    assert _texts(text) == ["we will stay", "we will leave"]


def test_trailing_comma_is_not_quoted() -> None:
    assert _texts("“We are ready,” the minister said.") == ["We are ready"]


def test_quote_spanning_sentences_is_one_span() -> None:
    text = "“The talks went well. We will meet again. Nothing is settled,” she said."
    assert _texts(text) == ["The talks went well. We will meet again. Nothing is settled"]


def test_quote_carried_over_a_paragraph() -> None:
    text = "He said: “The first part.\n\n“The second part,” he added."
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["The first part.", "The second part"]
    assert spans[0].continued and spans[1].continues_previous


def test_inch_marks_and_stray_closers_are_ignored() -> None:
    assert _texts("A 5\"10 man” walked in.") == []


def test_offsets_exclude_marks() -> None:
    text = "x “abc” y"
    (span,) = find_quote_spans(text)
    assert text[span.open] == "“" and text[span.close - 1] == "”" and text[span.start : span.end] == "abc"


def test_mixed_curly_and_straight_marks_pair_up() -> None:
    assert _texts('He said “we are ready" and left.') == ["we are ready"]
