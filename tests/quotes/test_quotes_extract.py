"""Quote attribution on the seed article and invented wire sentences."""

from __future__ import annotations

import pytest

from dyad.quotes import extract_quotes

pytestmark = pytest.mark.model


@pytest.fixture
def speakers(nlp, ner_mentions):  # type: ignore[no-untyped-def]
    return lambda text: _speakers(nlp, ner_mentions, text)


def _speakers(nlp, mentions_from_ner, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [
        (q.text, None if q.speaker is None else q.speaker.entity_name or q.speaker.entity_text)
        for q in extract_quotes(doc, mentions_from_ner(doc), "t")
    ]


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("our ties have continued", "Sergei Lavrov"),
        ("no limits", "Wang Yi"),
        ("serious problem", "Antony Blinken"),
        ("very heavy battle", "Serhii Haidai"),
        ("scorched-earth tactics", "Pavlo Kyrylenko"),
    ],
)
def test_seed_quotes(seed_doc, ner_mentions, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    _day, doc = seed_doc
    quotes = extract_quotes(doc, ner_mentions(doc), "seed")
    quote = next(q for q in quotes if q.text.startswith(fragment))
    assert quote.speaker is not None and quote.speaker.entity_name == speaker
    assert doc.text[quote.start : quote.end] == quote.text
    assert quote.id == f"seed-q{quote.start}" and fragment in quote.sentence


def test_quote_after_speech_names_speaker_after(speakers) -> None:  # type: ignore[no-untyped-def]
    text = "“We will not retreat from the city,” said General Omar Haddad, the regional commander."
    assert speakers(text) == [("We will not retreat from the city", "Omar Haddad")]


def test_quote_spanning_sentences(speakers) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Maria Lopez spoke to reporters in Lima. “The vote was fair. The count was checked twice. "
        "We accept the result,” Lopez said."
    )
    ((quoted, speaker),) = speakers(text)
    assert quoted == "The vote was fair. The count was checked twice. We accept the result"
    assert speaker is not None and speaker.endswith("Lopez")


def test_pronoun_speaker_goes_to_last_person(speakers) -> None:  # type: ignore[no-untyped-def]
    text = "Prime Minister Anna Berg met farmers in Oslo on Monday. She said “prices will fall soon”."
    assert speakers(text) == [("prices will fall soon", "Anna Berg")]


def test_continuation_keeps_previous_speaker(speakers) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“We need more time,” said Peter Novak, the chief negotiator.\n\n"
        "“The gaps are still wide. Both sides know it.”"
    )
    assert speakers(text) == [
        ("We need more time", "Peter Novak"),
        ("The gaps are still wide. Both sides know it.", "Peter Novak"),
    ]


def test_quote_without_any_cue_has_no_speaker(speakers) -> None:  # type: ignore[no-untyped-def]
    text = "The film “Silent River” opened in cinemas last year."
    assert speakers(text) == [("Silent River", None)]


def test_according_to(speakers) -> None:  # type: ignore[no-untyped-def]
    text = "The attack was “a deliberate provocation”, according to Defence Minister Ivan Petrov."
    assert speakers(text) == [("a deliberate provocation", "Ivan Petrov")]


@pytest.mark.parametrize(
    "fragment, name, code",
    [
        ("our ties have continued", "Sergei Lavrov", "RUS"),
        ("no limits", "Wang Yi", "CHN"),
        ("serious problem", "Antony Blinken", "USA"),
        ("very heavy battle", "Serhii Haidai", "UKR"),
    ],
)
def test_seed_quotes_with_actor_resolver(seed_doc, fragment: str, name: str, code: str) -> None:  # type: ignore[no-untyped-def]
    from dyad.actors.resolve import ActorResolver

    day, doc = seed_doc
    quotes = extract_quotes(doc, ActorResolver().resolve(doc, day), "seed")
    speaker = next(q for q in quotes if q.text.startswith(fragment)).speaker
    assert speaker is not None
    assert (speaker.entity_name, speaker.code, speaker.sector) == (name, code, "GOV")
